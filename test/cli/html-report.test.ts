import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'bin/report-lint.js');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

function cli(args: string[], cwd: string) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
}

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-html-'));
  fs.writeFileSync(path.join(dir, '总结.txt'), '一、工作情况\n截至xx月底,完成投资***.*万元,开工项目x个。\n各项工作有序推进。\n');
  fs.writeFileSync(path.join(dir, '计划.md'), '# 2025年计划\n\n全年增速*%以上,新建<标准>厂房XX栋。\n');
  fs.writeFileSync(path.join(dir, '定稿.txt'), '全年各项工作任务均已完成。\n');
  return dir;
}

test('html report is one self-contained page embedding exactly the JSON findings', () => {
  const dir = workspace();
  const h = cli(['--format', 'html', '.'], dir);
  const j = cli(['--format', 'json', '.'], dir);
  assert.equal(h.status, j.status);
  const page = h.stdout;
  assert.match(page, /^<!DOCTYPE html>/);
  // No network: no external scripts, styles, fonts or images.
  assert.doesNotMatch(page, /<(script|link|img)[^>]+(src|href)=["']https?:/i);
  assert.doesNotMatch(page, /@import|url\(/);
  const data = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(page);
  assert.ok(data);
  assert.deepEqual(JSON.parse(data![1]), JSON.parse(j.stdout));
  // Text is escaped (the <标准> in the markdown draft must not become a tag).
  assert.match(page, /&lt;标准&gt;/);
});

test('--output writes the page to a file', () => {
  const dir = workspace();
  const r = cli(['--format', 'html', '--output', 'out/review.html', '.'], dir);
  assert.equal(r.stdout, '');
  assert.ok(fs.readFileSync(path.join(dir, 'out/review.html'), 'utf8').includes('报告审校结果'));
});

test('html report in a real Chromium: summary, highlights, filters and navigation match the JSON', { skip: !CHROMIUM && !process.env.CI ? 'chromium not installed' : false }, async () => {
  assert.ok(CHROMIUM, 'chromium is required in CI');
  const { chromium } = await import('playwright-core');
  const dir = workspace();
  const file = path.join(dir, 'review.html');
  cli(['--format', 'html', '--output', file, '.'], dir);
  const json = JSON.parse(cli(['--format', 'json', '.'], dir).stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; severity: number; message: string }> }>;
  const total = json.reduce((a, f) => a + f.messages.length, 0);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-chr-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const page = await ctx.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('file:')) requests.push(r.url());
    });
    await page.goto('file://' + file);
    assert.deepEqual(requests, [], 'the page must not reach the network');
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'html-summary.png') });
    // Margin list: one item per finding, messages equal to the JSON ones, in order.
    const items = await page.$$eval('li.f .msg', (els) => els.map((e) => e.textContent));
    assert.equal(items.length, total);
    assert.deepEqual(items, json.flatMap((f) => f.messages.map((m) => m.message)));
    // Every finding is highlighted in the text.
    const marked = await page.$$eval('mark.m', (els) => new Set(els.flatMap((e) => (e.getAttribute('data-f') ?? '').split(' '))).size);
    assert.equal(marked, total);
    // Verdicts: the finished draft is ready, the others are not.
    const verdicts = await page.$$eval('table.docs tbody tr', (rows) => rows.map((r) => r.textContent ?? ''));
    assert.equal(verdicts.filter((v) => v.includes('可以发出')).length, 1);
    // Filter out warnings: every item is hidden.
    await page.uncheck('input.fs[value="warn"]');
    const shown = await page.$$eval('li.f', (els) => els.filter((e) => (globalThis as any).getComputedStyle(e).display !== 'none').length);
    const nonWarn = json.reduce((a, f) => a + f.messages.filter((m) => m.severity !== 1).length, 0);
    assert.equal(shown, nonWarn);
    await page.check('input.fs[value="warn"]');
    // Next finding: jumps to the first one and marks it current.
    await page.click('#next');
    assert.equal(await page.$$eval('li.cur', (els) => els.length), 1);
    const docSection = page.locator('section.doc:has(mark)').first();
    await docSection.scrollIntoViewIfNeeded();
    await docSection.screenshot({ path: path.join(ARTIFACTS, 'html-document.png') });
    // Phone width: the margin list flows under the text.
    await page.setViewportSize({ width: 390, height: 800 });
    const dirn = await page.$eval('.cols', (e) => (globalThis as any).getComputedStyle(e).flexDirection);
    assert.equal(dirn, 'column');
    // Print: the filter bar is not printed and the page renders to PDF.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.$eval('nav.filters', (e) => (globalThis as any).getComputedStyle(e).display), 'none');
    const pdf = await page.pdf();
    assert.ok(pdf.length > 1000);
  } finally {
    await ctx.close();
  }
});
