/**
 * `npm run bench:model`: cost of the language model and of the missing-char rule.
 *   1. loading the model (character n-gram + lexicon + deletion index): time and resident memory added;
 *   2. missing-char alone over ~1 MB of report text, in process, model already loaded;
 *   3. the CLI end to end on that 1 MB file (all rules, model loading included), and with missing-char only.
 * The language server's memory with a 100 KB document open is measured by `npm run bench:lsp` (all rules,
 * model included). Text: the reports in ../shared/corpus when present (read in place), else examples/ made
 * distinct copy by copy. Options: --size N (characters, default 1,000,000).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ReportDocument } from '../server/src/core/document';
import { lint } from '../server/src/core/runner';
import { getLanguageModel } from '../server/src/core/lm';
import { missingChar } from '../server/src/rules/missing-char';
import { allRules } from '../server/src/rules';
import { CORPUS, listTxt } from './lib/corpus';

const ROOT = path.resolve(__dirname, '..');
const i = process.argv.indexOf('--size');
const SIZE = i > 0 ? Number(process.argv[i + 1]) : 1_000_000;

function benchText(): { text: string; source: string } {
  const files = listTxt(path.join(CORPUS, 'reports'));
  let text = '';
  if (files.length) {
    for (const f of files) {
      if (text.length >= SIZE) break;
      text += fs.readFileSync(f, 'utf8') + '\n';
    }
    if (text.length >= SIZE) return { text: text.slice(0, SIZE), source: `corpus reports` };
  }
  const base = fs
    .readdirSync(path.join(ROOT, 'examples'))
    .filter((n) => n.endsWith('.txt'))
    .map((n) => fs.readFileSync(path.join(ROOT, 'examples', n), 'utf8'))
    .join('\n');
  for (let copy = 1; text.length < SIZE; copy++) {
    text += base.replace(/\d+/g, (d) => String(Number(d) + copy)).replace(/^(.+)$/gm, `$1（第${copy}份）`) + '\n';
  }
  return { text: text.slice(0, SIZE), source: files.length ? 'corpus reports + examples/' : 'examples/ (distinct copies)' };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const sec = (t0: bigint) => (Number(process.hrtime.bigint() - t0) / 1e9).toFixed(2);

function main(): void {
  const { text, source } = benchText();
  console.log(`bench:model — ${text.length} characters from ${source}`);
  // 1. loading
  const rss0 = process.memoryUsage().rss;
  let t0 = process.hrtime.bigint();
  const lm = getLanguageModel();
  console.log(`  load n-gram + lexicon                 ${sec(t0)} s (${lm.ngram.entries} n-grams, order ${lm.ngram.order})`);
  t0 = process.hrtime.bigint();
  lm.lexicon.deletionCandidates('际');
  console.log(`  build deletion index (first use)      ${sec(t0)} s`);
  console.log(`  resident memory added by the model    ${mb(process.memoryUsage().rss - rss0)}`);
  // 2. the rule alone, in process
  const doc = new ReportDocument(text, 'plaintext');
  t0 = process.hrtime.bigint();
  const found = lint(doc, [missingChar]);
  console.log(`  missing-char on ${(text.length / 1e6).toFixed(1)}M chars (segmenting included) ${sec(t0)} s, ${found.length} findings`);
  const doc2 = new ReportDocument(text, 'plaintext');
  t0 = process.hrtime.bigint();
  lint(doc2, [missingChar]);
  console.log(`  again, segmentation cached            ${sec(t0)} s`);
  // 3. the CLI end to end
  const cli = path.join(ROOT, 'bin/report-lint.js');
  if (!fs.existsSync(path.join(ROOT, 'dist/cli.js'))) {
    console.log('  (CLI not built: run `npm run build` for the end-to-end figures)');
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-bench-model-'));
  const file = path.join(dir, 'report.txt');
  fs.writeFileSync(file, text);
  try {
    for (const [label, extra] of [
      ['CLI, all rules', []],
      ['CLI, missing-char only', allRules.filter((r) => r.meta.id !== 'missing-char').flatMap((r) => ['--rule', `${r.meta.id}=off`])],
      ['CLI, missing-char off', ['--rule', 'missing-char=off']],
    ] as Array<[string, string[]]>) {
      t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [cli, '--format', 'json', ...extra, file], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const note = r.status === 2 ? ` (exit 2: ${r.stderr.split('\n')[0]})` : '';
      console.log(`  ${label.padEnd(36)}  ${sec(t0)} s${note}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
