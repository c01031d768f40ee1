import type { Reanalysis } from '@toplines/data';
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
