import * as fs from 'node:fs';
import { runCli } from './main';

// Entry point of the `report-lint` command.
runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => fs.readFileSync(0),
  cwd: process.cwd(),
  isTTY: !!process.stdout.isTTY,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`report-lint: 内部错误（${(e as Error)?.message ?? e}）\n`);
    process.exitCode = 2;
  },
);
