// Every quote of the bundled results must be in its source text. The source
// texts are the seed files, kept beside the repository: /work/shared/seeds
// here, <clone>/../shared/seeds in CI (override with TOPLINES_SEEDS).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { load, validate } from '../../src/index';
import { readDocuments } from '../../src/node';
import { containsFigure, normaliseSpace } from '../../src/validate/check-results';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const seeds = resolve(
  process.env['TOPLINES_SEEDS'] ?? join(packageRoot, '..', '..', '..', 'shared', 'seeds'),
);
const present = existsSync(seeds);

describe('quotes of the bundled results against the seed texts', () => {
  it('says whether the seed texts are there', () => {
    if (!present) {
      console.warn(
        `SKIPPED the quote checks: the seed texts are not at ${seeds} (set TOPLINES_SEEDS)`,
      );
    }
    expect(typeof present).toBe('boolean');
  });

  it.skipIf(!present)('finds every quote in its source text, with the percent as printed', () => {
    const { results, sources } = load();
    const documentOf = new Map(
      sources
        .objects()
        .map((s) => [(s as { source_id: string }).source_id, (s as { document: string }).document]),
    );
    const failures: string[] = [];
    let checked = 0;
    results.objects().forEach((row, i) => {
      const r = row as { source_id: string; quote: string; percent_text: string };
      const document = documentOf.get(r.source_id);
      const path = join(seeds, document ?? '');
      if (document === undefined || !existsSync(path)) {
        failures.push(`row ${i + 1}: no source text for ${r.source_id} (${document})`);
        return;
      }
      const text = normaliseSpace(readFileSync(path, 'utf8'));
      if (!text.includes(normaliseSpace(r.quote)))
        failures.push(`row ${i + 1}: not in ${document}: ${r.quote}`);
      if (!containsFigure(r.quote, r.percent_text))
        failures.push(`row ${i + 1}: no ${r.percent_text} in: ${r.quote}`);
      checked++;
    });
    expect(failures).toEqual([]);
    expect(checked).toBe(results.numRows());
  });

  it.skipIf(!present)(
    'validate with the documents reports no quote errors or missing texts',
    () => {
      const { errors, warnings } = validate(load(), { documents: readDocuments(seeds) });
      expect(errors.map((e) => e.message)).toEqual([]);
      expect(warnings.filter((w) => w.code === 'document-missing')).toEqual([]);
    },
  );
});
