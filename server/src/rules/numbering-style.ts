import { numberingStyleFindings } from '../core/structure/style';
import type { Rule } from '../core/types';

/**
 * numbering-style — numbering markers against GB/T 9704-2012 7.3.3 and GB/T 15834-2011 B.3: 一、 （一） 1. （1）,
 * full-width brackets with no punctuation after them, a heading numeral that lost its brackets, and a level
 * skipped where the document itself elsewhere uses that level. The marker forms come from the shared structure
 * parser (core/structure), so dates and figures (1.5万, 2024.3, 一、二季度) are never read as markers.
 */
export const numberingStyle: Rule = {
  meta: {
    id: 'numbering-style',
    defaultSeverity: 'warn',
    category: 'structure',
    title: '编号格式',
    fixable: true,
    tier: 'fast',
    docs: {
      summary: '编号的形式和标点不合规范：1、→1.，(一)→（一），（一）、→（一），一.→一、，丢了括号的“一狠抓”，标题与正文连在一段，层级跳跃或颠倒。',
      details:
        '按 GB/T 9704-2012 第7.3.3条，标题层次依次为“一、”“（一）”“1.”“（1）”；按 GB/T 15834-2011 附录B.3，' +
        '阿拉伯数字编号后用下脚点，括号编号后不再加标点，括号用全角。丢了括号的二级标题（“一、”与“一是”之间的“一狠抓……”）按“（一）”报告。' +
        '层级跳跃（“一、”下直接用“（1）”）和层级颠倒（同一标题下先用“1.”、后用“（一）”）只在本文其他部分按规范使用了这两级时报告：文件自身的体例说了算。' +
        '标题后直接接着下一级编号（“三、2025年工作计划1.继续……”）时，提示在编号前换行；段内列举用“一是”“（1）”，不报告。' +
        '日期、数字（1.5万、2024.3、一、二季度）和条款引用（第（二）、（三）项）不是编号。',
      flagged: ['1、重点项目建设情况', '(一)园区发展空间不足。', '（二）、加强队伍建设。', '一.总体要求', '(3)完善考核办法。', '三、2025年工作计划1.继续推进项目建设。'],
      passed: ['1.重点项目建设情况', '（一）园区发展空间不足。', '一、总体要求', '全年增长1.5%，一、二季度分别增长2.1%和3.4%。', '2024.3启动建设。'],
    },
  },
  check(ctx) {
    return numberingStyleFindings(ctx.doc);
  },
};
