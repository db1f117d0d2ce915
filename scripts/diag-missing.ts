/**
 * Development aid (not part of the tests): why are injected drops missed? Sorts the samples (seed 7, not the eval
 * seed) into found / scored below the threshold / gated out (standalone character) / never generated.
 *   N=2000 V=1 node --import tsx scripts/diag-missing.ts   (V: examples of each kind)
 */
import { getLanguageModel } from '../server/src/core/lm';
import { segment } from '../server/src/core/segmenter';
import { DEFAULT_PARAMS, decide, scoreInsertions, insertionGain } from '../server/src/rules/missing-char';
import { reportSplit } from './lib/corpus';
import { makeSamples } from './eval/missing-char';
import { isHan } from '../server/src/core/text';

const lm = getLanguageModel();
const { test } = reportSplit();
const n = Number(process.env.N ?? 2000);
const samples = makeSamples(test, n, Number(process.env.SEED ?? 7));
const cats = new Map<string, number>();
const ex = new Map<string, string[]>();
const add = (c: string, s: string) => { cats.set(c, (cats.get(c) ?? 0) + 1); const l = ex.get(c) ?? []; if (l.length < 25) l.push(s); ex.set(c, l); };
const relaxed = { ...DEFAULT_PARAMS, threshold: -100, standaloneFreq: Infinity };
for (const s of samples) {
  const toks = segment(s.text);
  const ins = scoreInsertions(s.text, toks, lm, DEFAULT_PARAMS);
  const dec = decide(ins, DEFAULT_PARAMS);
  const hit = dec.find((d) => Math.abs(d.best.gap - s.gap) <= 2);
  const ctx = `${s.text.slice(Math.max(0, s.gap - 6), s.gap)}_${s.text.slice(s.gap, s.gap + 6)} [${s.word}+${s.ch}] seg: ${toks.filter(t=>t.end>=s.gap-4&&t.start<=s.gap+4).map(t=>t.word+'/'+t.tag).join(' ')}`;
  if (hit) { add(hit.best.ch === s.ch && hit.best.gap === s.gap ? 'found-right' : 'found-wrong', ctx); continue; }
  const g = insertionGain(s.text, s.gap, s.ch, lm);
  const gs = `lm ${g.lm.toFixed(2)} wm ${g.wm.toFixed(2)} tot ${g.total.toFixed(2)}`;
  const own = ins.find((i) => i.gap === s.gap && i.ch === s.ch);
  if (own) { add(own.score > DEFAULT_PARAMS.threshold ? 'scored-above-but-not-chosen' : 'scored-below', `${ctx} score ${own.score.toFixed(2)} ${gs} flags ${own.flags}`); continue; }
  const rel = scoreInsertions(s.text, toks, lm, relaxed).find((i) => i.gap === s.gap && i.ch === s.ch);
  const single = toks.some((t) => t.word.length === 1 && isHan(t.word) && t.start >= s.gap - 2 && t.start <= s.gap + 1);
  if (rel) add(`gate:standalone(${single})`, `${ctx} ${gs}`);
  else add(`not-generated(single=${single})`, `${ctx} ${gs}`);
}
for (const [c, k] of [...cats].sort((a, b) => b[1] - a[1])) {
  console.log(`== ${c}: ${k}`);
  if (process.env.V) for (const e of ex.get(c)!) console.log('   ' + e);
}
