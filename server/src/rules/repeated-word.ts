import { isHan } from '../core/text';
import { paragraphRule } from '../core/paragraph-cache';
import type { Finding, Rule, Token } from '../core/types';

/**
 * repeated-word — the same word written twice by mistake.
 *
 * Two shapes:
 *  1. A direct doubling: the same token twice in a row (的的, 在在, 进一步进一步). Left alone: reduplication
 *     that the language allows — whatever the segmenter keeps as one word (紧紧, 时时, 常常, 的的确确,
 *     看一看), a doubled verb (研究研究, 讨论讨论), doubled classifiers and nouns that mean "every"
 *     (人人, 个个, 天天, 家家), numeral phrases (一个一个, 一步一步) and a doubled single content character
 *     in general (names: 屠呦呦); only doubled function
 *     words (particles, prepositions, conjunctions, pronouns, adverbs) and doubled multi-character non-verbs
 *     are flagged. The fix deletes the second copy.
 *  2. A clause that names its subject again as its own object: “营业额已完成XX万的营业额”. Only when the
 *     word (a noun of two or more characters) comes earlier in the clause and closes it after an amount and 的
 *     (公司营业额已完成XX万的营业额; not a count: 三家的供应商), and the verb in between
 *     is not one of being or becoming (成为, 是, 建成…), where repeating the noun is normal
 *     (该校已成为全省一流的学校). Offered as a suggestion, never applied automatically.
 */

/** Tags of words whose doubling is never grammatical. */
const FUNCTION_TAGS = /^(?:u|uj|ul|uz|ud|ug|uv|p|c|r|d)$/;
/** Verbs of being and becoming after which the subject noun may come back as the object's head. */
const COPULAS = /^(?:是|成为|成|建成|建设成|打造成|打造|创建|创成|作为|当作|视为|称为|评为|被评为|列为|认定为|变成|变为|属于|为|不是|仍是|就是|还是|都是|依然是|当选|入选)$/;
/** Nouns of documents and decisions that are verbs too (本规定规定…, 该决定决定…). */
const NOUN_VERBS = /^(?:规定|决定|要求|安排|部署|计划|建议|指示|批示|通知|规划|约定|命令|批复)$/;
/** Clause boundaries (the repetition of shape 2 must stay inside one). */
const CLAUSE = /[，。；：？！,;:?!\n、（）()“”]/;

function isDoubledToken(a: Token, b: Token): boolean {
  if (a.word !== b.word || a.end !== b.start) return false;
  if (![...a.word].every(isHan)) return false;
  if (a.word.length === 1) return FUNCTION_TAGS.test(a.tag) || a.word === '是';
  // Numeral and classifier phrases reduplicate (一个一个, 一步一步).
  if (/^(?:m|mq|q)$/.test(a.tag) || /^[一两几每]/.test(a.word)) return false;
  // Verbs (and verbal nouns) reduplicate: 研究研究, 商量商量. Everything else doubled is a slip, but for a document
  // noun that is also a verb, named and then acting: 本规定规定的职责, 有关要求要求的时限.
  return !/^(?:v|vn|vd|a|ad|an|vg|ag)$/.test(a.tag) && !NOUN_VERBS.test(a.word);
}

/**
 * tokens[i] ends an amount just before 的: 80万元, XX万, 1.2万吨 (a number, a placeholder, or a unit of measure after
 * one). A count of things (三家的供应商, 5名的代表) is not one: the noun after 的 is then what is counted.
 */
function isAmount(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  const num = (x: Token | undefined) =>
    !!x && !/^第|百分之|[%％]/.test(x.word) && (/[0-9０-９]/.test(x.word) || /^[xX*＊]+$/.test(x.word) || (/^(?:m|mq)$/.test(x.tag) && /^[〇零一二两三四五六七八九十百千万亿]+$/.test(x.word)));
  return num(t) || (AMOUNT_UNIT.test(t.word) && num(tokens[i - 1]));
}

