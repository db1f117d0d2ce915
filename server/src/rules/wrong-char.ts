import * as fs from 'node:fs';
import { charsWithInitial } from '../core/confusion';
import { dataPath } from '../core/data';
import { paragraphRule } from '../core/paragraph-cache';
import { getLanguageModel } from '../core/lm';
import { isHan } from '../core/text';
import type { Finding, Paragraph, Rule, RuleContext, Suggestion, Token } from '../core/types';
import { dePass } from './wrong-char-de';
import { modelPass } from './wrong-char-model';
import { nonWordPass } from './wrong-char-nonword';

/**
 * wrong-char — a wrong character or a misused word.
 *
 * Two passes under one rule id:
 *  - the list pass (no model): misused word forms (server/data/misused-words.tsv: 辈份→辈分), words misused in a
 *    context that decides it (截止 with a date as object → 截至; 必需 before a verb → 必须; 做出 with
 *    决定/规定… → 作出), and a lone Latin capital inside Chinese (由D政、工会… → 党政?) where no letter-word
 *    fits (A级, X射线, B类, U盘);
 *  - the 的/地 pass (wrong-char-de.ts): 认真的落实 → 认真地落实, only where it is certain;
 *  - the non-word pass (wrong-char-nonword.ts): a same-sounding character that turns characters the segmenter
 *    could not join into a common word (按排 → 安排, 合格律 → 合格率);
 *  - the model pass (wrong-char-model.ts): the noisy channel over confusion sets (same or similar sound, similar
 *    shape) scored by the character language model.
 * Unknown proper names are left alone (see the model pass), and so is every word of the user's dictionary.
 */

interface Misused {
  wrong: string;
  right: string;
}

interface MisusedList {
  forms: Misused[];
  /** Matches any of the forms: most paragraphs have none, found in one scan instead of one per form. */
  any: RegExp;
}

let misused: MisusedList | undefined;
function misusedWords(): MisusedList {
  if (misused) return misused;
  const file = dataPath('misused-words.tsv');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const forms: Misused[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [wrong, right] = line.split('\t');
    if (wrong && right) forms.push({ wrong, right });
  }
  const any = new RegExp(forms.map((m) => m.wrong.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|') || '(?!)');
  misused = { forms, any };
  return misused;
}

/** A time or date after 截止: then 截至 is meant (截至目前, 截至2023年底). 截止日期, 报名截止 stay. */
const JIEZHI_OBJECT = /^(?:目前|今|当前|现在|此|本月|本年|本季度|上月|上年|去年|今年|前年|年底|年末|月底|日前|发稿|[0-9０-９]|[一二三四五六七八九十〇○零]{1,4}[年月]|[上下]半年|第?[一二三四]季度|[1-9]月)/;
/** What may follow 做出 in official style, where 作出 is the standard form. */
const ZUOCHU_OBJECT = /^(?:决定|决策|部署|规定|安排|批示|指示|承诺|判断|解释|答复|裁定|裁决|处罚决定|处理决定|重要指示|重要批示|重大决策|重要部署|明确规定|具体规定)/;
/** What may follow a lone capital letter inside Chinese and make it a real term (A级, X射线, B类, U盘, C位…). */
const LETTER_WORD = /^(?:级|类|型|字|股|线|射线|光|代表|为|表示|盘|区|栋|座|号|档|轮|证|照|超|位|端|片|面|点|族|罩|套|款|版|板|角|段|组|队|方|公司|市|县|省|村|镇|乡|国|企业|单位|小区|银行|医院|学校|楼|厂|店|项|品|值|样|轴|站|卡|口|环|节|波|调|奖|药|肝|检|计划|货|币|恤|包|牌|柱|门|座|杯|赛|轮|棒|管|屏|形|字形|股份|站|网|馆|车|卷|类|等|和|与|或|、)/;

function message(wrong: string, right: string, why = ''): string {
  return `疑似错字：“${wrong}”应为“${right}”${why}`;
}

function listPass(ctx: RuleContext, para: Paragraph, tokens: Token[], out: Finding[]): void {
  const text = para.text;
  const at = (s: number, e: number) => [para.start + s, para.start + e] as [number, number];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    // The flagged word (the finding's `word`, what "add to dictionary" adds) or the phrase with the next word.
    if (ctx.dictionary.has(t.word)) continue;
    if (t.word === '截止' && JIEZHI_OBJECT.test(text.slice(t.end)) && !ctx.dictionary.has('截止' + (next?.word ?? ''))) {
      out.push({ message: message('截止', '截至', '（后接时间用“截至”）'), range: at(t.start, t.end), fix: { range: at(t.start, t.end), text: '截至' }, word: '截止' });
    } else if (t.word === '必需' && next && /^(?:v|d)$/.test(next.tag) && !/^(?:的|之|品)/.test(next.word)) {
      out.push({ message: message('必需', '必须', '（修饰动词用“必须”）'), range: at(t.start, t.end), fix: { range: at(t.start, t.end), text: '必须' }, word: '必需' });
    } else if (t.word === '做出' && ZUOCHU_OBJECT.test(text.slice(t.end))) {
      out.push({
        message: '公文中“做出决定、规定、部署”等宜用“作出”',
        range: at(t.start, t.end),
        suggestions: [{ desc: '改为“作出”', fix: { range: at(t.start, t.end), text: '作出' } }],
        word: '做出',
      });
    }
  }
  // Misused forms: the occurrence must start and end on token boundaries (平空 is not in 水平空间).
  const { forms, any } = misusedWords();
  if (any.test(text)) {
    const starts = new Set(tokens.map((t) => t.start));
    const ends = new Set(tokens.map((t) => t.end));
    for (const { wrong, right } of forms) {
      for (let k = text.indexOf(wrong); k >= 0; k = text.indexOf(wrong, k + 1)) {
        const e = k + wrong.length;
        if (!starts.has(k) || !ends.has(e) || ctx.dictionary.has(wrong)) continue;
        out.push({ message: message(wrong, right), range: at(k, e), fix: { range: at(k, e), text: right }, word: wrong });
      }
    }
  }
  strayLetters(para, tokens, out);
}

/** A lone ASCII capital between Chinese characters: D政. Suggestions: characters whose pinyin starts with it. */
function strayLetters(para: Paragraph, tokens: Token[], out: Finding[]): void {
  const text = para.text;
  // X is the usual stand-in for a number or name (X万元, XX县): that is the placeholder rule's finding, not a typo.
  const re = /(?<=\p{Script=Han})[A-WYZ](?=\p{Script=Han})/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const i = m.index;
    const after = text.slice(i + 1);
    if (LETTER_WORD.test(after)) continue;
    const letter = m[0];
    const prev = text[i - 1];
    const next = text[i + 1];
    const scored: Array<{ word: string; c: string; f: number }> = [];
    let wordFreq: (w: string) => number = () => 0;
    try {
      const lm = getLanguageModel();
      wordFreq = (w) => lm.wordFreq(w);
    } catch {
      // Without the model's lexicon the letter is still flagged, with no suggestion.
    }
    for (const c of charsWithInitial(letter)) {
      const f1 = isHan(next) ? wordFreq(c + next) : 0;
      const f2 = isHan(prev) ? wordFreq(prev + c) : 0;
      // The letter stands for one character that makes a word with its neighbour.
      if (f1 >= f2 && f1 > 0) scored.push({ word: c + next, c, f: f1 });
      else if (f2 > 0) scored.push({ word: prev + c, c, f: f2 });
    }
    scored.sort((a, b) => b.f - a.f);
    const suggestions: Suggestion[] = scored.slice(0, 3).map((s) => ({ desc: `改为“${s.word}”`, fix: { range: [para.start + i, para.start + i + 1], text: s.c } }));
    const token = tokens.find((t) => t.start <= i && t.end > i);
    out.push({
      message: `疑似错字：中文中夹有字母“${letter}”${suggestions.length ? `，可能是“${scored[0].word}”等` : ''}`,
      range: [para.start + i, para.start + i + 1],
      suggestions,
      word: token?.word ?? letter,
    });
  }
}

