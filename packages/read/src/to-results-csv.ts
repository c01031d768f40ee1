import { csvText } from './csv';
import type { ArticleDraft } from './types';

/**
 * The columns of the simple results layout, in order: `question`, `option`
 * and `percent` are required; `survey` names the survey, `group` a subgroup
 * (empty for the whole sample), `n` the base of the row, `moe` the survey's
 * published margin of error in points, `quote` the words that state the
 * figure and `confidence` how sure the reader was.
 *
 * @example
 * SIMPLE_COLUMNS.join(','); // => 'survey,question,group,option,percent,n,moe,quote,confidence'
 */
export const SIMPLE_COLUMNS = [
  'survey',
  'question',
  'group',
  'option',
  'percent',
  'n',
  'moe',
  'quote',
  'confidence',
] as const;

/**
 * The draft's rows as a CSV in the simple results layout
 * ({@link SIMPLE_COLUMNS}), which `toplines reanalyze FILE.csv` reads. The
 * percent is written as printed (`40.5`, `31.0`); a figure in words as its
 * number (`26`). Text cells are guarded against spreadsheet formulas.
 *
 * @param draft - what {@link readArticle} returned
 * @returns the CSV text, a header and one line per row
 * @example
 * toResultsCsv(readArticle('In a Gallup poll, 41% said yes.')).split('\n')[1];
 * // => 'gallup,said yes,,said yes,41,,,"In a Gallup poll, 41% said yes.",high'
 */
export function toResultsCsv(draft: ArticleDraft): string {
  const moe = new Map(draft.surveys.map((s) => [s.key, s.moe?.value ?? null]));
  return csvText(
    SIMPLE_COLUMNS,
    draft.rows.map((r) => [
      r.survey,
      r.question,
      r.group ?? '',
      r.option,
      r.value,
      r.n,
      moe.get(r.survey) ?? null,
      r.quote.text,
      r.confidence,
    ]),
  );
}
