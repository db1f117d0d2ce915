/**
 * Rebuilds server/data/misused-words.tsv: word forms that are misused for a standard word (辈份 for 辈分),
 * from the `correct-wrong` pairs of ../shared/corpus/csc/common-misused-words.txt (MIT licence; see
 * server/data/README.md), keeping only the pairs whose "wrong" form is practically absent from the clean
 * official and report corpora (at most MAX_WRONG occurrences, and at most 1/RATIO of the standard form):
 * forms that published text uses (标识, 成份, 定单, 刻划) are variants, not errors, and are dropped.
 *
 *   node --import tsx scripts/data/build-misused.ts      (needs ../shared/corpus beside the repository)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SHARED = process.env.REPORT_LINT_SHARED ?? path.resolve(__dirname, '../../../shared');
const CORPUS = path.join(SHARED, 'corpus');
const LIST = path.join(CORPUS, 'csc/common-misused-words.txt');
const OUT = path.resolve(__dirname, '../../server/data/misused-words.tsv');
const MAX_WRONG = 1;
const RATIO = 2;

function walk(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out;
}

function count(text: string, s: string): number {
  let n = 0;
  for (let i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + s.length)) n++;
  return n;
}

function main(): void {
  if (!fs.existsSync(LIST)) {
    console.error(`build-misused: ${LIST} not found (set REPORT_LINT_SHARED)`);
    process.exit(2);
  }
  const texts = [...walk(path.join(CORPUS, 'official')), ...walk(path.join(CORPUS, 'reports'))].map((f) => fs.readFileSync(f, 'utf8'));
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const line of fs.readFileSync(LIST, 'utf8').split('\n')) {
    const m = /^(\S+)-(\S+)$/.exec(line.trim());
    if (!m) continue;
    const [, correct, wrong] = m;
    const nw = texts.reduce((a, t) => a + count(t, wrong), 0);
    const nc = texts.reduce((a, t) => a + count(t, correct), 0);
    if (nw === 0 || (nw <= MAX_WRONG && nw * RATIO <= nc)) kept.push(`${wrong}\t${correct}`);
    else dropped.push(`${wrong}(${nw})/${correct}(${nc})`);
  }
  fs.writeFileSync(
    OUT,
    '# misused-words.tsv — wrong form \\t standard form. Built by scripts/data/build-misused.ts from\n' +
      '# common-misused-words.txt (MIT licence, see server/data/README.md), filtered on the clean corpora.\n' +
      kept.join('\n') +
      '\n',
  );
  console.log(`${OUT}: ${kept.length} pairs kept; dropped (used in published text): ${dropped.join(' ')}`);
}

main();
