// The worker thread of `toplines reanalyze --jobs N`, built as
// dist/reanalyze-worker.js beside the command (reanalyze/parallel.ts starts it).
import { serveShards } from './reanalyze/worker';

serveShards();
