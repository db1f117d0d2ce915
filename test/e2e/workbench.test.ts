/**
 * The packaged extension (VSIX) in a real VS Code workbench (code-server 4.100.3 = VS Code 1.100.3), driven
 * through the UI like a user: squiggles and Problems rows, a quick fix, the draft meter, the numbering outline,
 * the report language. Screenshots of each step go to test-artifacts/.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ROOT, copyWorkspace, launchBrowser, missingTools, pickMenuItem, requireTools, runCommand, screenshot, startCodeServer, waitFor,
  type BrowserContext, type CodeServer, type Page,
} from './harness';

const DRAFT = '工作总结.txt';
describe('VS Code workbench with the packaged extension', { timeout: 240_000 }, () => {
  let tmp: string;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let page: Page;
  let ws: string;

  before(async () => {
    if (missingTools()) return;
    tmp = mkdtempSync(join(tmpdir(), 'report-lint-e2e-'));
    const vsix = join(tmp, 'report-lint.vsix');
    execFileSync(process.execPath, ['scripts/package.mjs', '--no-build', '--out', vsix], { cwd: ROOT, stdio: 'pipe' });
    ws = copyWorkspace('workspace', tmp);
    server = await startCodeServer({ workspace: ws, vsix, locale: 'zh-cn' });
    browser = await launchBrowser(join(tmp, 'chromium'));
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`, { timeout: 60_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  async function openFile(name: string): Promise<void> {
    const row = page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: name }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await page.locator('.tab.active').filter({ hasText: name }).waitFor({ timeout: 15_000 });
  }

  async function editorText(): Promise<string> {
    return page.locator('.editor-group-container.active .monaco-editor .view-lines').first().innerText();
  }

  async function meter(): Promise<{ open: number; other: number; text: string } | undefined> {
    const item = page.locator('.statusbar-item').filter({ hasText: /待填|to fill/ }).first();
    if (!(await item.count())) return undefined;
    const text = (await item.innerText()).trim();
    const m = /待填\s*(\d+)\s*处\s*·\s*其他\s*(\d+)\s*处/.exec(text) ?? /(\d+) to fill · (\d+) other/.exec(text);
    return m ? { open: Number(m[1]), other: Number(m[2]), text } : undefined;
  }

  /** Selects the first match of `text` with the Find widget. */
  async function findText(text: string): Promise<void> {
    await page.keyboard.press('Control+f');
    await page.keyboard.press('Control+a');
    await page.keyboard.insertText(text);
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
  }

  async function meterBecomes(want: { open: number; other: number }): Promise<void> {
    let last: Awaited<ReturnType<typeof meter>>;
    await waitFor(`the meter to show ${JSON.stringify(want)}`, async () => {
      last = await meter();
      return last?.open === want.open && last.other === want.other;
    }, 15_000).catch((e: Error) => {
      throw new Error(`${e.message}; it shows ${last?.text}`);
    });
  }

  test('a draft shows squiggles, Problems rows with rule ids, and the draft meter', async (t) => {
    if (!requireTools(t)) return;
    await openFile(DRAFT);
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'e2e-1-squiggles');

    await runCommand(page, 'Problems: Focus on Problems View');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('Problems rows', async () => (await rows.count()) >= 8, 30_000);
    const texts = (await rows.allInnerTexts()).join('\n');
    for (const rule of ['placeholder', 'missing-number', 'unit', 'numbering-style']) assert.match(texts, new RegExp(`report-lint\\s+${rule}\\s`), `Problems view lacks ${rule}:\n${texts}`);
    assert.match(texts, /占位符“xx”尚未填写/);
    await screenshot(page, 'e2e-2-problems');

    const m = await waitFor('draft meter', meter, 15_000);
    assert.match(m.text, /^待填 \d+ 处 · 其他 \d+ 处$/, 'the meter speaks Chinese in a Chinese editor');
    assert.equal(m.open, 7, `placeholders and missing numbers: ${m.text}`);
  });

  test('a quick fix changes the text (平米 → 平方米)', async (t) => {
    if (!requireTools(t)) return;
    const initial = await waitFor('draft meter', meter, 15_000);
    // Put the cursor on the finding through Find, then Ctrl+. for its quick fixes.
    await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await findText('平米');
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row').filter({ hasText: '平方米' }).first();
    await fix.waitFor({ timeout: 15_000 });
    await screenshot(page, 'e2e-3-quick-fix-menu');
    await pickMenuItem(page, '平方米');
    await waitFor('the fix in the text', async () => (await editorText()).includes('1200平方米'), 10_000);
    // The unit finding is gone: one "other" problem less, the same places to fill.
    await meterBecomes({ open: initial.open, other: initial.other - 1 });
    await screenshot(page, 'e2e-4-quick-fix-applied');
  });

  test('filling a placeholder lowers the draft meter', async (t) => {
    if (!requireTools(t)) return;
    const before = await waitFor('draft meter', meter, 15_000);
    await findText('截至xx月底');
    await page.keyboard.insertText('截至11月底');
    await meterBecomes({ open: before.open - 1, other: before.other });
    await screenshot(page, 'e2e-5-meter-after-fill');
  });

  test('clicking the meter opens the Problems view for this file', async (t) => {
    if (!requireTools(t)) return;
    await runCommand(page, 'View: Close Panel').catch(() => undefined);
    await page.locator('.statusbar-item').filter({ hasText: /待填|to fill/ }).first().click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    await waitFor('Problems rows', async () => (await rows.count()) > 0, 15_000);
    await screenshot(page, 'e2e-6-meter-click');
  });

  test('the Outline view shows the numbering hierarchy', async (t) => {
    if (!requireTools(t)) return;
    await runCommand(page, 'Explorer: Focus on Outline View');
    const rows = page.locator('.outline-pane .monaco-list-row');
    await waitFor('Outline rows', async () => (await rows.count()) >= 3, 20_000);
    const texts = (await rows.allInnerTexts()).join('\n');
    await screenshot(page, 'e2e-7-outline');
    assert.match(texts, /一、2025年工作完成情况/);
    assert.match(texts, /（一）经济发展稳中有进/);
    assert.match(texts, /二、存在的问题/);
  });

  test('the saved draft keeps the edits (the file on disk changed)', async (t) => {
    if (!requireTools(t)) return;
    await page.keyboard.press('Control+s');
    await waitFor('the file on disk', () => readFileSync(join(ws, DRAFT), 'utf8').includes('截至11月底'), 10_000);
  });

  /** The colour of the editor's token whose text is exactly `text` (first match), and of plain text. */
  async function tokenColours(text: string): Promise<{ token?: string; plain?: string }> {
    const spans = page.locator('.editor-group-container.active .monaco-editor .view-line span span');
    return waitFor(`the token ${text}`, async () => {
      // Runs in the page. No named function inside: the TypeScript transform would name it with a helper the page lacks.
      const all = await spans.evaluateAll((els: any[], t: string) => {
        const token = els.find((e) => e.textContent === t);
        const plain = els.find((e) => /^[\u4e00-\u9fff，。]{4,}$/.test(e.textContent ?? ''));
        const style = (globalThis as any).getComputedStyle;
        return { token: token ? String(style(token).color) : undefined, plain: plain ? String(style(plain).color) : undefined };
      }, text);
      return all.token && all.plain ? all : undefined;
    }, 10_000);
  }

  test('the report language: Chinese alias, markers and placeholders coloured', async (t) => {
    if (!requireTools(t)) return;
    await openFile('下步计划.report');
    await page.locator('.statusbar-item').filter({ hasText: /^报告$/ }).first().waitFor({ timeout: 15_000 });
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'e2e-8-report-language');
    // （一） and 【待补充】 are split into spans by bracket-pair colouring: other markers are checked.
    for (const token of ['一、', '一是', 'xx', '①', '条']) {
      const c = await tokenColours(token);
      assert.notEqual(c.token, c.plain, `${token} stands out from plain text`);
    }
  });

  test('Markdown: markers and placeholders stand out through the injection grammar', async (t) => {
    if (!requireTools(t)) return;
    await openFile('说明.md');
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ timeout: 30_000 });
    const c = await tokenColours('xx');
    assert.notEqual(c.token, c.plain, 'xx stands out in Markdown');
    await screenshot(page, 'e2e-9-markdown');
  });
});
