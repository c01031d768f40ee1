// `toplines reanalyze --jobs N`: the surveys of a large archive analysed and
// written in N worker threads (worker.ts), their text put back in the
// document's order here. Each survey is independent of the others — the
// engine analyses one at a time, and the summary only counts — so the
// output is byte for byte what one thread writes.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ReanalyzeInput, SOURCE_ROW, type Summary, sourceRowsOf } from '@toplines/data';
import {
  type ShardData,
  type ShardMessage,
  type TableData,
  WORKER_KIND,
  type WorkerReply,
  type WorkerSetup,
} from './worker';

/** Below this many results rows, `--jobs` is 1 unless given: starting threads costs more than it saves. */
export const PARALLEL_ROWS = 20_000;

/** At most this many threads unless `--jobs` says more. */
const DEFAULT_MAX_JOBS = 4;

/**
 * How many threads a reanalysis of `rows` results rows uses: `given`
 * (`--jobs N`) when given; else 1 below {@link PARALLEL_ROWS} rows, and
 * otherwise the machine's available parallelism, at most 4.
 *
 * @example
 * jobsFor(undefined, 500); // => 1
 * jobsFor(3, 500); // => 3
 */
export function jobsFor(given: number | undefined, rows: number): number {
  if (given !== undefined) return given;
  if (rows < PARALLEL_ROWS) return 1;
  return Math.max(1, Math.min(DEFAULT_MAX_JOBS, availableParallelism()));
}

/**
 * The worker's script beside the built command (dist/reanalyze-worker.js),
 * or null where there is none (the sources run by the tests, in-process):
 * the reanalysis then runs in one thread.
 */
export function workerScript(): string | null {
  const here =
    typeof __filename === 'string' ? dirname(__filename) : dirname(fileURLToPath(import.meta.url));
  const script = join(here, 'reanalyze-worker.js');
  return existsSync(script) ? script : null;
}

/** What {@link ReanalysisThreads.run} needs. */
export interface ParallelPlan {
  /** Every worker's setup but the tables, which are taken from `tables`. */
  setup: Omit<WorkerSetup, 'surveys' | 'questions'>;
  tables: Exclude<ReanalyzeInput, { resources: unknown }>;
  /** The surveys in the document's order (the engine's `surveyIds`). */
  ids: readonly string[];
  /** Called after each survey with its number of questions (progress). */
  onSurvey?: (questions: number) => void;
}

/** The surveys' text in order, as it comes from the workers, and their summary once all have come. */
export interface ParallelSurveys {
  pieces: AsyncGenerator<Uint8Array, void, undefined>;
  /** The counts of every survey (after `pieces` has ended). */
  summary(): Summary;
}

/** Each shard holds about rows / (jobs × SHARDS_PER_JOB) rows: small enough to balance the threads. */
const SHARDS_PER_JOB = 16;

/**
 * Heap sizes of a thread, in MB. A thread holds its shard's rows and one
 * survey's analysis and text at a time (under 100 MB live); the old space's
 * limit keeps V8 collecting rather than growing the process past its memory
 * bound (#18). A young generation larger than a thread's default (16 MB)
 * makes fewer, cheaper collections of the many short-lived objects an
 * analysis makes: 48 MB took the 200,000-row archive's --ndjson from 14–16 s
 * to 13 s in single runs (2 threads) and keeps it under 500 MB; 64 MB did not.
 */
const THREAD_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 };

/**
 * The worker threads of one reanalysis, none running when it is made:
 * {@link spawn} starts them (the command does once the input's garbage is
 * collected, so that their memory does not come on top of the reading's),
 * {@link run} gives them the work (and starts them if need be), {@link stop}
 * ends them and must be called on every path, an error's too (a live thread
 * keeps the process running).
 */
export class ReanalysisThreads {
  private readonly workers: Worker[] = [];
  private readonly errors: Error[] = [];
  private listener: (() => void) | null = null;

  private constructor(
    readonly jobs: number,
    private readonly script: string,
  ) {}

  /** Threads to run `script` (see {@link workerScript}), `jobs` of them: none runs yet. */
  static of(jobs: number, script: string): ReanalysisThreads {
    return new ReanalysisThreads(jobs, script);
  }

