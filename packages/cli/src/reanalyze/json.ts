import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Reanalysis, ReanalysisStream, SurveyResult } from '@toplines/data';
import { VERSION } from '../version';

/**
 * The `--json` document: the reanalysis with the tool's name and version,
 * `schemaVersion` first. Stable: fields are added, never renamed or removed
 * without a new schemaVersion. Proportions in [0, 1]; percent units only in
 * fields named `percent…`; unknowns are null.
 *
 * @example
 * toJson(doc).schemaVersion; // => 2
 */
export function toJson(doc: Reanalysis): Record<string, unknown> {
  const { schemaVersion, ...rest } = doc;
  return { schemaVersion, tool: { name: 'toplines', version: VERSION }, ...rest };
}

/** What the streaming writers read: a {@link ReanalysisStream}, or a whole document made into one. */
export interface SurveySource {
  head: ReanalysisStream['head'];
  /** What the summary will count, known before the surveys (the report's first lines). */
  planned: ReanalysisStream['planned'];
  surveys: Iterable<SurveyResult>;
  finish: ReanalysisStream['finish'];
}

/**
 * A whole reanalysis as a {@link SurveySource}, for the writers (the report
 * of `--out`, which needs the document whole anyway, and the tests).
 *
 * @example
 * sourceOf(reanalyze(load())).planned.surveys; // => 10
 */
export function sourceOf(doc: Reanalysis): SurveySource {
  const { schemaVersion, input, options, warnings, summary, surveys, acrossPolls } = doc;
  return {
    head: { schemaVersion, input, options, warnings },
    planned: { surveys: summary.surveys, questions: summary.questions, figures: summary.figures },
    surveys,
    finish: () => ({ summary, acrossPolls }),
  };
}

/** Above this many characters, the surveys' JSON waits in a temporary file rather than in memory. */
const SPOOL_IN_MEMORY = 8 * 1024 * 1024;

/**
 * The `--json` document piece by piece: exactly the text of
 * `JSON.stringify(toJson(doc), null, 2)` and a newline, but never the whole
 * of it as one string (V8 refuses strings past 512 MB, which a 200,000-row
 * archive's document exceeds). The document puts `summary` before `surveys`,
 * so each survey's text is set aside as it is computed (in memory while
 * small, else in a temporary file, removed afterwards) and written out after
 * the head and summary: memory holds one survey at a time.
 *
 * @param source - the reanalysis, one survey at a time
 * @param spooling - where the surveys' text waits (for the tests; the defaults suit any size)
 * @returns the pieces of text, in order (the caller writes each and may wait for the stream to
 *   drain), with an empty piece after each survey is set aside
 * @example
 * // reanalyzeSurveys(load()) streams the same document; doc is reanalyze(load())
 * [...jsonText(sourceOf(doc))].join('') === `${JSON.stringify(toJson(doc), null, 2)}\n`; // => true
 */
export function* jsonText(
  source: SurveySource,
  spooling: SpoolOptions = {},
): Generator<string, void, undefined> {
  const writer = jsonWriter(source.head, spooling);
  try {
    for (const survey of source.surveys) {
      writer.survey(jsonSurvey(survey));
      // Nothing to write yet: an empty piece hands the caller each survey's turn (memory, progress).
      yield '';
    }
    yield* writer.end(source.finish()) as Iterable<string>;
  } finally {
    writer.close();
  }
}

/** What the output writers are given for a survey and give back: text, or its UTF-8 bytes. */
export type Piece = string | Uint8Array;

/**
 * The `--json` document's parts as {@link jsonText} writes them, for a caller
 * that takes the surveys' text from elsewhere (worker threads, each writing
 * {@link jsonSurvey} as UTF-8): `survey` sets each aside (in memory while
 * small, else in a temporary file), `end` gives the whole document in
 * pieces, `close` removes the temporary file. The pieces set aside are all
 * text or all bytes; `end` gives them back as they came.
 *
 * @example
 * const writer = jsonWriter(sourceOf(doc).head);
 * for (const survey of doc.surveys) writer.survey(jsonSurvey(survey));
 * const text = [...writer.end(doc)].join('');
 * writer.close();
 * text === `${JSON.stringify(toJson(doc), null, 2)}\n`; // => true
 */
export function jsonWriter(
  head: SurveySource['head'],
  spooling: SpoolOptions = {},
): {
  survey(piece: Piece): void;
  end(tail: ReturnType<SurveySource['finish']>): Generator<Piece, void, undefined>;
  close(): void;
} {
  const spool = new Spool(spooling);
  let first = true;
  return {
    survey(piece) {
      if (!first) spool.write(typeof piece === 'string' ? ',\n' : COMMA);
      spool.write(piece);
      first = false;
    },
    *end({ summary, acrossPolls }) {
      yield headText(head, summary);
      if (first) yield '  "surveys": [],\n';
      else {
        yield '  "surveys": [\n';
        yield* spool.drain();
        yield '\n  ],\n';
      }
      yield `  "acrossPolls": ${nested(acrossPolls, 1)}\n}\n`;
    },
    close: () => spool.close(),
  };
}

