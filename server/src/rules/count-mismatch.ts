import { checkListCounts } from '../core/quantity/list-counts';
import { enumerationCountFindings } from '../core/structure/enumeration-counts';
import type { Finding, Rule } from '../core/types';

/**
 * count-mismatch — a stated count that disagrees with what is listed or enumerated next to it. Composed of
 * independent parts, each an engine module returning findings:
 *   - enumerations (core/structure/enumeration-counts): 分为三大板块：一是…二是…三是…四是… ·
 *     主要做好以下四个方面工作 followed by （一）…（三）;
 *   - lists (core/quantity/list-counts): 蓝田村、小溪村、古竹村3个行政村 · 由行政、工会和职工代表三方组成 ·
 *     完工项目x个（six items）, where an open count is completed from the list.
 * Each finding points at the stated count and, through `related`, at the items it contradicts.
 */
export const countMismatch: Rule = {
  meta: {
    id: 'count-mismatch',
    defaultSeverity: 'warn',
    category: 'quantity',
    title: '数量与列举不符',
    fixable: true,
    tier: 'fast',
    docs: {
      summary: '文中说明的数量与随后或紧邻列举的项数不一致，例如“分为三大板块”后面列了四个“是”，“东山村、西岭村、南塘村2个村”；数量未填写时按列出的项数补上。',
      details:
        '比较紧接在数量说明（“以下四个方面”“分为三大板块”“主要有三点”）之后的列举：一是……二是……、（一）……（二）……、1.……2.……；' +
        '以及与数量紧邻的顿号列举：“A、B、C3个行政村”“由甲、乙和丙三方组成”“完工项目6个（……）”“3个重点项目分别为……”。' +
        '数量一致时不报告；“几个方面”这类不定数量、引号中的提法（“两个维护”）不作比较；列举以“等”结尾时只要求项数不多于所写数量；' +
        '“和”“及”既可能连接两项也可能在一项之内，几种数法都不符才报告；列举中含数字的（分项数据）不作检查。' +
        '哪一处有误无法确定，因此只给出修改数量的建议；数量尚未填写（x个）时，提供按项数补全的修正。',
      flagged: [
        '该段分为三大板块：一是河堤西侧；二是河堤东侧；三是河顶路；四是绿道。',
        '主要做好以下四个方面工作。\n（一）抓项目。\n（二）抓民生。\n（三）抓生态。',
        '完成东山村、西岭村、南塘村2个村的改造。',
        '竣工项目x个（文化馆，体育馆，图书馆）。',
      ],
      passed: [
        '该段分为三大板块：一是河堤西侧；二是河堤东侧；三是河顶路。',
        '主要做好以下几方面工作：一是抓项目；二是抓民生。',
        '由财政、审计和纪检三方组成联合检查组。',
        '北京、上海、广州等5个城市参与试点。',
      ],
    },
  },
  check(ctx) {
    const findings: Finding[] = [];
    findings.push(...enumerationCountFindings(ctx.doc));
    for (const para of ctx.doc.paragraphs) findings.push(...checkListCounts(para.text, para.start, ctx.segment));
    return findings.sort((a, b) => a.range[0] - b.range[0]);
  },
};
