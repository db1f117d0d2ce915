import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../server/src/core/runner';
import { allRules } from '../../../server/src/rules';

// Where missing-char and wrong-char read one slip two ways, only the reading whose correction reads better stays
// (server/src/core/arbitrate.ts). Our own sentences.
const wording = allRules.filter((r) => r.meta.id === 'missing-char' || r.meta.id === 'wrong-char');
const found = (text: string, rules = wording) => lintText(text, rules).map((d) => `${d.ruleId} ${text.slice(d.range[0], d.range[1])} → ${d.suggestions?.[0]?.fix.text ?? d.fix?.text}`);

test('a wrong character is not also read as a dropped one beside it (纠分: 纠纷, not 纠纷分)', () => {
  const text = '依法化解各类矛盾纠分，维护社会稳定。';
  // each rule alone reads the place its own way
  assert.ok(found(text, wording.filter((r) => r.meta.id === 'missing-char')).length === 1);
  assert.deepEqual(found(text, wording.filter((r) => r.meta.id === 'wrong-char')), ['wrong-char 分 → 纷']);
  // together: the substitution reads better
  assert.deepEqual(found(text), ['wrong-char 分 → 纷']);
  assert.deepEqual(found('严格落实目标责任考和制度。'), ['wrong-char 和 → 核']);
});

test('a dropped character is not also read as a wrong one (各项织工作: 组织, not 治)', () => {
  const text = '抓紧各项织工作和具体安排。';
  assert.deepEqual(found(text, wording.filter((r) => r.meta.id === 'wrong-char')), ['wrong-char 织 → 治']);
  assert.deepEqual(found(text), ['missing-char 各项织 → 组']);
});

test('findings of the two rules apart from each other both stay', () => {
  const text = '抓紧各项织工作和具体安排。依法化解各类矛盾纠分。';
  assert.deepEqual(found(text), ['missing-char 各项织 → 组', 'wrong-char 分 → 纷']);
});