/** The separator of two surveys' text, as UTF-8. */
const COMMA = new TextEncoder().encode(',\n');

/**
 * One survey's text in the `--json` document, indented as it stands there
 * (what {@link jsonWriter} sets aside for it).
 *
 * @example
 * jsonSurvey(doc.surveys[0]).startsWith('    {\n      "surveyId"'); // => true
 */
export function jsonSurvey(survey: SurveyResult): string {
  return `    ${nested(survey, 2)}`;
}

/** The document's text up to `"surveys"`: `{`, schemaVersion, tool, input, options, summary, warnings. */
function headText(head: SurveySource['head'], summary: Reanalysis['summary']): string {
  const { schemaVersion, input, options, warnings } = head;
  const tool = { name: 'toplines', version: VERSION };
  const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${nested(value, 1)},\n`;
  return `{\n${field('schemaVersion', schemaVersion)}${field('tool', tool)}${field('input', input)}${field('options', options)}${field('summary', summary)}${field('warnings', warnings)}`;
}

/**
 * The `--json` document of a whole reanalysis (reanalysis.json of `--out`)
 * piece by piece, one survey a piece: exactly the text of
 * `JSON.stringify(toJson(doc), null, 2)` and a newline, in the document's own
 * key order, never as one string (a 200,000-row archive's is past V8's
 * longest string, #18). No spool: the whole document is at hand.
 *
 * @example
 * [...wholeJsonText(doc)].join('') === `${JSON.stringify(toJson(doc), null, 2)}\n`; // => true
 */
export function* wholeJsonText(doc: Reanalysis): Generator<string, void, undefined> {
  const entries = Object.entries(toJson(doc)).filter(([, value]) => value !== undefined);
  yield '{';
  for (const [i, [key, value]] of entries.entries()) {
    const comma = i === entries.length - 1 ? '' : ',';
    if (key !== 'surveys' || !Array.isArray(value) || value.length === 0) {
      yield `\n  ${JSON.stringify(key)}: ${nested(value, 1)}${comma}`;
      continue;
    }
    yield `\n  ${JSON.stringify(key)}: [`;
    for (const [j, survey] of value.entries())
      yield `${j === 0 ? '' : ','}\n    ${nested(survey, 2)}`;
    yield `\n  ]${comma}`;
  }
  yield entries.length === 0 ? '}\n' : '\n}\n';
}

/**
 * `--ndjson`: one JSON object per line, each given as soon as it is
 * known — first `{"record":"header", schemaVersion, tool, input, options,
 * warnings}`, then `{"record":"survey","survey":{…}}` per survey as it is
 * analysed, last `{"record":"summary","summary":{…},"acrossPolls":[…]}`.
 * Each `survey`, `summary` and `acrossPolls` is the `--json` document's.
 *
 * @param source - the reanalysis, one survey at a time
 * @returns the lines, in order, each with its line break
 * @example
 * const lines = [...ndjsonText(sourceOf(doc))];
 * JSON.parse(lines[0] as string).record; // => 'header'
 * lines.length; // => 12
 */
export function* ndjsonText(source: SurveySource): Generator<string, void, undefined> {
  yield ndjsonHeader(source.head);
  for (const survey of source.surveys) yield ndjsonSurvey(survey);
  yield ndjsonTail(source.finish());
}

/** The first line of `--ndjson`: `{"record":"header", …}`. */
export function ndjsonHeader(head: SurveySource['head']): string {
  const { schemaVersion, input, options, warnings } = head;
  const tool = { name: 'toplines', version: VERSION };
  return `${JSON.stringify({ record: 'header', schemaVersion, tool, input, options, warnings })}\n`;
}

/**
 * A survey's line of `--ndjson`: `{"record":"survey","survey":{…}}`.
 *
 * @example
 * JSON.parse(ndjsonSurvey(doc.surveys[0])).survey.surveyId === doc.surveys[0].surveyId; // => true
 */
export function ndjsonSurvey(survey: SurveyResult): string {
  return `${JSON.stringify({ record: 'survey', survey })}\n`;
}

/** The last line of `--ndjson`: `{"record":"summary", summary, acrossPolls}`. */
export function ndjsonTail({ summary, acrossPolls }: ReturnType<SurveySource['finish']>): string {
  return `${JSON.stringify({ record: 'summary', summary, acrossPolls })}\n`;
}

/**
 * `value` as `JSON.stringify(…, null, 2)` writes it `depth` levels deep in a
 * document: stringified inside as many one-element arrays, which are then
 * cut off (faster than re-indenting the text; undefined, as at the top,
 * gives "null" here and is not expected).
 */
function nested(value: unknown, depth: number): string {
  let wrapped: unknown = value;
  for (let d = 0; d < depth; d++) wrapped = [wrapped];
  const text = JSON.stringify(wrapped, null, 2);
  // Each level opens with "[\n" plus its indent and closes with "\n" plus its indent and "]".
  let head = 0;
  let tail = 0;
  for (let d = 0; d < depth; d++) {
    head += 2 + 2 * (d + 1);
    tail += 2 + 2 * d;
  }
  return text.slice(head, text.length - tail);
}

/** Options of the spool of {@link jsonText}. */
export interface SpoolOptions {
  /** Characters kept in memory before the text moves to a temporary file. Default 8 Mi. */
  inMemory?: number;
  /** Bytes read back from the file at a time. Default 1 MiB. */
  chunk?: number;
}

/**
 * Pieces set aside in order: in memory up to `inMemory` characters (or
 * bytes), then in a temporary file. The first piece decides what the spool
 * holds — text, or UTF-8 bytes (the surveys written by worker threads) —
 * and a later piece of the other kind is converted to it.
 */
class Spool {
  private readonly inMemory: number;
  private readonly chunk: number;
  private pieces: Piece[] = [];
  private size = 0;
  private bytes: boolean | null = null;
  private dir: string | null = null;
  private fd: number | null = null;

  constructor(options: SpoolOptions) {
    this.inMemory = options.inMemory ?? SPOOL_IN_MEMORY;
    this.chunk = Math.max(4, options.chunk ?? 1024 * 1024);
  }

  write(given: Piece): void {
    this.bytes ??= typeof given !== 'string';
    const piece =
      this.bytes === (typeof given !== 'string')
        ? given
        : typeof given === 'string'
          ? Buffer.from(given, 'utf8')
          : Buffer.from(given.buffer, given.byteOffset, given.byteLength).toString('utf8');
    if (this.fd !== null) {
      this.append(piece);
      return;
    }
    this.pieces.push(piece);
    this.size += piece.length;
    if (this.size > this.inMemory) {
      this.dir = mkdtempSync(join(tmpdir(), 'toplines-json-'));
      this.fd = openSync(join(this.dir, 'surveys.json'), 'w+');
      for (const p of this.pieces) this.append(p);
      this.pieces = [];
    }
  }

  /**
   * Appends a piece to the file: bytes as they are; text as UTF-16
   * (little-endian), the string's own code units, copied out and back in
   * without transcoding. In UTF-8 the text was encoded, decoded when read
   * back and encoded again when written out, and those conversions were a
   * third of a 200,000-row --json (#18); the file is larger (two bytes a
   * character), and is removed at the end.
   */
  private append(piece: Piece): void {
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf16le') : piece;
    let written = 0;
    while (written < bytes.length) {
      written += writeSync(this.fd as number, bytes, written, bytes.length - written);
    }
  }

  /** Everything written, in order, in pieces of at most `chunk` bytes of the file. */
  *drain(): Generator<Piece, void, undefined> {
    if (this.fd === null) {
      yield* this.pieces;
      return;
    }
    let position = 0;
    if (this.bytes === true) {
      // Bytes go out as they are: a piece may end inside a character.
      for (;;) {
        const buffer = Buffer.allocUnsafe(this.chunk);
        const read = readSync(this.fd, buffer, 0, buffer.length, position);
        if (read === 0) return;
        position += read;
        yield buffer.subarray(0, read);
      }
    }
    const buffer = Buffer.alloc(this.chunk);
    let carried = 0;
    for (;;) {
      const read = readSync(this.fd, buffer, carried, buffer.length - carried, position);
      position += read;
      const filled = carried + read;
      if (read === 0) {
        if (filled > 0) yield buffer.toString('utf16le', 0, filled);
        return;
      }
      // Up to the last whole character: the other byte of a code unit, or the
      // low half of a surrogate pair, still to come is carried over.
      const end = wholeCharacters(buffer, filled);
      yield buffer.toString('utf16le', 0, end);
      buffer.copy(buffer, 0, end, filled);
      carried = filled - end;
    }
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    if (this.dir !== null) rmSync(this.dir, { recursive: true, force: true });
    this.fd = null;
    this.dir = null;
    this.pieces = [];
  }
}

/**
 * Where the last UTF-16LE character that is whole in `buffer[0, length)`
 * ends: at an even byte, and before a high surrogate whose low half is not
 * there yet (a piece ending in half a pair would be written out as U+FFFD).
 */
function wholeCharacters(buffer: Buffer, length: number): number {
  const end = length - (length % 2);
  if (end < 2) return end;
  const last = (buffer[end - 2] as number) | ((buffer[end - 1] as number) << 8);
  return last >= 0xd800 && last <= 0xdbff ? end - 2 : end;
}
