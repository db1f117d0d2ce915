import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportDocument } from '../../../server/src/core/document';
import { documentStructure, documentOutline, foldingRanges, type OutlineSymbol } from '../../../server/src/core/structure';

function tree(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): string[] {
  const out: string[] = [];
  const walk = (s: OutlineSymbol[], d: number) => {
    for (const x of s) {
      out.push('  '.repeat(d) + x.name);
      walk(x.children, d + 1);
    }
  };
  walk(documentOutline(new ReportDocument(text, format)), 0);
  return out;
}

const REPORT = [
  '某街道2025年工作总结',
  '一、工作开展情况',
  '今年以来，街道上下围绕年初目标，扎实推进各项工作。',
  '（一）经济运行稳中有进',
  '1.项目建设加快推进。全年实施重点项目12个，完成投资3.6亿元。',
  '2.招商引资成效明显。新签约项目8个。',
  '（二）民生保障持续加强',
  '1.就业服务。新增就业岗位420个。',
  '2.社会救助。一是及时发放低保金；二是开展临时救助。',
  '二、存在的问题',
  '一是产业结构仍需优化；二是基础设施短板明显。',
  '三、2026年工作打算',
  '（一）抓项目促发展',
  '（二）抓民生补短板',
  '附件：名词解释',
  '1.低保：最低生活保障。',
  '2.临时救助：对遭遇突发困难家庭的救助。',
].join('\n');

test('whole report: nesting of 一、 > （一） > 1. > 一是, lists restarting under new parents', () => {
  assert.deepEqual(tree(REPORT), [
    '一、工作开展情况',
    '  （一）经济运行稳中有进',
    '    1.项目建设加快推进',
    '    2.招商引资成效明显',
    '  （二）民生保障持续加强',
    '    1.就业服务',
    '    2.社会救助',
    '      一是及时发放低保金',
    '      二是开展临时救助',
    '二、存在的问题',
    '  一是产业结构仍需优化',
    '  二是基础设施短板明显',
    '三、2026年工作打算',
    '  （一）抓项目促发展',
    '  （二）抓民生补短板',
    '    1.低保',
    '    2.临时救助',
  ]);
  const s = documentStructure(new ReportDocument(REPORT));
  const arLists = s.lists.filter((l) => l.family === 'ar-dot');
  assert.deepEqual(arLists.map((l) => l.items.map((n) => n.marker!.value)), [[1, 2], [1, 2], [1, 2]]);
});

test('figures and dates are not markers', () => {
  const text = [
    '1.5万人次参加了培训。',
    '2024.3启动建设，一、二季度分别完成投资2.1亿元和3.4亿元。',
    '一二三产业协调发展，统一是关键。',
    '1、2号楼已封顶。',
    '（2023）年度报告已印发。',
  ].join('\n');
  assert.deepEqual(documentStructure(new ReportDocument(text)).nodes.map((n) => n.marker!.text), []);
});

test('markers after a Latin word and a space are not taken (see (1) above)', () => {
  assert.deepEqual(documentStructure(new ReportDocument('详见附录 Table (1) 所列数据。')).nodes, []);
});

test('numbered items inside a quotation belong to the quoted text, not to the outline', () => {
  const text = ['一、修改《管理办法》', '1.将第三条修改为：', '“有下列情形之一的，不予登记：', '（一）材料不全的；', '（二）超过期限的。”', '2.将第五条删除。', '二、本决定自公布之日起施行。'].join('\n');
  assert.deepEqual(tree(text), ['一、修改《管理办法》', '  1.将第三条修改为', '  2.将第五条删除', '二、本决定自公布之日起施行']);
  // An inline quotation too; an unclosed quotation across paragraphs quotes nothing.
  assert.deepEqual(tree('会议提出“（一）稳增长”的要求。\n（一）抓项目。'), ['（一）抓项目']);
  assert.deepEqual(tree('“这段引文没有结束\n（一）抓项目。\n（二）抓民生。'), ['（一）抓项目', '（二）抓民生']);
});

test('footnote marks inside sentences and ［27］ references are not markers', () => {
  const text = '坚持以人民为中心的发展思想①，推进共同富裕［27］。\n①见《文件汇编》第3页。';
  const nodes = documentStructure(new ReportDocument(text)).nodes;
  assert.deepEqual(nodes.map((n) => n.marker!.text), ['①']);
  assert.equal(nodes[0].marker!.placement, 'paragraph');
});

