// The worker-thread side of `toplines reanalyze --jobs N` (see parallel.ts):
// each shard of the archive arrives as a message, its surveys are analysed
// by the engine and written by the output's own writer, and each survey's
// text goes back as UTF-8 bytes (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import {
  type ReanalysisOptions,
  type ReanalyzeInput,
  reanalyzeSurveys,
  type Summary,
  type SurveyResult,
} from '@toplines/data';
import { table } from 'arquero';
import { makeStyle } from '../format/text';
import { jsonSurvey, ndjsonSurvey, type SurveySource } from './json';
import { reportWriter } from './terminal';

/** The outputs whose surveys' text a worker writes. */
export type OutputFormat = 'report' | 'json' | 'ndjson';

/** A table as it crosses to a worker: its column names and columns (structured-clone safe). */
export interface TableData {
  names: string[];
  columns: ArrayLike<unknown>[];
}

/** Marks a thread as this module's: the entry does nothing in a thread started by someone else. */
export const WORKER_KIND = 'toplines-reanalyze';

/** What every worker is sent first, once the input is read. */
export interface WorkerSetup {
  format: OutputFormat;
  /** The engine's options, as the command gives them to `reanalyzeSurveys` (but `surveys`, set per shard). */
  options: Omit<ReanalysisOptions, 'surveys' | 'warnings' | 'onProgress'>;
  /** The document's head (its warnings left out: no survey's text reads them) and planned counts. */
  head: SurveySource['head'];
  planned: SurveySource['planned'];
  /** The report's width and whether it is coloured. */
  width: number;
  color: boolean;
  /** The tables hold no text with a control character (the report need not search each survey). */
  cleanTables: boolean;
  /** The surveys and questions tables, whole: every shard's surveys read them. */
  surveys: TableData | null;
  questions: TableData | null;
}

/** A shard: a run of consecutive surveys, with their results rows (each with its place in the archive). */
export interface ShardData {
  ids: string[];
  results: TableData;
}

/** A shard as it is sent: its number and its {@link ShardData}. */
export interface ShardMessage {
  kind: 'shard';
  shard: number;
  data: ShardData;
}

/** What a worker sends back. */
export type WorkerReply =
  | { kind: 'survey'; shard: number; bytes: Uint8Array; questions: number }
  | { kind: 'done'; shard: number; summary: Summary }
  | { kind: 'failed'; shard: number; message: string; stack: string | null };

/**
 * A table made again from its {@link TableData}.
 *
 * @example
 * fromTableData({ names: ['a'], columns: [[1, 2]] }).numRows(); // => 2
 */
export function fromTableData(data: TableData) {
  const columns: Record<string, ArrayLike<unknown>> = {};
  data.names.forEach((name, i) => {
    columns[name] = data.columns[i] as ArrayLike<unknown>;
  });
  return table(columns, data.names);
}

/**
 * The text of one survey in the output `format`, written by that output's
 * own writer: what the command writes for it when it runs in one thread.
 */
export function surveyWriter(
  setup: Pick<WorkerSetup, 'format' | 'head' | 'planned' | 'width' | 'color' | 'cleanTables'>,
): (survey: SurveyResult) => string {
  if (setup.format === 'json') return jsonSurvey;
  if (setup.format === 'ndjson') return ndjsonSurvey;
  const writer = reportWriter(setup.head, setup.planned, {
    style: makeStyle(setup.color),
    width: setup.width,
    cleanTables: setup.cleanTables,
  });
  return (survey) => writer.survey(survey);
}

/**
 * Waits for its {@link WorkerSetup}, then analyses the shards it is sent,
 * one at a time, until the thread is stopped. Runs only in a worker thread
 * started with {@link WORKER_KIND} as its data (it is started before its
 * setup is sent, so that loading its modules overlaps the main thread's
 * last collection).
 */
export function serveShards(): void {
  const port = parentPort;
  if (port === null || workerData !== WORKER_KIND) return;
  let setup: WorkerSetup | null = null;
  let write: (survey: SurveyResult) => string = () => '';
  let sample = {};
  const encoder = new TextEncoder();
  port.on('message', (message: ShardMessage | { kind: 'setup'; setup: WorkerSetup }) => {
    if (message.kind === 'setup') {
      setup = message.setup;
      write = surveyWriter(setup);
      sample = {
        ...(setup.surveys === null ? {} : { surveys: fromTableData(setup.surveys) }),
        ...(setup.questions === null ? {} : { questions: fromTableData(setup.questions) }),
      };
      return;
    }
    const { shard } = message;
    try {
      if (setup === null) throw new Error('a shard came before the setup');
      const { data } = message;
      const input = { results: fromTableData(data.results), ...sample } as ReanalyzeInput;
      const stream = reanalyzeSurveys(input, { ...setup.options, surveys: data.ids });
      for (const survey of stream.surveys) {
        const bytes = encoder.encode(write(survey));
        const reply: WorkerReply = {
          kind: 'survey',
          shard,
          bytes,
          questions: survey.questions.length,
        };
        port.postMessage(reply, [bytes.buffer]);
      }
      const done: WorkerReply = { kind: 'done', shard, summary: stream.summary() };
      port.postMessage(done);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      const failed: WorkerReply = {
        kind: 'failed',
        shard,
        message: error.message,
        stack: error.stack ?? null,
      };
      port.postMessage(failed);
    }
  });
}
