import { numberingSequenceFindings } from '../core/structure/sequence';
import type { Rule } from '../core/types';

/**
 * numbering-sequence — a numbered sequence that skips, repeats, goes back or starts wrong, at any level
 * (一、 （一） 1. （1） ① 第一， 一是), read from the shared structure tree: lists restart under each new parent
 * and at a new 1, so annex lists (名词解释 1.–28.) and nested 一是 lists are sequences of their own.
 */
export const numberingSequence: Rule = {
  meta: {
    id: 'numbering-sequence',
    defaultSeverity: 'warn',
    category: 'structure',
    title: '编号顺序',
    fixable: false,
    tier: 'fast',
    docs: {
      summary: '编号跳号、重号、倒退、不从“一”开始，或下级编号跨上级延续。',
      details:
        '按层级（一、（一）1.（1）① 第一 一是）逐级检查编号是否连续。每个上级标题下的下级编号重新从“1”开始；' +
        '从“1”重新开始的列表（如附件中的名词解释）另算一组。下级编号全文连续编排（第二节接着第一节编为3.、4.）也是一种写法，' +
        '不作报告；只有文中其他各节都重新从“1”编号、个别一节却接续上一节时，才报告“编号跨上级延续”。' +
        '报告时给出“依次重新编号”的建议（只改编号，不动正文），' +
        '因为改动多处，不作为自动修复。',
      flagged: ['一是加强领导。二是完善机制。四是强化考核。', '六是抓生态。七是抓人居环境。四是抓基础设施。', '（一）抓项目 1.续建 2.新建 （二）抓民生 1.就业 （三）抓生态 2.治水'],
      passed: ['一是加强领导。二是完善机制。三是强化考核。', '（一）抓项目 1.续建 2.新建 （二）抓民生 1.就业', '（一）抓项目 1.续建 2.新建 （二）抓民生 3.就业 4.教育', '全年增长1.5%，一、二季度分别增长2.1%和3.4%。'],
    },
  },
  check(ctx) {
    return numberingSequenceFindings(ctx.doc);
  },
};
