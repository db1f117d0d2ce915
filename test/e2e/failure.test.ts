/**
 * A language server that cannot start: the user gets one clear notification (with 查看日志 / 重启), not a crash
 * loop. The packaged extension is installed into code-server and its dist/server.js replaced by one that dies.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, copyWorkspace, launchBrowser, missingTools, requireTools, runCommand, screenshot, startCodeServer, waitFor, type BrowserContext, type CodeServer } from './harness';

describe('a server that fails to start', { timeout: 180_000 }, () => {
  let tmp: string;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;

  before(() => {
    if (missingTools()) return;
    tmp = mkdtempSync(join(tmpdir(), 'report-lint-fail-'));
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test('gives one clear notification and no restart loop', async (t) => {
    if (!requireTools(t)) return;
    const vsix = join(tmp, 'report-lint.vsix');
    execFileSync(process.execPath, ['scripts/package.mjs', '--no-build', '--out', vsix], { cwd: ROOT, stdio: 'pipe' });
    const ws = copyWorkspace('workspace', tmp);
    const counter = join(tmp, 'starts.log');
    server = await startCodeServer({
      workspace: ws,
      vsix,
      prepare: (extDir) => {
        const ext = readdirSync(extDir).find((d) => d.startsWith('report-lint.report-lint-'));
        assert.ok(ext, 'the extension is installed');
        // Every start is counted, then the "server" dies before answering initialize.
        writeFileSync(
          join(extDir, ext, 'dist/server.js'),
          `require('fs').appendFileSync(${JSON.stringify(counter)}, 'start\\n'); console.error('boom: broken server'); process.exit(3);\n`,
        );
      },
    });
    browser = await launchBrowser(join(tmp, 'chromium'));
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: '工作总结.txt' }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: '语言服务器无法启动，草稿暂不检查' });
    await toast.first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'e2e-failure-notification');
    // Give a crash loop time to show itself, then count in the notification centre (toasts hide after a while).
    await page.waitForTimeout(8_000);
    await runCommand(page, 'Notifications: Show Notifications');
    const items = page.locator('.notifications-center .notification-list-item').filter({ hasText: '语言服务器无法启动，草稿暂不检查' });
    await items.first().waitFor({ timeout: 10_000 });
    await screenshot(page, 'e2e-failure-notification-centre');
    assert.equal(await items.count(), 1, 'one notification');
    const text = await items.first().innerText();
    assert.match(text, /查看日志/);
    assert.match(text, /重启/);
    const starts = readFileSync(counter, 'utf8').split('\n').filter(Boolean).length;
    assert.ok(starts >= 1 && starts <= 5, `the server was started ${starts} times`);
  });
});
