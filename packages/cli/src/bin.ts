// The executable: bin/toplines.js imports this file from dist/.

import { processIo } from './io';
import { main } from './main';

// A reader who pipes the report into `head` closes the pipe early: that is
// not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `toplines: internal error: ${(error as Error)?.message ?? String(error)}: please report it\n`,
    );
    process.exitCode = 70;
  },
);
