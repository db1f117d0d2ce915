import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { countMismatch } from '../../../server/src/rules/count-mismatch';
import { lintText } from '../../../server/src/core/runner';

ruleTester(countMismatch, {
  valid: [
    '该路段分为三大板块：一是西侧运动场地；二是东侧生态绿地；三是滨河步道。',
    '今年重点抓好以下两个方面工作：一是稳增长；二是惠民生。',
    { name: 'heading lists after an intro paragraph', text: '二、明年工作安排\n明年主要做好以下三个方面工作。\n（一）抓项目建设。\n（二）抓民生保障。\n（三）抓生态治理。\n三、保障措施' },
    { name: 'items that run over several paragraphs', text: '当前要做好以下三项工作：\n一是整顿纪律。\n纪律是保障。\n二是完善制度。\n三是加强考核。\n考核要严格。' },
    { name: 'open count', text: '主要做好以下几方面工作：一是抓项目；二是抓民生；三是抓生态。' },
    { name: 'quoted slogan', text: '始终坚持“两个确立”：一是讲政治；二是顾大局；三是守纪律。' },
    { name: 'count of something else', text: '这三个村发展较快：一是交通便利；二是产业兴旺。' },
    { name: 'count far from the list', text: '今年完成三项工作，成效明显，群众满意度进一步提升，得到上级充分肯定。一是抓项目；二是抓民生。' },
    { name: 'a gap is numbering-sequence’s business', text: '重点抓好三项工作：一是抓项目；二是抓民生；四是抓生态。' },
  ],
  invalid: [
    {
      text: '该路段分为三大板块治理：一是西侧运动场地；二是东侧生态绿地；三是滨河步道；四是亲水平台。',
      errors: [{ text: '三大板块', message: '所述“三大板块”与下文列出的4项（“一是”至“四是”）不符', suggestions: ['四'] }],
    },
    {
      name: 'heading lists: stated four, three listed',
      text: '二、明年工作安排\n明年主要做好以下四个方面工作。\n（一）抓项目建设。\n（二）抓民生保障。\n（三）抓生态治理。\n三、保障措施',
      errors: [{ text: '四个方面', message: '所述“四个方面”与下文列出的3项（“（一）”至“（三）”）不符', suggestions: ['三'] }],
    },
    { name: 'two written 两', text: '重点抓好三项工作：第一，稳就业；第二，保民生。', errors: [{ text: '三项工作', suggestions: ['两'] }] },
    { name: 'arabic count', text: '主要有3个方面问题：1.资金不足；2.人才短缺。', errors: [{ text: '3个方面', suggestions: ['2'] }] },
  ],
});

test('count-mismatch: the finding points at the enumeration too', () => {
  const text = '该路段分为三大板块治理：一是西侧；二是东侧；三是滨河；四是亲水平台。';
  const [d] = lintText(text, [countMismatch]);
  assert.ok(d.related && d.related.length === 1);
  assert.equal(text.slice(d.related[0].range[0], d.related[0].range[1]), '一是西侧；二是东侧；三是滨河；四是');
  assert.match(d.related[0].message, /下文列出4项/);
});
