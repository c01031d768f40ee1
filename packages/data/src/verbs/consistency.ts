import { consistentCounts } from '@toplines/core';
import type { ColumnTable } from 'arquero';
import { PERCENT_TEXT } from '../io/read-resource';
import { noteText } from '../messages';
import { rowDecimals } from '../util/sample-size';
import {
  checkVerbOptions,
  decimalsOption,
  percentOf,
  qualifierOf,
  rowNs,
  type SampleOptions,
  tableInput,
} from '../util/table-input';

/**
 * Options of {@link consistency}.
 *
 * @example
 * // not run: a fragment (table is the caller's, without percent_text)
 * consistency(table, { decimals: 1 });
 */
export interface ConsistencyOptions extends SampleOptions {
  /**
   * Decimals the percentages were printed with, for a table without a
   * `percent_text` column. Default: read from `percent_text` (the loaders
   * keep it: "31.0" has 1); without it, the decimals of the number as
   * JavaScript writes it, which loses trailing zeros (31.0 → 0).
   */
  decimals?: number;
}

/**
 * Flags percentages that no whole count out of n can produce — the GRIM
 * check, via core's `consistentCounts` — at the precision the figure was
 * printed with. Returns a new table; the input is not changed.
 *
 * Columns added:
 * - `count_min`, `count_max`: the smallest and largest count x out of n with
 *   100·x/n rounding to the printed figure (null when none fits or n is unknown)
 * - `consistent`: true when some count fits, false when none does, null
 *   when it cannot be checked (n unknown, percent missing, or a qualified
 *   figure such as "nearly 70%", which implies no exact count)
 * - `consistency_note`: null when consistent; otherwise why it is not, or why
 *   it was not checked
 *
 * n is the table's `n_used` column when it has one (from
 * {@link withIntervals}), else the same rule: base_n, else the survey's n for
 * a whole-sample row of a question asked of all respondents.
 *
 * Cost: O(rows).
 *
 * @param table - a results table: needs `percent`; reads `percent_text`, `qualifier`, `n_used` or the n columns
 * @param options - `decimals`, and `surveys` / `questions` to find n
 * @returns a new table with the four columns added
 * @throws {DataError} `missing-column` without `percent`; `invalid-option` for bad decimals
 * @example
 * const checked = consistency(parseResultsCsv(
 *   'survey_id,question_id,group_dim,group_value,option,percent,qualifier,is_net,base_n,source_id,quote\n' +
 *   'p,q,total,total,yes,40.5,exact,false,1037,s,40.5%\n' +
 *   'p,q,total,total,no,50.5,exact,false,10,s,50.5%\n',
 * ).results!);
 * checked.array('consistent'); // => [true, false]
 * checked.array('count_min'); // => [420, null]
 */
export function consistency(table: ColumnTable, options?: ConsistencyOptions): ColumnTable {
  const fn = 'consistency';
  const opts = checkVerbOptions(fn, options);
  const fixedDecimals = decimalsOption(fn, opts['decimals']);
  const input = tableInput(fn, table, ['percent']);
  const percents = input.column('percent');
  const texts = input.column(PERCENT_TEXT);
  const qualifiers = input.column('qualifier');
  const ns = rowNs(input, opts as SampleOptions, true);

  const countMin: (number | null)[] = [];
  const countMax: (number | null)[] = [];
  const consistent: (boolean | null)[] = [];
  const note: (string | null)[] = [];
  for (let i = 0; i < input.numRows; i++) {
    const percent = percentOf(percents[i]);
    const n = ns[i] ?? null;
    const qualifier = qualifierOf(qualifiers[i]);
    const text = texts[i];
    let range: { min: number; max: number } | null = null;
    let ok: boolean | null = null;
    let why: string | null = null;
    if (percent === null) why = noteText.percentMissing();
    else if (qualifier !== 'exact') why = noteText.notChecked(qualifier);
    else if (n === null) why = noteText.nUnknown();
    else {
      const decimals = rowDecimals(fixedDecimals, text, percent);
      try {
        range = consistentCounts(percent, n, { decimals });
        ok = range !== null;
        if (range === null)
          why = noteText.noCount(typeof text === 'string' ? text : String(percent), n, decimals);
      } catch (e) {
        why = noteText.notComputed((e as Error).message);
      }
    }
    countMin.push(range?.min ?? null);
    countMax.push(range?.max ?? null);
    consistent.push(ok);
    note.push(why);
  }
  return input.table.assign({
    count_min: countMin,
    count_max: countMax,
    consistent,
    consistency_note: note,
  });
}
