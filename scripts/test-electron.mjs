// Runs the extension-host suite (test/e2e/suite) in desktop VS Code with @vscode/test-electron.
// It downloads VS Code (VSCODE_VERSION, default 1.100.3) on first use, so it needs access to VS Code's
// download site: run it on a developer machine. CI runs the same suite inside code-server instead
// (test/e2e/host.test.ts, through `npm run test:e2e`).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const suite = join(root, 'out/test/suite.js');

await esbuild.build({
  entryPoints: [join(root, 'test/e2e/suite/index.ts')], outfile: suite, bundle: true, platform: 'node', target: 'node20',
  format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
});

const tmp = mkdtempSync(join(tmpdir(), 'report-lint-electron-'));
const workspace = join(tmp, 'workspace');
cpSync(join(root, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.100.3',
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${join(tmp, 'ud')}`],
  });
} catch (e) {
  console.error(`test:electron: ${e instanceof Error ? e.message : e}`);
  code = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
