// Duplicate rows and primary keys together: rows grouped by their key and
// compared cell by cell give the issues a key per whole row gave (#18) — the
// first equal row named, repeats of a repeat, rows with an empty key cell.
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/index';
import { miniPackage, withResultRows } from '../helpers/mini-package';

describe('validate: duplicate rows and primary keys', () => {
  it('names the first equal row, in row order, with or without a whole key', () => {
    const other = 'poll,q1,total,total,yes,41,exact,false,1000,src,41% said yes';
    const first = 'poll,q1,total,total,yes,40.5,exact,false,1000,src,40.5% said yes';
    const noOption = 'poll,q1,total,total,,41,exact,false,1000,src,41%';
    const { errors } = validate(
      miniPackage(withResultRows(other, other, first, other, noOption, noOption, `${other},x`)),
    );
    const found = errors
      .filter((e) => e.code === 'duplicate-row' || e.code === 'primary-key')
      .map((e) => [e.code, e.row, e.message.replace(/^results\.csv, row \d+ \(line \d+\): /, '')]);
    const key =
      'duplicate primary key (survey_id, question_id, group_dim, group_value, option, source_id) = ("poll", "q1", "total", "total", "yes", "src"): row 1 has the same key';
    expect(found).toEqual([
      ['primary-key', 5, key],
      ['duplicate-row', 6, 'the row repeats row 5 exactly'],
      ['duplicate-row', 7, 'the row repeats row 1 exactly'],
      ['duplicate-row', 8, 'the row repeats row 5 exactly'],
      ['duplicate-row', 10, 'the row repeats row 9 exactly'],
      // A longer row is not a repeat: its key is.
      ['primary-key', 11, key],
    ]);
  });
});
