/**
 * Language-server benchmark (issue 7): a cold check of a ~100 KB report versus the re-check after a
 * one-character edit, in process (DocumentChecker, with and without the paragraph cache) and end to end over
 * stdio (dist/server.js: didOpen/didChange, then reportLint/documentStats, which waits for the complete check),
 * plus the server's resident memory.
 *
 *   npm run bench:lsp [-- --size 100000] [-- --edits 20] [-- --server dist/server.js] [-- --stdio-only]
 *
 * The document is built from the real reports in ../shared/corpus when they are there (read in place), else
 * from examples/ (every copy made distinct, so that the cold check cannot profit from repeated paragraphs).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { ReportDocument } from '../server/src/core/document';
import { lint } from '../server/src/core/runner';
import { allRules } from '../server/src/rules';
import { DocumentChecker } from '../server/src/lsp/checker';

const ROOT = path.resolve(__dirname, '..');
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SIZE = arg('size', 100_000);
const EDITS = arg('edits', 20);

function corpusText(): { text: string; source: string } | undefined {
  const dir = path.resolve(ROOT, '../shared/corpus/reports');
  if (!fs.existsSync(dir)) return undefined;
  const files: string[] = [];
  const walk = (d: string) => {
    for (const n of fs.readdirSync(d).sort()) {
      const p = path.join(d, n);
      if (fs.statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.txt')) files.push(p);
    }
  };
  walk(dir);
  let text = '';
  const used: string[] = [];
  for (const f of files.reverse()) {
    if (text.length >= SIZE) break;
    text += fs.readFileSync(f, 'utf8') + '\n';
    used.push(path.basename(f));
  }
  return { text: text.slice(0, SIZE), source: `corpus (${used.length} reports)` };
}

function examplesText(): { text: string; source: string } {
  const base = fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((n) => n.endsWith('.txt'))
    .map((n) => fs.readFileSync(path.join(ROOT, 'examples', n), 'utf8'))
    .join('\n');
  let text = '';
  for (let copy = 1; text.length < SIZE; copy++) {
    // Distinct paragraphs in every copy: numbers shifted, a copy mark on every line.
    text += base.replace(/\d+/g, (d) => String(Number(d) + copy)).replace(/^(.+)$/gm, `$1（第${copy}份）`) + '\n';
  }
  return { text: text.slice(0, SIZE), source: 'examples/ (distinct copies)' };
}

const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** One-character edits spread over the document, each at the start of a line's text (a new character 的). */
function editOffsets(text: string): number[] {
  const out: number[] = [];
  for (let k = 1; k <= EDITS; k++) {
    const i = text.indexOf('\n', Math.floor((text.length * k) / (EDITS + 1)));
    out.push(i < 0 ? Math.floor(text.length / 2) : i + 1);
  }
  return out;
}

async function inProcess(text: string): Promise<void> {
  const hooks = { isStale: () => false, onFast: () => {}, yieldNow: async () => {} };
  let t0 = process.hrtime.bigint();
  await new DocumentChecker(allRules).check(new ReportDocument(text), 1, {}, hooks);
  const first = ms(t0);
  const checker = new DocumentChecker(allRules);
  t0 = process.hrtime.bigint();
  const cold = await checker.check(new ReportDocument(text), 1, {}, hooks);
  const coldMs = ms(t0);
  const cached: number[] = [];
  const uncached: number[] = [];
  let current = text;
  let version = 1;
  for (const [k, at] of editOffsets(text).entries()) {
    const pos = at + k; // earlier edits each added one character before this point
    current = current.slice(0, pos) + '的' + current.slice(pos);
    t0 = process.hrtime.bigint();
    await checker.check(new ReportDocument(current), ++version, {}, hooks);
    cached.push(ms(t0));
    t0 = process.hrtime.bigint();
    lint(new ReportDocument(current), allRules);
    uncached.push(ms(t0));
  }
  console.log(`in process, ${allRules.length} rules, ${cold!.length} findings:`);
  console.log(`  first check (loads dictionaries)      ${first.toFixed(1)} ms`);
  console.log(`  cold check, new document              ${coldMs.toFixed(1)} ms`);
  console.log(`  one-char edit, re-check (cached)      ${median(cached).toFixed(1)} ms median of ${cached.length}`);
  console.log(`  one-char edit, full check (no cache)  ${median(uncached).toFixed(1)} ms median`);
  console.log(`  paragraph cache                       ${checker.cache.hits} hits, ${checker.cache.misses} misses`);
  console.log(`  resident memory (this process)        ${mb(process.memoryUsage().rss)}`);
}