/** Scales and units of measure (not counts of things, not time: 三家的供应商, 超过十五年的电梯). */
const AMOUNT_UNIT = /^[万亿千百]*(?:元|万|亿|吨|亩|平方米|平方公里|立方米|米|公里|千米|千瓦|千瓦时|度|斤|公斤|千克|克|方)$/;

export const repeatedWord: Rule = paragraphRule({
  meta: {
    id: 'repeated-word',
    defaultSeverity: 'info',
    category: 'wording',
    title: '重复用词',
    fixable: true,
    tier: 'fast',
    docs: {
      summary: '同一个词误写两遍（的的、进一步进一步），或一个分句把主语又当宾语重复一遍。',
      details:
        '连写两遍的虚词（的的、在在）和非动词的多字词（进一步进一步）直接删去重复的一个；' +
        '一个分句以某名词开头、又以“的+同一名词”收尾（营业额已完成50万元的营业额），提示删去后一处。' +
        '汉语允许的重叠不报告：紧紧、时时、常常、人人、天天、看一看、研究研究、的的确确，以及“成为……的学校”一类判断句。',
      flagged: ['要认真落实的的各项任务。', '进一步进一步加强队伍建设。', '营业额已完成80万元的营业额。'],
      passed: ['紧紧围绕中心工作，时时处处严格要求。', '这个问题要好好研究研究。', '该校已成为全省一流的学校。', '召开会会议纪要审定会。'],
    },
  },
  checkParagraph(ctx, para) {
    const findings: Finding[] = [];
    const text = para.text;
    if (!/\p{Script=Han}/u.test(text)) return findings;
    const tokens = ctx.segment(text);
    // 1. Direct doublings.
    for (let i = 0; i + 1 < tokens.length; i++) {
      const a = tokens[i];
      const b = tokens[i + 1];
      if (!isDoubledToken(a, b) || ctx.dictionary.has(a.word + b.word)) continue;
      // A third copy (的的的) is still one finding.
      let j = i + 1;
      while (j + 1 < tokens.length && isDoubledToken(tokens[j], tokens[j + 1])) j++;
      findings.push({
        message: `“${a.word}”重复：“${text.slice(a.start, tokens[j].end)}”应为“${a.word}”`,
        range: [para.start + a.start, para.start + tokens[j].end],
        fix: { range: [para.start + b.start, para.start + tokens[j].end], text: '' },
        word: a.word,
      });
      i = j;
    }
    // 2. Subject repeated as the object's head in the same clause.
    let clauseStart = 0;
    for (let i = 0; i <= tokens.length; i++) {
      if (i < tokens.length && !CLAUSE.test(tokens[i].word)) continue;
      const from = clauseStart;
      clauseStart = i + 1;
      // (the clause is copied out only when it ends in 的 + a noun, as few do)
      if (i - from < 4) continue;
      const last = tokens[i - 1];
      const de = tokens[i - 2];
      if (de.word !== '的' || last.word.length < 2 || !/^(?:n|vn|nz)$/.test(last.tag)) continue;
      const clause = tokens.slice(from, i);
      // The object before 的 is an amount (营业额已完成XX万的营业额): a comparison (超过去年的产量) or a possessor
      // (机构不得挪用客户的证券) is no repetition. The noun may come after its modifiers, or end a longer word
      // (粮食产量达到120万吨的产量).
      if (!isAmount(clause, clause.length - 3)) continue;
      const k = clause.findIndex((t) => t.word === last.word || (t.word.length > last.word.length && t.word.endsWith(last.word)));
      if (k < 0 || k >= clause.length - 3) continue;
      const first = clause[k];
      const middle = clause.slice(k + 1, -2);
      if (!middle.some((t) => /^v/.test(t.tag) && t.tag !== 'vn') || middle.some((t) => COPULAS.test(t.word))) continue;
      if (middle.some((t) => t.word === first.word)) continue;
      findings.push({
        message: `“${first.word}”在同一分句中重复：句末的“的${last.word}”可删去`,
        range: [para.start + de.start, para.start + last.end],
        suggestions: [{ desc: `删去“的${last.word}”`, fix: { range: [para.start + de.start, para.start + last.end], text: '' } }],
        word: first.word,
      });
    }
    return findings;
  },
});
