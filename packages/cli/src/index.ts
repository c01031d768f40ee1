// @toplines/cli: the `toplines` command. What a program can use is the command
// itself — run it in-process with `main(argv, io)`, on the process's streams
// (`processIo()`) or on an `Io` of its own — and its exit codes; the report's
// pieces are internal. The reanalysis as data is `reanalyze()` of
// @toplines/data, the charts are @toplines/charts. Re-exports only.

export { EXIT, type ExitCode } from './errors';
export { type Io, processIo } from './io';
export { main } from './main';
export { VERSION } from './version';