function rssOf(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function overStdio(text: string): Promise<void> {
  // --server FILE: another build of the server (e.g. the previous version's, for before/after figures).
  const si = process.argv.indexOf('--server');
  const server = si > 0 ? path.resolve(process.argv[si + 1]) : path.join(ROOT, 'dist/server.js');
  if (!fs.existsSync(server)) {
    console.log('over stdio: dist/server.js missing (npm run build)');
    return;
  }
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ debounceMs: 0, logLevel: 'debug' })));
  conn.onRequest('client/registerCapability', () => null);
  /** First publication per URI (ms since hrtime origin). */
  const firstPublish = new Map<string, bigint>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
    if (!firstPublish.has(p.uri)) firstPublish.set(p.uri, process.hrtime.bigint());
  });
  /** The model-tier worker's heap, as its debug log reports it (MB). */
  let workerHeap: number | undefined;
  conn.onNotification('window/logMessage', (p: { message: string }) => {
    const m = /模型规则线程：.*堆 (\d+) MB/.exec(p.message);
    if (m) workerHeap = Number(m[1]);
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  await conn.sendNotification('initialized', {});
  const rssStart = rssOf(proc.pid!);
  const uri = pathToFileURL(path.join(ROOT, 'bench-report.txt')).href;
  const stats = () => conn.sendRequest('reportLint/documentStats', { uri }) as Promise<{ open: number; other: number } | null>;
  let t0 = process.hrtime.bigint();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  // While the first check of the long document runs (the model loads): a small document's fast findings and an
  // outline request of the long one must not wait for it.
  const small = pathToFileURL(path.join(ROOT, 'bench-small.txt')).href;
  const tSmall = process.hrtime.bigint();
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'plaintext', version: 1, text: '截止目前,已完成xx个项目。\n' } });
  const tSym = process.hrtime.bigint();
  await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  const symbolMs = ms(tSym);
  const s = await stats();
  const open = ms(t0);
  const fastMs = firstPublish.has(uri) ? Number(firstPublish.get(uri)! - t0) / 1e6 : NaN;
  const smallMs = firstPublish.has(small) ? Number(firstPublish.get(small)! - tSmall) / 1e6 : NaN;
  const edits: number[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  let version = 1;
  for (const at of editOffsets(text)) {
    t0 = process.hrtime.bigint();
    const line = lineOf(at); // the edits add no line breaks
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '的' }],
    });
    await stats();
    edits.push(ms(t0));
  }
  const rss = rssOf(proc.pid!);
  // And once the server has been idle a few seconds (as with a document open in the editor between edits).
  await new Promise((r) => setTimeout(r, 5000));
  const rssIdle = rssOf(proc.pid!);
  console.log(`over stdio (dist/server.js), ${s ? s.open + s.other : '?'} findings:`);
  console.log(`  didOpen → first (fast) diagnostics     ${fastMs.toFixed(1)} ms`);
  console.log(`  during it: other document's diagnostics ${smallMs.toFixed(1)} ms, outline request ${symbolMs.toFixed(1)} ms`);
  console.log(`  didOpen → complete check              ${open.toFixed(1)} ms (includes loading)`);
  console.log(`  one-char didChange → complete check   ${median(edits).toFixed(1)} ms median of ${edits.length}`);
  console.log(`  server resident memory                ${rss ? mb(rss) : '?'} (after initialize ${rssStart ? mb(rssStart) : '?'}; the process, worker thread included)`);
  console.log(`  server resident memory, idle 5 s later  ${rssIdle ? mb(rssIdle) : '?'}`);
  if (workerHeap !== undefined) console.log(`  model-tier worker thread heap         ${workerHeap} MB (part of the resident memory above)`);
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
}

async function main(): Promise<void> {
  const { text, source } = corpusText() ?? examplesText();
  console.log(`report-lint-server benchmark: ${text.length} UTF-16 units from ${source}, ${text.split('\n').length} lines\n`);
  if (!process.argv.includes('--stdio-only')) {
    await inProcess(text);
    console.log('');
  }
  await overStdio(text);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