test('headings that run into their first item on one line', () => {
  assert.deepEqual(tree('三、明年工作安排1.继续推进审查工作：一是完善机制。二是加强培训。'), [
    '三、明年工作安排',
    '  1.继续推进审查工作',
    '    一是完善机制',
    '    二是加强培训',
  ]);
  assert.deepEqual(tree('五、重点项目1.续建项目：无2.新开工项目：体育馆3.储备项目：文化中心'), [
    '五、重点项目',
    '  1.续建项目',
    '  2.新开工项目',
    '  3.储备项目',
  ]);
  assert.deepEqual(tree('二、存在问题(一)用地空间不足。(二)配套设施滞后。'), ['二、存在问题', '  （一）用地空间不足', '  （二）配套设施滞后']);
});

test('run-in headings ending in 。 followed by items', () => {
  assert.deepEqual(tree('（一）精准施策，确保群众增收。1、抓好产业帮扶。2、推进就业帮扶。'), [
    '（一）精准施策，确保群众增收',
    '  1.抓好产业帮扶',
    '  2.推进就业帮扶',
  ]);
});

test('a heading that lost its brackets between 一、 and 一是 is level 2', () => {
  const text = '一、上半年工作情况 上半年，中心按计划推进各项工作。 一加快进度服务全县发展大局。一是细化计划。二是强化督查。';
  assert.deepEqual(tree(text), ['一、上半年工作情况', '  （一）加快进度服务全县发展大局', '    一是细化计划', '    二是强化督查']);
  // Not a heading: ordinary words and quantities.
  assert.deepEqual(tree('一、总体情况\n一方面加快进度。一是细化计划。\n一年来成效明显。'), ['一、总体情况', '  一是细化计划']);
  assert.deepEqual(tree('一、总体情况\n一村一品发展迅速。一是细化计划。二是强化督查。'), ['一、总体情况', '  一是细化计划', '  二是强化督查']);
  assert.deepEqual(tree('一、总体情况\n一网通办全面推开。\n1.事项全部上线。'), ['一、总体情况', '  1.事项全部上线']);
});

test('run-in 第一，and 首先…其次…最后 enumerations', () => {
  assert.deepEqual(tree('一、主要做法\n第一，强化组织领导。第二，完善工作机制。\n首先，摸清底数；其次，制定方案；最后，抓好落实。'), [
    '一、主要做法',
    '  第一强化组织领导',
    '  第二完善工作机制',
    '    首先摸清底数',
    '    其次制定方案',
    '    最后抓好落实',
  ]);
});

test('Markdown headings carry the outline, with or without their own numbering', () => {
  const md = ['# 2025年工作总结', '', '## 一、主要成绩', '', '（一）经济平稳', '', '1. 工业增长', '', '## 二、下步打算', '', '### 重点任务', '', '一是抓项目。二是促消费。'].join('\n');
  assert.deepEqual(tree(md, 'markdown'), [
    '2025年工作总结',
    '  一、主要成绩',
    '    （一）经济平稳',
    '      1.工业增长',
    '  二、下步打算',
    '    重点任务',
    '      一是抓项目',
    '      二是促消费',
  ]);
});

test('full-width digits and spaced digits', () => {
  assert.deepEqual(tree('１．加强领导。\n２．落实责任。\n1 9 9 7 年国内生产总值增长8.8%。'), ['１．加强领导', '２．落实责任']);
});

test('outline ranges cover sections; folding by section', () => {
  const doc = new ReportDocument(REPORT);
  const outline = documentOutline(doc);
  const first = outline[0];
  assert.equal(doc.text.slice(first.selectionRange[0], first.selectionRange[1]), '一、工作开展情况');
  assert.ok(doc.text.slice(first.range[0], first.range[1]).endsWith('二是开展临时救助。'));
  const folds = foldingRanges(doc).map((f) => [f.startLine, f.endLine]);
  assert.deepEqual(folds, [
    [1, 8],
    [3, 5],
    [6, 8],
    [9, 10],
    [11, 16],
    [13, 16],
  ]);
});

test('empty and odd input', () => {
  assert.deepEqual(tree(''), []);
  assert.deepEqual(tree('\n\n（\n一、\n'), []);
  assert.deepEqual(foldingRanges(new ReportDocument('')), []);
});
