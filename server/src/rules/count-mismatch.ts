import { enumerationCountFindings } from '../core/structure/enumeration-counts';
import type { Finding, Rule } from '../core/types';

/**
 * count-mismatch — a stated count that disagrees with what follows it. Composed of independent parts, each an
 * engine module returning findings:
 *   - enumerations (core/structure/enumeration-counts): 分为三大板块：一是…二是…三是…四是… ·
 *     主要做好以下四个方面工作 followed by （一）…（三）.
 * Each finding points at the stated count and, through `related`, at the items it contradicts.
 */
export const countMismatch: Rule = {
  meta: {
    id: 'count-mismatch',
    defaultSeverity: 'warn',
    category: 'quantity',
    title: '数量与列举不符',
    fixable: false,
    tier: 'fast',
    docs: {
      summary: '文中说明的数量与随后列举的项数不一致，例如“分为三大板块”后面列了四个“是”。',
      details:
        '只比较紧接在数量说明（“以下四个方面”“分为三大板块”“主要有三点”）之后的列举：一是……二是……、（一）……（二）……、1.……2.……。' +
        '数量一致时不报告；“几个方面”这类不定数量、引号中的提法（“两个维护”）不作比较。哪一处有误无法确定，因此只给出修改数量的建议。',
      flagged: ['该段分为三大板块：一是河堤西侧；二是河堤东侧；三是河顶路；四是绿道。', '主要做好以下四个方面工作。\n（一）抓项目。\n（二）抓民生。\n（三）抓生态。'],
      passed: ['该段分为三大板块：一是河堤西侧；二是河堤东侧；三是河顶路。', '主要做好以下几方面工作：一是抓项目；二是抓民生。'],
    },
  },
  check(ctx) {
    const findings: Finding[] = [];
    findings.push(...enumerationCountFindings(ctx.doc));
    return findings;
  },
};
