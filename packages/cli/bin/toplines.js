#!/usr/bin/env node
// The `toplines` command. A committed file so that npm links it at install
// time; the command itself is built into dist/ (the root `prepare` script
// builds every package after `npm ci`).
import('../dist/bin.js').catch((error) => {
  if (
    error &&
    error.code === 'ERR_MODULE_NOT_FOUND' &&
    String(error.message).includes('dist/bin.js')
  ) {
    process.stderr.write('toplines: the command is not built yet: run `npm run build` first\n');
    process.exit(2);
  }
  throw error;
});
