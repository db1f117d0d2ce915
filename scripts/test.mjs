// Runs the test files given (default: every *.test.ts under test/unit) with Node's test runner, through tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function find(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) find(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const args = process.argv.slice(2);
const defaults = ['test/unit', 'test/cli', 'test/lsp'].filter((d) => existsSync(d));
const files = (args.length ? args : defaults).flatMap((a) => (statSync(a).isDirectory() ? find(a) : [a])).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
