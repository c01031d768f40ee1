// The version printed by `--version` and written into reports: read from
// package.json at build time (esbuild inlines the one field), so that a
// `changeset version` bump is the only edit a release needs.
import { version } from '../package.json';

/** The version of @toplines/cli, as its package.json says. */
export const VERSION: string = version;
