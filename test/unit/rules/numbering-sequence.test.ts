import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { numberingSequence } from '../../../server/src/rules/numbering-sequence';
import { lintText } from '../../../server/src/core/runner';
import { applyFixes } from '../../../server/src/core/fix';

ruleTester(numberingSequence, {
  valid: [
    '一、工作回顾\n（一）经济运行\n1.工业生产。\n2.固定资产投资。\n（二）社会事业\n1.教育。\n2.卫生。\n二、工作打算',
    { name: 'run-in enumeration, restarted in the next paragraph', text: '（一）抓项目。一是抓开工；二是抓进度；三是抓投产。\n（二）抓民生。一是稳就业，二是强保障。' },
    { name: 'annex list restarts at 1', text: '一、总体要求\n1.坚持统筹推进。\n2.坚持问题导向。\n二、主要任务\n附件：名词解释\n1.低保：最低生活保障。\n2.特困：特困人员供养。\n3.临时救助：对突发困难家庭的救助。' },
    { name: 'numbered straight through the sections (document convention)', text: '一、总体要求\n（一）指导思想。\n（二）基本原则。\n二、重点任务\n（三）加强统筹。\n（四）强化保障。\n三、组织实施\n（五）加强领导。' },
    { name: 'outer list resumes after a nested list written alike', text: '一、主要成绩\n二、主要措施\n一、抓项目。\n二、抓招商。\n三、存在问题\n四、下步打算' },
    { name: 'footnote marks after a full stop', text: '正如马克思所说，“人的本质是一切社会关系的总和”。③这一论断至今适用。⑤同上。' },
    '全年增长1.5%，一、二季度分别增长2.1%和3.4%，2024.3启动。',
    '一、三年来的工作回顾\n二、今后的主要任务',
    { name: 'first， with its own list of 一、', text: '（一）关于建设规模\n第一，规模问题。\n一、财力能够支撑。\n二、技术力量可以解决。\n第二，比例问题。\n（二）关于生产问题' },
  ],
  invalid: [
    {
      name: 'Markdown headings with a space after 、',
      text: '## 一、 总体情况\n\n今年以来运行平稳。\n\n## 三、 下步打算\n\n继续努力。',
      format: 'markdown',
      errors: [{ text: '三、', message: /缺少“二、”/ }],
    },
    {
      name: 'step back in a run-in enumeration',
      text: '一是抓产业。二是抓就业。三是抓金融。\n四是抓教育。五是抓医疗。\n六是推进生态建设。七是抓好人居环境整治。四是做好基础设施排查。',
      errors: [{ text: '四是', message: '编号倒退：“七是”之后是“四是”，应为“八是”', suggestions: ['八是'] }],
    },
    {
      name: 'an excerpt that starts at 六是 (in a whole document, a missing start)',
      text: '六是推进生态建设。七是抓好人居环境整治。四是做好基础设施排查。',
      errors: [{ text: '六是', suggestions: ['一是推进生态建设。二是抓好人居环境整治。三是'] }, { text: '四是', suggestions: ['八是'] }],
    },
    { name: 'gap', text: '一、工作回顾\n二、存在问题\n四、工作打算', errors: [{ text: '四、', message: '编号不连续：“二、”之后是“四、”，缺少“三、”', suggestions: ['三、'] }] },
    { name: 'repeat', text: '（一）抓项目。\n（二）抓招商。\n（二）抓民生。', errors: [{ text: '（二）', message: /编号重复/, suggestions: ['（三）'] }] },
    { name: 'starts at 二 in a whole document', text: '2025年工作总结\n二、工作回顾\n三、工作打算', errors: [{ text: '二、', message: '编号从“二、”开始，前面没有“一、”', suggestions: ['一、工作回顾\n二、'] }] },
    {
      name: 'child list continues across a new parent where the document restarts elsewhere',
      text: '一、工作回顾\n（一）经济\n1.工业。\n2.农业。\n（二）社会\n1.教育。\n2.卫生。\n（三）生态\n3.治水。\n4.治气。',
      errors: [{ text: '3.', message: '编号跨上级延续：“（三）”下的“3.”接续了上一节的编号，应从“1.”重新开始', suggestions: ['1.治水。\n2.'] }],
    },
    { name: 'full-width digits keep their width', text: '１．加强领导。\n２．落实责任。\n４．严格考核。', errors: [{ text: '４．', suggestions: ['３．'] }] },
    { name: 'markdown headings', format: 'markdown', text: '# 总结\n\n## 一、成绩\n\n## 三、问题\n', errors: ['三、'] },
  ],
});

function renumberAll(text: string): string {
  const found = lintText(text, [numberingSequence]);
  const s = found.find((d) => d.suggestions?.length);
  return s ? applyFixes(text, [s.suggestions![0].fix]).output : text;
}

test('numbering-sequence: renumbering changes only the markers and is idempotent', () => {
  const text = '（一）抓项目。一是抓开工；二是抓进度；四是抓投产；四是抓验收。\n（二）抓民生。';
  const once = renumberAll(text);
  assert.equal(once, '（一）抓项目。一是抓开工；二是抓进度；三是抓投产；四是抓验收。\n（二）抓民生。');
  assert.deepEqual(lintText(once, [numberingSequence]), []);
  assert.equal(renumberAll(once), once);
});

test('numbering-sequence: one suggestion per finding, describing the new numbering', () => {
  const found = lintText('一是甲。二是乙。二是丙。五是丁。', [numberingSequence]);
  assert.equal(found.length, 2);
  for (const d of found) assert.equal(d.suggestions![0].desc, '依次重新编号（只改编号）：一是 二是 三是 四是');
});

test('numbering-sequence: the documented examples behave as documented', () => {
  for (const s of numberingSequence.meta.docs.flagged) assert.ok(lintText(s, [numberingSequence]).length > 0, `should flag: ${s}`);
  for (const s of numberingSequence.meta.docs.passed) assert.deepEqual(lintText(s, [numberingSequence]).map((d) => d.message), [], `should pass: ${s}`);
});
