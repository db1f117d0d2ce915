import * as fs from 'node:fs';
import { runCli } from './main';

// Entry point of the `report-lint` command.
const code = runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => fs.readFileSync(0, 'utf8'),
  cwd: process.cwd(),
  isTTY: !!process.stdout.isTTY,
});
process.exitCode = code;
