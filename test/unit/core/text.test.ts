import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentNumberPrefixes, isHan, sentenceSpans } from '../../../server/src/core/text';

test('sentenceSpans: ends at 。？！； and line ends, closing quotes and brackets after the stop included', () => {
  const text = '他说：“项目已完工。”下一步怎么办？继续推进！（见附件。）第一；第二\n尾句没有句号';
  const parts = sentenceSpans(text).map(([s, e]) => text.slice(s, e));
  assert.deepEqual(parts, ['他说：“项目已完工。”', '下一步怎么办？', '继续推进！', '（见附件。）', '第一；', '第二\n', '尾句没有句号']);
  assert.deepEqual(sentenceSpans(''), []);
  assert.deepEqual(sentenceSpans('。。”’）'), [[0, 1], [1, 5]]);
});

test('isHan: one character by its code, a longer string when it holds a Han character', () => {
  assert.equal(isHan('中'), true);
  assert.equal(isHan('㐀'), true); // extension A
  assert.equal(isHan('豈'), true); // compatibility ideographs
  assert.equal(isHan('a'), false);
  assert.equal(isHan('，'), false);
  assert.equal(isHan(''), false);
  assert.equal(isHan(undefined), false);
  assert.equal(isHan('ab中'), true);
  assert.equal(isHan('abc'), false);
});

test('documentNumberPrefixes: the issuing office before 〔year〕N号, in any bracket; not ordinary text or a year alone', () => {
  const text = '根据豫政办〔2005〕107号和市政发[2021] 3号文件，及2023年工作安排（2023）执行。';
  const parts = documentNumberPrefixes(text).map(([s, e]) => text.slice(s, e));
  assert.deepEqual(parts, ['豫政办', '市政发']);
  // no more than six characters before the year
  assert.deepEqual(documentNumberPrefixes('本年度工作计划安排国发〔2020〕5号').map(([s, e]) => e - s), [6]);
  assert.deepEqual(documentNumberPrefixes('全年完成投资12亿元，同比增长8.5%。'), []);
  assert.deepEqual(documentNumberPrefixes('见附件（2023）。'), []);
});
