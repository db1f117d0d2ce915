/**
 * Runs the extension-host suite (test/e2e/suite) inside code-server: the workbench loads the unpacked extension
 * (extensionDevelopmentPath) and the suite (extensionTestsPath) from the payload URL, as @vscode/test-electron
 * does for desktop VS Code, and reports through window.codeAutomationExit.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { ROOT, copyWorkspace, launchBrowser, missingTools, requireTools, screenshot, startCodeServer, waitFor, type BrowserContext, type CodeServer } from './harness';

export const SUITE = join(ROOT, 'out/test/suite.js');

/** Bundles the suite into the extension folder (out/ is ignored by git and by the VSIX). */
export async function buildSuite(): Promise<string> {
  await esbuild.build({
    entryPoints: [join(ROOT, 'test/e2e/suite/index.ts')], outfile: SUITE, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', external: ['vscode'], sourcemap: 'inline', logLevel: 'warning',
  });
  return SUITE;
}

describe('extension-host tests in code-server', { timeout: 180_000 }, () => {
  let tmp: string;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;

  before(async () => {
    if (missingTools()) return;
    tmp = mkdtempSync(join(tmpdir(), 'report-lint-host-'));
    await buildSuite();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('the shared suite passes in the real extension host', async (t) => {
    if (!requireTools(t)) return;
    const ws = copyWorkspace('workspace', tmp);
    server = await startCodeServer({ workspace: ws });
    browser = await launchBrowser(join(tmp, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    const logs: string[] = [];
    let exitCode: number | undefined;
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      logs.push(`${type}: ${Array.isArray(args) ? args.join(' ') : args}`);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      exitCode = code;
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${server!.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(SUITE)],
    ];
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, { timeout: 60_000 });
    await waitFor('the suite to finish', () => exitCode !== undefined, 150_000, 250);
    await screenshot(page, 'e2e-host-suite');
    const report = logs.filter((l) => /[✔✖]|extension-host tests|Error|^\s+at /.test(l)).join('\n');
    console.log(report);
    assert.equal(exitCode, 0, `extension-host suite failed:\n${report}\n--- code-server log ---\n${server.log().slice(-4000)}`);
    assert.match(report, /extension-host tests: \d+ passed, 0 failed/);
  });
});
