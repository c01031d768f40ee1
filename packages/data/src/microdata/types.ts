import type { ColumnTable } from 'arquero';

/**
 * What a respondent file says about one of its columns beyond the values: an SPSS file's
 * variable label (often the question's wording), its value labels and its user-missing
 * codes. A CSV or Parquet file says none of it.
 *
 * @example
 * // not run: illustrates the type
 * const labels: VariableLabels = {
 *   label: 'School type',
 *   values: [{ value: 1, label: 'Elementary' }, { value: 2, label: 'High' }],
 *   missing: [9],
 * };
 */
export interface VariableLabels {
  /** The variable label, or null when the file gives none. */
  label: string | null;
  /** The value labels, in the file's order: each code and what it means. */
  values: readonly { value: string | number; label: string }[];
  /**
   * The codes the file declares missing (SPSS user-missing values; a range as its two
   * ends). The readers have already put null in their place in the table.
   */
  missing: readonly (string | number)[];
}

/**
 * A respondent-level file as the readers give it: one row per respondent.
 *
 * @example
 * // not run: needs a file on disk
 * const { table, labels } = await readMicrodata('apistrat.sav');
 * labels['stype']?.label; // 'School type'
 */
export interface Microdata {
  /** One row per respondent, one column per variable: numbers, strings, or null when missing. */
  table: ColumnTable;
  /** The labels of the columns that have any (SPSS files); empty for CSV and Parquet. */
  labels: Record<string, VariableLabels>;
  /** What the file was read as. */
  format: 'csv' | 'sav' | 'parquet';
  /** How the file was read, where the user should know (an encoding guessed). */
  notes: string[];
}
