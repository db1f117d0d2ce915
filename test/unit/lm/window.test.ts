import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageModel, normalize } from '../../../server/src/core/lm';
import { confusables } from '../../../server/src/core/confusion';
import { WindowScorer, chainLogProb, chainLogProbs } from '../../../server/src/core/lm/window';

// The fast scorer must give the character model's own log-probabilities (shortest-first back-off walk). The
// longest-first walk of charLogProb may take a gram the model lacks for a stored one when its 16-bit fingerprint
// collides (扎蚀推进 in this text): such rare differences are allowed.
const TEXT = normalize('今年以来，我们坚持稳中求进工作总基调，加快建设现代化产业体系，2024年完成投资3.2亿元。乡村振兴扎实推进，城乡居民收入稳步增长。');
const CODES = Uint16Array.from(TEXT, (c) => c.charCodeAt(0));

test('WindowScorer equals charLogProb on every candidate window', () => {
  const ng = getLanguageModel().ngram;
  const ws = new WindowScorer(ng);
  let checked = 0;
  let differ = 0;
  for (let i = 0; i < TEXT.length; i++) {
    const cands = confusables(TEXT[i], 3000).slice(0, 12);
    if (!cands.length) continue;
    const k = ws.load(CODES, i, 1);
    const L = i - k;
    for (const c of cands) {
      ws.candidate(c.char);
      const s = TEXT.slice(L, i) + c.char + TEXT.slice(i + 1, L + ws.length);
      let sum = 0;
      for (let j = k; j < ws.length; j++, checked++) {
        const v = ws.charLogProb(j);
        sum += v;
        if (v !== ng.charLogProb(s, j)) differ++;
      }
      assert.equal(ws.sumFrom(k), sum);
    }
  }
  assert.ok(checked > 1000);
  assert.ok(differ <= checked / 500, `${differ} of ${checked} differ`);
});

test('WindowScorer scores two replaced characters, and chainLogProb whole texts', () => {
  const ng = getLanguageModel().ngram;
  const ws = new WindowScorer(ng);
  const i = TEXT.indexOf('产业');
  const k = ws.load(CODES, i, 2);
  for (const w of ['产业', '铲叶', '长夜']) {
    ws.candidate(w);
    const s = TEXT.slice(i - k, i) + w + TEXT.slice(i + 2, i - k + ws.length);
    for (let j = k; j < ws.length; j++) assert.equal(ws.charLogProb(j), ng.charLogProb(s, j));
  }
  for (let j = 0; j < TEXT.length; j++) assert.equal(chainLogProb(ng, CODES, j), ng.charLogProb(TEXT, j));
});

test('WindowScorer at a sentence start: the bare BOUNDARY is no gram, grams starting with it are', () => {
  // A candidate whose context walk looks up the bare BOUNDARY (a rare character that backs off to the unigram)
  // must not make the scorer take the next candidate's sentence-start bigram for missing.
  const ng = getLanguageModel().ngram;
  const ws = new WindowScorer(ng);
  const text = normalize('\u0002X党中央决定');
  const codes = Uint16Array.from(text, (c) => c.charCodeAt(0));
  const k = ws.load(codes, 1, 1);
  for (const c of ['阉', '该', '龘', '本', '今', '鼋', '这']) {
    ws.candidate(c);
    const s = text.slice(0, 1) + c + text.slice(2);
    for (let j = k; j < ws.length; j++) assert.equal(ws.charLogProb(j), ng.charLogProb(s, j), `${c} at ${j}`);
  }
});

test('chainLogProbs gives chainLogProb of every position (long texts too, boundaries and unknown grams included)', () => {
  const ng = getLanguageModel().ngram;
  const texts = [
    TEXT,
    normalize('各条线部门要把各项措施付诸施，协调解决企业遇到的际问题。A级纳税人 3.2%，《报告》“十四五”！'),
    normalize('甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'.repeat(80)), // longer than the buffers at first
    '',
  ];
  for (const t of texts) {
    const codes = Uint16Array.from(t, (c) => c.charCodeAt(0));
    const out = new Float64Array(codes.length);
    chainLogProbs(ng, codes, codes.length, out);
    for (let j = 0; j < codes.length; j++) assert.equal(out[j], chainLogProb(ng, codes, j), `${t.slice(Math.max(0, j - 3), j + 1)} at ${j}`);
  }
});