  /**
   * Starts the threads, if not yet started ({@link run} does when its first
   * piece is asked for): they load their modules meanwhile.
   */
  spawn(): Worker[] {
    for (let i = this.workers.length; i < this.jobs; i++) {
      const worker = new Worker(this.script, {
        workerData: WORKER_KIND,
        stdout: false,
        stderr: false,
        resourceLimits: THREAD_LIMITS,
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a reanalysis thread stopped (exit code ${code})`));
      });
      this.workers.push(worker);
    }
    return this.workers;
  }

  /** Ends every thread (what it was doing is dropped). */
  async stop(): Promise<void> {
    this.listener = null;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private fail(error: Error): void {
    this.errors.push(error);
    this.listener?.();
  }

  /**
   * Analyses the surveys a shard (a run of consecutive surveys) at a time
   * and gives back each survey's text as UTF-8 in the document's order. A
   * thread is given the next shard only while it is at most `jobs` shards
   * ahead of the one being written, so that the text waiting here stays near
   * `jobs` shards' worth, however slowly it is written out. A thread that
   * fails ends the run with its error. Runs once.
   */
  run(plan: ParallelPlan): ParallelSurveys {
    const columns = tableData(plan.tables.results);
    const source = columns.columns[columns.names.indexOf(SOURCE_ROW)];
    const carried = source === undefined ? null : sourceRowsOf(source);
    const shards = planShards(plan.ids, columns, this.jobs);
    const setup: WorkerSetup = {
      ...plan.setup,
      surveys: plan.tables.surveys === undefined ? null : tableData(plan.tables.surveys),
      questions: plan.tables.questions === undefined ? null : tableData(plan.tables.questions),
    };
    const onSurvey = plan.onSurvey;
    const state = shards.map(() => ({ pieces: [] as Uint8Array[], done: false }));
    let summary: Summary | null = null;
    let wake: (() => void) | null = null;
    const signal = () => {
      wake?.();
      wake = null;
    };
    this.listener = signal;
    const idle: Worker[] = [];
    let next = 0;
    let current = 0;
    const dispatch = () => {
      while (idle.length > 0 && next < shards.length && next <= current + this.jobs) {
        const worker = idle.pop() as Worker;
        const data = shardData(columns, shards[next] as Shard, carried);
        const message: ShardMessage = { kind: 'shard', shard: next, data };
        worker.postMessage(message);
        next++;
      }
    };
    const start = () => {
      for (const worker of this.spawn()) {
        worker.postMessage({ kind: 'setup', setup });
        worker.on('message', (reply: WorkerReply) => {
          const at = state[reply.shard];
          if (at === undefined) return;
          if (reply.kind === 'survey') {
            at.pieces.push(reply.bytes);
            onSurvey?.(reply.questions);
          } else if (reply.kind === 'done') {
            at.done = true;
            summary = summary === null ? reply.summary : addCounts(summary, reply.summary);
            idle.push(worker);
            dispatch();
          } else {
            const error = new Error(reply.message);
            if (reply.stack !== null) error.stack = reply.stack;
            this.errors.push(error);
          }
          signal();
        });
        idle.push(worker);
      }
      dispatch();
    };
    const errors = this.errors;
    async function* pieces(): AsyncGenerator<Uint8Array, void, undefined> {
      start();
      while (current < shards.length) {
        if (errors.length > 0) throw errors[0];
        const at = state[current] as (typeof state)[number];
        const piece = at.pieces.shift();
        if (piece !== undefined) {
          yield piece;
          continue;
        }
        if (at.done) {
          current++;
          dispatch();
          continue;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
    return {
      pieces: pieces(),
      summary() {
        if (summary === null) throw new Error('the summary is known only after the last survey');
        return summary;
      },
    };
  }
}

/** A run of consecutive surveys and their results rows, in the table's order. */
interface Shard {
  ids: string[];
  rows: number[];
}

/**
 * The surveys cut into shards of about rows / (jobs × 16) rows, never
 * splitting a survey. A survey's rows are those whose survey_id cell is that
 * id as a string (what the engine selects), in the table's order.
 */
function planShards(ids: readonly string[], columns: TableData, jobs: number): Shard[] {
  const surveyIds = columns.columns[columns.names.indexOf('survey_id')] ?? [];
  const rowsOf = new Map<string, number[]>();
  for (const id of ids) rowsOf.set(id, []);
  for (let i = 0; i < surveyIds.length; i++) {
    const id = surveyIds[i];
    if (typeof id === 'string') rowsOf.get(id)?.push(i);
  }
  const target = Math.max(1, Math.ceil(surveyIds.length / (jobs * SHARDS_PER_JOB)));
  const shards: Shard[] = [];
  let shard: Shard = { ids: [], rows: [] };
  for (const id of ids) {
    shard.ids.push(id);
    for (const i of rowsOf.get(id) ?? []) shard.rows.push(i);
    if (shard.rows.length >= target) {
      shards.push(shard);
      shard = { ids: [], rows: [] };
    }
  }
  if (shard.ids.length > 0) shards.push(shard);
  return shards;
}

type Table = Exclude<ReanalyzeInput, { resources: unknown }>['results'];

/**
 * A whole table as {@link TableData}: each column read once (a filtered or
 * ordered table's in its row order).
 *
 * @example
 * tableData(load().results).names[0]; // => 'survey_id'
 */
export function tableData(t: Table): TableData {
  const names = t.columnNames();
  // A table as the readers give it lends its own arrays (array() would copy each).
  const plain = !t.isFiltered() && !t.isOrdered();
  const read = (name: string) => {
    const own = plain ? t.column(name) : undefined;
    return Array.isArray(own) ? own : (t.array(name) as ArrayLike<unknown>);
  };
  return { names, columns: names.map(read) };
}

/**
 * A shard as a thread reads it: its survey ids and its rows of the results,
 * with their places in the SOURCE_ROW column (the table's own, where
 * `sourceRowsOf` accepts them, else their indices).
 */
function shardData(
  columns: TableData,
  shard: Shard,
  carried: ArrayLike<unknown> | null,
): ShardData {
  const { rows } = shard;
  const names: string[] = [];
  const picked: unknown[][] = [];
  columns.names.forEach((name, c) => {
    if (name === SOURCE_ROW) return;
    const values = columns.columns[c] as ArrayLike<unknown>;
    names.push(name);
    picked.push(rows.map((i) => values[i]));
  });
  names.push(SOURCE_ROW);
  picked.push(carried === null ? [...rows] : rows.map((i) => carried[i]));
  return { ids: shard.ids, results: { names, columns: picked } };
}

/** Two summaries' counts added up (the adjustment is the same in both). */
function addCounts(a: Summary, b: Summary): Summary {
  const sum = { ...a } as Record<string, unknown>;
  for (const [key, value] of Object.entries(b)) {
    if (typeof value === 'number') sum[key] = ((sum[key] as number) ?? 0) + value;
  }
  return sum as unknown as Summary;
}
