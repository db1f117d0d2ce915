/**
 * `npm run build:model`: rebuilds server/data/char-lm.bin (character n-gram, interpolated Kneser-Ney) and
 * server/data/report-vocab.dict (report vocabulary) from ../shared/corpus: official/ plus the training split of
 * reports/ (see scripts/lib/corpus.ts), and server/data/word-bigram.bin (word and word-pair counts).
 * Options: --order N (default 4), --lm-only, --vocab-only, --bigram-only.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, officialFiles, reportSplit } from './lib/corpus';
import { NgramCounter, estimate, writeModel } from './lib/kn';
import { normalize } from '../server/src/core/lm/normalize';

const DATA = path.resolve(__dirname, '../server/data');

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

function* lines(files: string[]): Generator<string> {
  for (const f of files) {
    for (const line of fs.readFileSync(f, 'utf8').split(/\r?\n/)) if (line.trim()) yield line.trim();
  }
}

function buildLm(): void {
  const order = arg('--order', 4);
  const reportWeight = arg('--report-weight', 2);
  const t0 = Date.now();
  const c = new NgramCounter(order);
  const { train } = reportSplit();
  for (const l of lines(officialFiles())) c.addLine(normalize(l));
  for (const l of lines(train)) c.addLine(normalize(l), reportWeight);
  console.log(`counted in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${c.counts.map((m) => m.size).join(' ')}`);
  const minCount = [0, 1, 1, arg('--min3', 2), arg('--min4', 2), arg('--min5', 3), 3, 3];
  const { entries, oov, stats } = estimate(c, minCount);
  for (const s of stats) console.log(s);
  const buf = writeModel(entries, order, oov);
  const outIdx = process.argv.indexOf('--out');
  fs.writeFileSync(outIdx >= 0 ? process.argv[outIdx + 1] : path.join(DATA, 'char-lm.bin'), buf);
  console.log(`char-lm.bin: ${entries.length} entries, ${(buf.length / 1e6).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Pairs of words seen fewer times than this (reports count twice) are left out of word-bigram.bin. */
const BIGRAM_MIN_COUNT = 2;

function buildWordBigram(): void {
  const t0 = Date.now();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { getJieba } = require('../server/src/core/segmenter') as typeof import('../server/src/core/segmenter');
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { writeWordBigram, PAIR_SEP } = require('../server/src/core/lm/wordbigram') as typeof import('../server/src/core/lm/wordbigram');
  const jieba = getJieba();
  const words = new Map<string, number>();
  const pairs = new Map<string, number>();
  let total = 0;
  const add = (line: string, w: number) => {
    let prev = '';
    for (const t of jieba.cut(line, true)) {
      words.set(t, (words.get(t) ?? 0) + w);
      total += w;
      if (prev) {
        const k = prev + PAIR_SEP + t;
        pairs.set(k, (pairs.get(k) ?? 0) + w);
      }
      prev = t;
    }
  };
  const { train } = reportSplit();
  for (const l of lines(officialFiles())) add(l, 1);
  for (const l of lines(train)) add(l, arg('--report-weight', 2));
  const counts = new Map(words);
  for (const [k, c] of pairs) if (c >= BIGRAM_MIN_COUNT) counts.set(k, c);
  const buf = writeWordBigram(counts, total);
  fs.writeFileSync(path.join(DATA, 'word-bigram.bin'), buf);
  console.log(`word-bigram.bin: ${words.size} words, ${counts.size - words.size} of ${pairs.size} pairs, ${(buf.length / 1e6).toFixed(1)} MB, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function main(): void {
  if (!fs.existsSync(CORPUS)) {
    console.error(`build-model: no corpus at ${CORPUS} (set REPORT_LINT_SHARED)`);
    process.exit(2);
  }
  const vocabOnly = process.argv.includes('--vocab-only');
  const lmOnly = process.argv.includes('--lm-only');
  const bigramOnly = process.argv.includes('--bigram-only');
  if (!vocabOnly && !bigramOnly) buildLm();
  if (!lmOnly && !bigramOnly) {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    (require('./lib/vocab') as typeof import('./lib/vocab')).buildVocab(DATA);
  }
  // after the vocabulary: the segmenter reads it
  if (!lmOnly && !vocabOnly) buildWordBigram();
}

main();
