import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageModel, normalize } from '../../../server/src/core/lm';
import { Lexicon } from '../../../server/src/core/lm/lexicon';

test('the shipped character model loads and has a usable size', () => {
  const lm = getLanguageModel();
  assert.ok(lm.ngram.order >= 4, `order ${lm.ngram.order}`);
  assert.ok(lm.ngram.entries > 1_000_000, `entries ${lm.ngram.entries}`);
});

test('the character model prefers the intended text in context', () => {
  const lm = getLanguageModel();
  // 实际问题 over 国际问题 after 遇到的
  assert.ok(lm.logProb('工作中遇到的实际问题', 6, 10) > lm.logProb('工作中遇到的国际问题', 6, 10));
  assert.ok(lm.scoreWindow('要及时付诸实施') > lm.scoreWindow('要及时付诸施行施'));
  assert.ok(lm.scoreWindow('注册成立有限公司') > lm.scoreWindow('注册成立有限司公'));
  // a probability is a probability
  const lp = lm.scoreWindow('推进乡村振兴');
  assert.ok(lp < 0 && Number.isFinite(lp));
});

test('logProb sums per-character log probabilities over the given span', () => {
  const lm = getLanguageModel();
  const s = '加快建设现代化产业体系';
  const whole = lm.logProb(s, 0, s.length);
  const parts = lm.logProb(s, 0, 5) + lm.logProb(s, 5, s.length);
  assert.ok(Math.abs(whole - parts) < 1e-9);
});

test('normalisation keeps offsets: one code unit in, one out', () => {
  const s = '2024年增长5.2%，GDP达到1,000亿元 (含)\u001A';
  const n = normalize(s);
  assert.equal(n.length, s.length);
  assert.equal(n.slice(0, 5), '0000年');
  assert.equal(n[s.indexOf('G')], 'a');
});

test('lexicon: frequencies, unigram word model and the deletion index', () => {
  const lex = new Lexicon();
  lex.addDict('实际 500 n\n国际 800 n\n实施 900 v\n付诸实施 120 i\n际 2 n\n');
  assert.equal(lex.wordFreq('实施'), 900);
  assert.ok(lex.isKnownWord('付诸实施'));
  assert.ok(!lex.isKnownWord('付诸施'));
  assert.ok(lex.segLogProb('付诸实施') > lex.segLogProb('付诸施'));
  assert.deepEqual(lex.deletionCandidates('付诸施'), [{ word: '付诸实施', pos: 2 }]);
  assert.deepEqual(lex.deletionCandidates('际').map((c) => c.word).sort(), ['国际', '实际']);
  lex.addWord('交际', 50);
  assert.deepEqual(lex.deletionCandidates('际').map((c) => c.word).sort(), ['交际', '国际', '实际']);
});

test('shared lexicon: jieba words are known', () => {
  const lm = getLanguageModel();
  assert.ok(lm.wordFreq('有限公司') > 1000);
  assert.ok(lm.isKnownWord('实施'));
  assert.equal(lm.wordFreq('付诸施'), 0);
});
