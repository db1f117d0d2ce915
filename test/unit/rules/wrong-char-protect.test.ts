import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PROTECTED, protectedSpans } from '../../../server/src/rules/wrong-char-model';
import { segment } from '../../../server/src/core/segmenter';

test('wrong-char protects the issuing office of a document number (豫政办〔2005〕107号), not the text around it', () => {
  const text = '根据豫政办〔2005〕107号文件精神，落实减免政策。';
  const mask = protectedSpans(text, segment(text), new Set());
  const at = text.indexOf('豫政办');
  for (let i = at; i < at + 3; i++) assert.equal(mask[i], PROTECTED, text[i]);
  const after = text.indexOf('落实');
  assert.equal(mask[after], 0);
});
