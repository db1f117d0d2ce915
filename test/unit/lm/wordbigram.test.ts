import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageModel } from '../../../server/src/core/lm';
import { Lexicon } from '../../../server/src/core/lm/lexicon';
import { PAIR_SEP, WordBigram, quantizeCount, writeWordBigram } from '../../../server/src/core/lm/wordbigram';

test('word bigram: counts survive writing and reading (within the quantisation step)', () => {
  const counts = new Map<string, number>([
    ['推进', 400],
    ['改革', 300],
    ['工作', 1000],
    [`推进${PAIR_SEP}改革`, 120],
    [`推进${PAIR_SEP}工作`, 60],
  ]);
  const wb = new WordBigram(writeWordBigram(counts, 5000));
  assert.equal(wb.total, 5000);
  assert.equal(wb.entries, 5);
  for (const [k, c] of counts) assert.ok(Math.abs(wb.count(k) - c) / c < 0.05, `${k}: ${wb.count(k)} vs ${c}`);
  assert.equal(wb.count('没有'), 0);
  assert.equal(wb.count(`改革${PAIR_SEP}推进`), 0);
  // a seen pair beats an unseen one; an unknown first word falls back to the unigram
  assert.ok(wb.logProb('推进', '改革') > wb.logProb('推进', '没有'));
  assert.ok(wb.logProb('推进', '改革') > wb.logProb('改革', '改革'));
  assert.ok(Number.isFinite(wb.logProb('没有', '没有')));
  assert.equal(wb.score(['推进', '改革']), wb.logProb('推进', '改革'));
  assert.equal(quantizeCount(0), 0);
  assert.equal(quantizeCount(1), 1);
});

test('word bigram: a damaged file is refused', () => {
  const buf = writeWordBigram(new Map([['推进', 3]]), 3);
  assert.throws(() => new WordBigram(buf.subarray(0, buf.length - 1)), /truncated/);
  assert.throws(() => new WordBigram(Buffer.from('not a model at all, really not.....')), /word bigram/);
});

test('word bigram: the shipped model loads and knows common report phrasing', () => {
  const wb = getLanguageModel().words;
  assert.ok(wb, 'server/data/word-bigram.bin is loaded');
  assert.ok(wb.entries > 100_000, `entries ${wb.entries}`);
  // 深化改革 is an everyday pair, 深化 followed by a lone 革 is not
  assert.ok(wb.logProb('深化', '改革') > wb.logProb('深化', '革') + 1);
  assert.ok(wb.score(['产生', '重要', '影响', '。']) > wb.score(['产生', '重要', '影', '。']) + 2);
});

test('lexicon: standalone share separates bound characters from free words', () => {
  const lex = getLanguageModel().lexicon;
  assert.ok(lex.standaloneShare('革') < 0.1, `革 ${lex.standaloneShare('革')}`);
  assert.ok(lex.standaloneShare('把') > 0.5, `把 ${lex.standaloneShare('把')}`);
  const small = new Lexicon();
  small.addDict('影 10\n影响 90\n的 50\n');
  assert.equal(small.standaloneShare('影'), 0.1);
  assert.equal(small.standaloneShare('的'), 1);
  // a word added later counts too
  small.addWord('影视', 100);
  assert.ok(Math.abs(small.standaloneShare('影') - 10 / 200) < 1e-12);
});
