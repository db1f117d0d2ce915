import { checkRelations } from '../core/quantity/relations';
import { paragraphRule } from '../core/paragraph-cache';
import type { Rule } from '../core/types';

/**
 * sum-mismatch — totals that disagree with their parts, percentages and growth rates that disagree with the
 * numbers they are computed from, shares that do not make up their whole. The arithmetic lives in
 * core/quantity/relations.ts; this file only walks the paragraphs.
 */
export const sumMismatch: Rule = paragraphRule({
  meta: {
    id: 'sum-mismatch',
    defaultSeverity: 'warn',
    category: 'quantity',
    title: '合计、占比与增幅不符',
    fixable: false,
    tier: 'fast',
    scope: 'paragraph',
    docs: {
      summary: '总数与分项之和不符，占比、增幅与据以计算的数字不符，各部分占比之和不是100%。',
      details:
        '检查报告自己写明的数量关系：“共/合计……其中A、B、C”的分项不能超过总数，完整列出的分项之和应等于总数；' +
        '“完成80亿元，占年度计划100亿元的80%”中的占比；“由50亿元增至60亿元，增长20%”中的增幅、增量或百分点；' +
        '产业结构比例之和应为100。按文中数字的末位精度允许舍入误差（一个末位单位）。' +
        '含占位符的数字、约数（约、多、余、以上）、年均增长和“实际增长”（扣除价格因素）不作检查；“其中……等”只要求分项不超过总数。',
      flagged: [
        '全镇共改造户厕160户，其中已验收合格3户，正在施工154户。',
        '完成投资85亿元，占年度计划100亿元的80%。',
        '财政收入由50亿元增至60亿元，增长25%。',
        '三次产业结构调整为10.2:40.5:50.3。',
      ],
      passed: [
        '新增改造户厕157户，其中已验收合格3户，正在施工154户。',
        '完成投资80亿元，占年度计划100亿元的80%。',
        '财政收入由50亿元增至60亿元，增长20%。',
        '居民人均可支配收入由2.1万元增加到2.5万元，年均实际增长6.1%。',
      ],
    },
  },
  checkParagraph(ctx, para) {
    return checkRelations(para.text, para.start, ctx.segment);
  },
});
