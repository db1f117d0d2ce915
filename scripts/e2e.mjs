// The editor tests (test/e2e): makes sure their tools are installed (scripts/e2e-setup.sh), then runs them.
// Where setup is impossible (not root, no apt-get) they are skipped with a loud message — except under CI=true,
// where they must run. Usage: node scripts/e2e.mjs [test files...]
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true';

const setup = process.platform === 'linux' ? spawnSync('bash', ['scripts/e2e-setup.sh'], { cwd: root, stdio: 'inherit' }) : { status: 3 };
if (setup.status !== 0) {
  const why = setup.status === 3 ? 'their tools cannot be installed here (needs Linux, root and apt-get)' : `scripts/e2e-setup.sh failed (exit ${setup.status})`;
  if (ci) {
    console.error(`e2e: ${why}; on CI the editor tests must run.`);
    process.exit(1);
  }
  const bar = '!'.repeat(100);
  console.error(`\n${bar}\n!!! EDITOR TESTS SKIPPED: ${why}.\n!!! Run scripts/e2e-setup.sh as root, then npm run test:e2e.\n${bar}\n`);
  process.exit(0);
}
const files = process.argv.slice(2);
const r = spawnSync(process.execPath, ['scripts/test.mjs', ...(files.length ? files : ['test/e2e'])], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
