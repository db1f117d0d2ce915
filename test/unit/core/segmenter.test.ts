import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getJieba, segment, setUserWords } from '../../../server/src/core/segmenter';
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

test("words and tags are jieba's own (tagged from the compiled lexicon when there is one)", () => {
  const texts = [
    '2024年全县完成固定资产投资35.6亿元，同比增长8.2%，GDP首次突破100亿元。',
    '推进乡村振兴，青禾湾片区改造完成ＡＢ段１２３米，5G基站新建18个，x光机2台。',
    '县委常委会专题研究部署，各乡镇要把责任落到实处，对群众反映强烈的问题限期销号。',
    '“放管服”改革深入推进，为企服务更加精准；PM2.5平均浓度下降到31微克/立方米。',
  ];
  for (const user of [[], ['青禾湾片区', '乡村振兴', '销号']]) {
    setUserWords(user);
    for (const t of texts) {
      const own = getJieba().tag(t, true).map((x) => `${x.word}/${x.tag}`);
      assert.deepEqual(segment(t).map((x) => `${x.word}/${x.tag}`), own, t);
    }
  }
  setUserWords([]);
});

test('tokens are the text itself, in order and covering it, lone surrogates and unknown symbols included', () => {
  for (const text of ['推进乡村振兴，完成投资3.2亿元。', '甲\uD800乙丙\uDC00丁 A级  ★企业', '\uD83D\uDE00表情与\uFFFD替换符', '']) {
    const tokens = segment(text);
    let pos = 0;
    for (const t of tokens) {
      assert.equal(t.start, pos, `${JSON.stringify(text)}: tokens follow each other`);
      assert.equal(t.word, text.slice(t.start, t.end));
      pos = t.end;
    }
    assert.equal(pos, text.length);
  }
});
