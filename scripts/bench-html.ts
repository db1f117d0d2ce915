// npm run bench:html — the HTML review page on a large folder: 200 documents, ~5 MB of text built from the corpus
// (../shared/corpus/official, in a temp folder, never committed), each with a few draft problems written in.
// Reports the time to write the page, its size, and in Debian's Chromium the time to load it, to scroll through
// it, to filter and to step through findings. Says so and exits 0 when the corpus or Chromium is missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OFFICIAL = process.env.REPORT_LINT_OFFICIAL ?? path.resolve(ROOT, '../shared/corpus/official');
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const DOCS = 200;
/** Characters a document: 200 × ~8,700 Han characters ≈ 5 MB of UTF-8. */
const CHARS = 8_700;

function texts(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) texts(p, out);
    else if (e.name.endsWith('.txt')) out.push(p);
    if (out.length >= 600) break;
  }
  return out;
}

async function main(): Promise<void> {
  if (!fs.existsSync(OFFICIAL)) {
    console.log(`bench:html: corpus not found at ${OFFICIAL}; nothing measured.`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rl-bench-html-'));
  let all = '';
  for (const f of texts(OFFICIAL)) {
    all += fs.readFileSync(f, 'utf8');
    if (all.length > DOCS * CHARS) break;
  }
  let bytes = 0;
  for (let i = 0; i < DOCS; i++) {
    const chunk = all.slice(i * CHARS, (i + 1) * CHARS).replace('。', '，截至xx月底完成投资***.*万元,完成率XX%。');
    fs.writeFileSync(path.join(dir, `doc${String(i).padStart(3, '0')}.txt`), chunk);
    bytes += Buffer.byteLength(chunk);
  }
  const page = path.join(dir, 'review.html');
  let t = Date.now();
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/report-lint.js'), '--format', 'html', '--output', page, dir], { encoding: 'utf8' });
  if (r.status === 2 || !fs.existsSync(page)) throw new Error(`report-lint failed: ${r.stderr}`);
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  console.log(`bench:html: ${DOCS} documents, ${mb(bytes)} MB of text (UTF-8); page written in ${Date.now() - t} ms, ${mb(fs.statSync(page).size)} MB`);
  if (!CHROMIUM) {
    console.log('bench:html: chromium not installed; browser timings skipped.');
    return;
  }
  const { chromium } = await import('playwright-core');
  const ctx = await chromium.launchPersistentContext(fs.mkdtempSync(path.join(os.tmpdir(), 'rl-chr-')), {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  try {
    const p = await ctx.newPage();
    t = Date.now();
    await p.goto('file://' + page, { waitUntil: 'load' });
    const load = Date.now() - t;
    const marks = await p.$$eval('mark', (e) => e.length);
    t = Date.now();
    for (let i = 0; i < 40; i++) await p.mouse.wheel(0, 3000);
    await p.evaluate(() => new Promise((res) => (globalThis as any).requestAnimationFrame(() => res(null))));
    const scroll = Date.now() - t;
    t = Date.now();
    await p.uncheck('input.fs[value="warn"]');
    const filter = Date.now() - t;
    await p.check('input.fs[value="warn"]');
    t = Date.now();
    for (let i = 0; i < 10; i++) await p.click('#next');
    const next = Date.now() - t;
    console.log(`bench:html: chromium load ${load} ms (${marks} highlights); 40 scroll steps ${scroll} ms; filter ${filter} ms; 10 × next ${next} ms`);
  } finally {
    await ctx.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`bench:html: ${(e as Error).message}`);
  process.exit(1);
});
