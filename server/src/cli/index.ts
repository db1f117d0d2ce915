import * as fs from 'node:fs';
import { runCli } from './main';
import { isPoolWorker, runWorker } from './pool';
import { isSplitHelper, runSplitHelper } from './split';

// Entry point of the `report-lint` command, and of its worker threads (the same bundle): pool workers (pool.ts)
// and the helper that shares a large document's model rules (split.ts).
if (isPoolWorker()) {
  runWorker();
} else if (isSplitHelper()) {
  runSplitHelper();
} else {
  // A reader that stops early (report-lint … | head) closes the pipe: stop quietly, as other command-line tools do.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => fs.readFileSync(0),
    cwd: process.cwd(),
    isTTY: !!process.stdout.isTTY,
    workerScript: __filename,
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`report-lint: 内部错误（${(e as Error)?.message ?? e}）\n`);
      process.exitCode = 2;
    },
  );
}
