/**
 * Development aid (not part of the tests): sweeps the missing-char parameters. Scores every insertion once with
 * loose parameters on held-out report samples drawn with a different seed than `npm run eval` uses (SEED, default
 * 7; N samples) and on the clean held-out reports, then re-decides under each combination of SWEEP:
 *   SWEEP='{"threshold":[5.75,6,6.25],"listMargin":[1,2]}' node --import tsx scripts/tune-missing.ts
 * PARAMS='{…}' overrides the defaults; SHOW='{…}' lists the false alarms under those parameters.
 */
import * as fs from 'node:fs';
import { getLanguageModel } from '../server/src/core/lm';
import { segment } from '../server/src/core/segmenter';
import { DEFAULT_PARAMS, decideWithDocument, occurrenceOutside, scoreInsertions, scoreOf, type Insertion, type MissingCharParams } from '../server/src/rules/missing-char';
import { reportSplit } from './lib/corpus';
import { makeSamples } from './eval/missing-char';

const lm = getLanguageModel();
const base: MissingCharParams = { ...DEFAULT_PARAMS, ...JSON.parse(process.env.PARAMS ?? '{}') };
const collect: MissingCharParams = { ...base, threshold: 0, wordWeight: 1.5, standaloneMargin: 0, bigramWeight: 1 };
const { test } = reportSplit();
const n = Number(process.env.N ?? 2000);
const t0 = Date.now();
const samples = makeSamples(test, n, Number(process.env.SEED ?? 7));
const sampleIns: Insertion[][] = samples.map((s) => scoreInsertions(s.text, segment(s.text), lm, collect));
let chars = 0;
const cleanIns: Array<{ line: string; ins: Insertion[]; doc: string; offset: number }> = [];
for (const f of test) {
  const doc = fs.readFileSync(f, 'utf8');
  let offset = 0;
  for (const l of doc.split('\n')) {
    if (l.trim()) cleanIns.push({ line: l, ins: scoreInsertions(l, segment(l), lm, collect), doc, offset });
    offset += l.length + 1;
  }
  chars += offset;
}
/** missing-char's decision with the document's evidence (decideWithDocument, then what finalize keeps). */
function decideIn(ins: Insertion[], p: MissingCharParams, doc: string, from: number, to: number) {
  return decideWithDocument(ins, p, lm).filter((d) => !d.needs || occurrenceOutside(doc, d.best.word, from, to) >= 0);
}
console.log(`scored in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${chars} clean chars`);
export function measure(p: MissingCharParams, show = false): { fa: number; recall: number; top1: number } {
  const rescore = (list: Insertion[]) => list.map((i) => ({ ...i, score: scoreOf(i, p) }));
  let fa = 0;
  for (const { line, ins, doc, offset } of cleanIns) {
    const d = decideIn(rescore(ins), p, doc, offset, offset + line.length);
    fa += d.length;
    if (show) for (const x of d) console.log(`FA ${line.slice(Math.max(0, x.best.gap - 8), x.best.gap)}[${x.best.ch}]${line.slice(x.best.gap, x.best.gap + 8)} ${x.best.word} s=${x.best.score.toFixed(2)} lm=${x.best.lm.toFixed(2)} wm=${x.best.wm.toFixed(2)} f=${x.best.flags}`);
  }
  let found = 0;
  let top1 = 0;
  samples.forEach((s, i) => {
    const d = decideIn(rescore(sampleIns[i]), p, s.doc, s.offset, s.offset + s.text.length).find((x) => Math.abs(x.best.gap - s.gap) <= 2);
    if (!d) return;
    found++;
    if (s.text.slice(0, d.best.gap) + d.best.ch + s.text.slice(d.best.gap) === s.original) top1++;
  });
  return { fa: (fa / chars) * 1e4, recall: found / n, top1: top1 / n };
}
const sweep: Record<string, number[]> = JSON.parse(process.env.SWEEP ?? '{"threshold":[3,3.25,3.5,3.75,4]}');
const keys = Object.keys(sweep);
const combos: Array<Record<string, number>> = [{}];
for (const k of keys) {
  const next: Array<Record<string, number>> = [];
  for (const c of combos) for (const v of sweep[k]) next.push({ ...c, [k]: v });
  combos.splice(0, combos.length, ...next);
}
for (const c of combos) {
  const r = measure({ ...base, ...c });
  console.log(`${JSON.stringify(c)} recall ${r.recall.toFixed(3)} top1 ${r.top1.toFixed(3)} fa ${r.fa.toFixed(3)}`);
}
if (process.env.SHOW) measure({ ...base, ...JSON.parse(process.env.SHOW) }, true);
