import { test } from 'node:test';
import assert from 'node:assert/strict';
import { outdated, renderIndex, renderRuleDoc, renderRuleTable, updateReadme } from '../../scripts/gen-docs';
import { allRules, ruleDocsUrl } from '../../server/src/rules';
import { lintText } from '../../server/src/core/runner';
import type { Rule } from '../../server/src/core/types';

test('README rule table and docs/rules/*.md match the rules’ metadata (run `npm run docs` after changing a rule)', () => {
  assert.deepEqual(outdated(), []);
});

test('every rule documents itself: summary, details, flagged and passed examples', () => {
  for (const r of allRules) {
    const d = r.meta.docs;
    assert.ok(r.meta.title && d.summary && d.details, `${r.meta.id}: title/summary/details`);
    assert.ok(d.flagged.length >= 2 && d.passed.length >= 2, `${r.meta.id}: at least two flagged and two passed examples`);
    assert.ok(ruleDocsUrl(r.meta.id).endsWith(`docs/rules/${r.meta.id}.md`));
  }
});

// The pages promise what the examples show. Checked for the rules whose examples are single sentences; rules
// whose examples need a whole document (numbering across sections) are checked by their own tests.
const SENTENCE_EXAMPLES = ['placeholder', 'missing-number', 'punctuation', 'unit', 'numbering-style'];
test('documented examples behave as documented (flagged ones are found, passed ones are not)', () => {
  for (const r of allRules.filter((x) => SENTENCE_EXAMPLES.includes(x.meta.id))) {
    for (const s of r.meta.docs.flagged) assert.ok(lintText(s, [r]).length > 0, `${r.meta.id} should flag: ${s}`);
    for (const s of r.meta.docs.passed) assert.deepEqual(lintText(s, [r]).map((d) => d.message), [], `${r.meta.id} should pass: ${s}`);
  }
});

const fake: Rule = {
  meta: {
    id: 'demo-rule',
    defaultSeverity: 'info',
    category: 'typography',
    title: '演示|规则',
    fixable: true,
    tier: 'fast',
    docs: { summary: '一句话\n说明', details: '细节。', flagged: ['用`a`字段', '甲'], passed: ['乙', '丙'] },
  },
  check: () => [],
};

test('generated page carries the metadata', () => {
  const page = renderRuleDoc(fake);
  assert.match(page, /^<!-- 本文件由 scripts\/gen-docs\.ts/);
  assert.match(page, /# 演示\|规则（`demo-rule`）/);
  assert.match(page, /默认级别：提示（info）/);
  assert.match(page, /自动修正：有/);
  assert.match(page, /- ``用`a`字段``/);
  assert.match(page, /"demo-rule": "off"/);
});

test('table rows escape pipes and line breaks and link the page', () => {
  const table = renderRuleTable([fake]);
  assert.match(table, /\| \[`demo-rule`\]\(docs\/rules\/demo-rule\.md\) \| 演示\\\|规则 \| 一句话 说明 \| info \| ✓ \|/);
});

test('the index links the pages beside it', () => {
  assert.match(renderIndex([fake]), /\| \[`demo-rule`\]\(demo-rule\.md\) \|/);
});

test('README update replaces only the marked block, and refuses a README without markers', () => {
  const readme = '前言\n<!-- rules:start -->\n旧表\n<!-- rules:end -->\n后记\n';
  const out = updateReadme(readme, [fake]);
  assert.ok(out.startsWith('前言\n<!-- rules:start -->\n| 规则 |'));
  assert.ok(out.endsWith('\n<!-- rules:end -->\n后记\n'));
  assert.ok(!out.includes('旧表'));
  assert.equal(updateReadme(out, [fake]), out);
  assert.throws(() => updateReadme('没有标记', [fake]), /markers/);
});
