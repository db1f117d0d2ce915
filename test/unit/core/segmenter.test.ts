import { test } from 'node:test';
import assert from 'node:assert/strict';
import { segment, setUserWords } from '../../../server/src/core/segmenter';
import { lintText } from '../../../server/src/core/runner';
import { wrongChar } from '../../../server/src/rules/wrong-char';

const words = (s: string) => segment(s).map((t) => t.word);

test('user words join in the segmenter, and leave it when taken out of the dictionary', () => {
  const text = '青禾湾片区截止目前已完成征收。';
  const before = words(text);
  assert.ok(!before.includes('青禾湾片区'));
  setUserWords(['青禾湾片区']);
  assert.ok(words(text).includes('青禾湾片区'), words(text).join('/'));
  setUserWords(['青禾湾片区', '新词语']); // adding keeps the earlier word
  assert.ok(words(text).includes('青禾湾片区'));
  setUserWords([]);
  assert.deepEqual(words(text), before);
  // tokens always cover the text
  for (const ws of [[], ['青禾湾片区']]) {
    setUserWords(ws);
    assert.equal(words(text).join(''), text);
  }
  setUserWords([]);
});

test('a word removed from the dictionary is flagged again at once', () => {
  const text = '截止目前，已完成投资3.2亿元。';
  assert.equal(lintText(text, [wrongChar], 'plaintext', { dictionary: ['截止目前'] }).length, 0);
  assert.equal(lintText(text, [wrongChar]).length, 1);
});