export const wrongChar: Rule = paragraphRule({
  meta: {
    id: 'wrong-char',
    defaultSeverity: 'warn',
    category: 'wording',
    title: '错别字',
    fixable: true,
    tier: 'model',
    docs: {
      summary: '错别字和误用词：同音、近音、形近字（大数局→大数据、心细公开→信息公开、按排→安排），误用词（截止目前→截至目前），状语后的“的”（认真的落实），中文里夹杂的孤立字母（D政）。',
      details:
        '对每个可疑的字，用同音、近音和形近字替换，由字符语言模型比较改后与原文的通顺程度，只有改后明显更通顺时才报告，' +
        '并按可能性给出改正建议；两种改法难分高下时不报告。一句中已发现明确的错字时，对该句其余部分放宽标准再查一遍（错字常成串出现）。常见误用词（截止/截至、必需/必须、做出/作出、辈份/辈分等）按固定搭配判断。' +
        '人名、地名、机构名和引号中的名称、“××有限公司”“××村”“××路”一类专名以及用户词典中的词不报告；' +
        '词典中罕见的两字“名字”改正后成为常用词时（关健→关键）仍报告。' +
        '同一句中重复出现的相同词语是排比（发展之问、时代之问），不报告；“第十三节”“第三款”这类序数也不报告。' +
        '分词后散成单字、换一个同音字就成为常用词的（按排→安排、建全→健全、合格律→合格率）也报告；四字成语、惯用语中的同音错字（一拖在拖→一拖再拖、穿流不息→川流不息）同样报告。' +
        '“的”用在状语和动词之间（认真的落实→认真地落实）只在确定时报告：前面是修饰动作的词，后面的动词带宾语或补语，而不是被当作名词用（积极的进展、不断的努力不报告）。',
      flagged: ['截止目前已完成投资3.2亿元。', '必需加强安全生产监管。', '大力培育发展大数局产业。', '由D政、工会和职工代表三方组成。', '统筹按排专项资金。', '认真的落实各项政策。'],
      passed: ['报名截止日期为5月20日。', '申报工作已于上周截止。', '为群众提供生活必需品。', '实行A级纳税人信用管理。', '统筹安排专项资金。', '经过不断的努力，取得积极的进展。'],
    },
  },
  checkParagraph(ctx, para) {
    const findings: Finding[] = [];
    if (!/\p{Script=Han}/u.test(para.text)) return findings;
    const tokens = ctx.segment(para.text);
    listPass(ctx, para, tokens, findings);
    dePass(ctx, para, tokens, findings);
    modelPass(ctx, para, [...findings], findings, tokens);
    nonWordPass(ctx, para, tokens, [...findings], findings);
    return findings;
  },
});
