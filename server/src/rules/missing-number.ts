import { paragraphRule } from '../core/paragraph-cache';
import { getJieba } from '../core/segmenter';
import { isAsciiDigit, isHan, isLatin } from '../core/text';
import type { Finding, Rule, Token } from '../core/types';

/**
 * missing-number — a measure word or unit whose number was left out: 共个征迁项目, 约亩, 档案余份, 支出元,
 * 等笔专项资金, 协议份。
 *
 * Works on jieba tokens with POS tags. A unit counts only when it stands as a word of its own (个人, 户籍,
 * 亩产, 元旦, 单元, 人员 are words, so their first character is never a unit), and only in a position where
 * Chinese grammar demands a number before it:
 *   - after a quantity word: 共/约/计/余/等/近/超/达/合计/累计/大约/超过… (约亩, 共个, 档案余份, 等笔);
 *   - after a verb that takes a counted object (涉及个镇, 支出元, 召开次会议);
 *   - at the end of a clause after a noun (报批项目个。, 征地协议份。, 完成投资亿元。);
 *   - after a conjunction before a noun (和轮会商), after 每人/每户 (每人元);
 *   - in a list whose first item already lost its number (个城区项目、个重点工程项目).
 * Nouns made with a unit character (脱贫户, 负责人, 企业家) and approximate magnitudes (近万元, 超亿元, 上万人)
 * are left alone. A bare percent sign (同比增长%) and a date without its numbers (截至年月日) are gaps too.
 * Findings are open (text to fill in) and carry no fix: the number is unknown.
 */

type Slot = 'trigger' | 'verb' | 'countVerb' | 'nounEnd' | 'conj' | 'each' | 'list' | 'split';

interface UnitInfo {
  /** Where the unit may be flagged. */
  slots: ReadonlySet<Slot>;
  /** Starts with a magnitude (万元, 亿元): 近万元, 超亿元 are numbers, not gaps. */
  magnitude?: boolean;
}

const ALL: Slot[] = ['trigger', 'verb', 'nounEnd', 'conj', 'each', 'list'];
const unit = (slots: Slot[], magnitude = false): UnitInfo => ({ slots: new Set(slots), magnitude });

/**
 * Measure words and units, with the positions in which each one needs a number. Units that also form nouns
 * after a verb or noun (户: 脱贫户; 人: 负责人; 家: 企业家; 所, 处, 本, 条, 间, 米…) are only taken after an
 * explicit quantity word.
 */
const UNITS: ReadonlyMap<string, UnitInfo> = new Map<string, UnitInfo>([
  ['个', unit(ALL)],
  ['项', unit(ALL)],
  ['笔', unit(ALL)],
  ['份', unit(ALL)],
  ['亩', unit(ALL)],
  ['元', unit(ALL)],
  ['宗', unit(['trigger', 'nounEnd', 'list'])],
  ['批', unit(['trigger', 'list'])],
  ['轮', unit(['trigger', 'verb', 'conj', 'list'])],
  ['座', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['次', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['件', unit(['trigger', 'list'])],
  ['户', unit(['trigger', 'countVerb', 'list', 'split'])],
  ['人', unit(['trigger'])],
  ['名', unit(['trigger'])],
  ['家', unit(['trigger'])],
  ['处', unit(['trigger'])],
  ['条', unit(['trigger'])],
  ['栋', unit(['trigger', 'verb', 'list'])],
  ['套', unit(['trigger', 'nounEnd', 'list'])],
  ['台', unit(['trigger'])],
  ['辆', unit(['trigger', 'verb', 'list'])],
  ['块', unit(['trigger'])],
  ['间', unit(['trigger'])],
  ['张', unit(['trigger'])],
  ['篇', unit(['trigger'])],
  ['期', unit(['trigger'])],
  ['届', unit(['trigger'])],
  ['场', unit(['trigger'])],
  ['起', unit(['trigger'])],
  ['例', unit(['trigger'])],
  ['吨', unit(['trigger', 'nounEnd'])],
  ['米', unit(['trigger'])],
  ['公里', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['千米', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['公顷', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['公斤', unit(['trigger', 'verb', 'nounEnd'])],
  ['千克', unit(['trigger', 'verb', 'nounEnd'])],
  ['平方米', unit(['trigger', 'verb', 'nounEnd', 'each', 'list'])],
  ['平方公里', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['立方米', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['平米', unit(['trigger', 'verb', 'nounEnd', 'list'])],
  ['个月', unit(['trigger'])],
  ['人次', unit(['trigger'])],
  ['户次', unit(['trigger'])],
  ['万元', unit(ALL, true)],
  ['亿元', unit(ALL, true)],
  ['千元', unit(ALL, true)],
  ['万亩', unit(['trigger', 'verb', 'nounEnd', 'list'], true)],
  ['万人', unit(['trigger'], true)],
  ['万人次', unit(['trigger', 'verb', 'nounEnd'], true)],
  ['万户', unit(['trigger'], true)],
  ['万吨', unit(['trigger', 'verb', 'nounEnd'], true)],
  ['万平方米', unit(['trigger', 'verb', 'nounEnd', 'list'], true)],
]);
/** Characters that start a unit: a paragraph without any of them has nothing to check. */
const UNIT_START = new RegExp(`[${[...new Set([...UNITS.keys()].map((u) => u[0]))].join('')}]`);

/** Words that announce a quantity: what follows them is a number (约亩 → 约[数字]亩). */
const QUANTITY_WORDS = new Set([
  '共', '约', '计', '余', '等', '近', '超', '达', '逾', '合计', '共计', '累计', '总计', '总共', '一共', '大约', '约为',
  '约合', '多达', '高达', '达到', '超过', '不足', '不到', '将近', '接近', '共有', '计有', '仅', '只有', '另有',
]);
/** Before 万元/亿元 these make an approximate number (近万元, 超亿元, 上万人): not a gap. */
const APPROXIMATE = new Set(['近', '超', '过', '上', '逾', '破', '达', '数', '几', '成', '不足', '不到', '多达', '高达', '达到', '超过', '将近', '接近', '突破', '过了', '近乎', '仅']);
/** Units a quantity word may not take: 张三等人 (等人 is "and others"), 分成若干等份. */
const TRIGGER_EXCEPTIONS: Record<string, RegExp> = { 计: /^(?:户|人)$/, 等: /^(?:人|份|项|处|次|张|家|名|处|所|条|期|届|场|起|例)$/, 达: /^(?:人|名|家)$/, 超: /^(?:人|名|家)$/, 近: /^(?:人|名|家|期)$/, 仅: /^(?:人|名|家|期|次)$/ };
/**
 * Verbs whose object is a count, so that a household/person unit after them cannot be part of a noun
 * (完成户… is 完成[数字]户…, while 脱贫户, 搬迁户, 监测户 are nouns).
 */
const COUNTING_VERBS = new Set(['完成', '涉及', '惠及', '覆盖', '新增', '实现', '审核', '办理', '受理', '减少', '增加', '动员', '组织']);
/** Verbs that do not take a counted object directly, or form nouns with a following unit. */
const NOT_COUNTING_VERBS = new Set(['进行', '是', '为', '有', '成为', '作为', '属于', '可以', '能够', '应当', '需要', '要求', '请', '让', '使', '叫', '称', '打造', '形成', '构建']);

const NUMERAL_CHARS = /[0-9０-９零〇○一二三四五六七八九十百千万亿两几数半多若xX*＊×]/;
const CLAUSE_END = /^[，。；、：！？,;:!?）)”’\n]|^$/;

/** Characters that announce a clause end or a list break. */
function isClauseEnd(text: string, i: number): boolean {
  return CLAUSE_END.test(text.slice(i, i + 1));
}

const plainCache = new Map<string, Token[]>();
/** Re-segments a word without HMM (so that jieba's guessed words like 共个, 约亩, 个村 fall apart). */
function recut(word: string, offset: number): Token[] {
  let toks = plainCache.get(word);
  if (!toks) {
    toks = [];
    let pos = 0;
    for (const t of getJieba().tag(word, false)) {
      const s = word.indexOf(t.word, pos);
      const start = s < 0 ? pos : s;
      toks.push({ word: t.word, tag: t.tag, start, end: start + t.word.length });
      pos = start + t.word.length;
    }
    if (plainCache.size > 5000) plainCache.clear();
    plainCache.set(word, toks);
  }
  // (the segmenter's token shape, property by property: tokens of one shape keep the rules' loops monomorphic)
  return toks.map((t) => ({ word: t.word, tag: t.tag, start: t.start + offset, end: t.end + offset }));
}

/**
 * The paragraph's tokens, with jieba's HMM guesses (tag x, Han only) re-cut from the dictionary, and numeral
 * words that hold only a unit (余份, 余个 tagged m) split into 余 + unit.
 */
function tokensOf(segment: (s: string) => Token[], text: string): Token[] {
  const out: Token[] = [];
  for (const t of segment(text)) {
    if (t.tag === 'x' && t.word.length > 1 && UNIT_START.test(t.word) && /^[\u4e00-\u9fff]+$/.test(t.word)) {
      out.push(...recut(t.word, t.start));
    } else if (t.word.length > 1 && t.word[0] === '余' && UNITS.has(t.word.slice(1))) {
      out.push({ word: '余', tag: 'm', start: t.start, end: t.start + 1 }, { word: t.word.slice(1), tag: 'q', start: t.start + 1, end: t.end });
    } else {
      out.push(t);
    }
  }
  return out;
}

/** Is `s` (two characters) one dictionary word, other than a numeral word (余份)? */
function formsWord(s: string): boolean {
  if (s.length !== 2 || !isHan(s[0]) || !isHan(s[1])) return false;
  const toks = recut(s, 0);
  return toks.length === 1 && toks[0].tag !== 'm';
}

function isVerb(t: Token | undefined): boolean {
  return !!t && t.tag === 'v' && t.word.length >= 2 && !NOT_COUNTING_VERBS.has(t.word);
}
function isNoun(t: Token | undefined): boolean {
  if (!t || t.word.length < 2 || !/^[\u4e00-\u9fff]+$/.test(t.word)) return false;
  // jieba tags some four-character compounds as person names (安全检查/nr); real names are shorter.
  return /^(?:n|nz|nt|ns|vn|an|l|j)$/.test(t.tag) || (t.tag === 'nr' && t.word.length >= 4);
}
function isNounLike(t: Token | undefined): boolean {
  if (!t || !isHan(t.word[0]) || !/^(?:n|nz|nt|ns|vn|an|l|j|x|ng)/.test(t.tag)) return false;
  // A word jieba only guessed (tag x) that starts with an adverb or adjective (很长, 更大) is not a noun.
  return t.tag !== 'x' || !/^[dac]/.test(recut(t.word[0], 0)[0]?.tag ?? '');
}
function isContent(t: Token | undefined): boolean {
  return !!t && /^(?:n|nz|nt|ns|vn|v|an|l|j|x|ng|nr)/.test(t.tag) && isHan(t.word[0]);
}

interface Hit {
  /** Start of the flagged text (the word before the unit, when there is one). */
  start: number;
  /** Where the number belongs. */
  at: number;
  end: number;
  unit: string;
}

/** Does a number (or a placeholder, a determiner) stand right before `i`? */
function numberBefore(text: string, i: number): boolean {
  const c = text[i - 1];
  return !!c && (NUMERAL_CHARS.test(c) || isLatin(c) || isAsciiDigit(c));
}

function findInParagraph(text: string, toks: Token[]): Hit[] {
  const hits: Hit[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    const info = UNITS.get(t.word);
    if (!info) continue;
    // A unit glued to a number, a placeholder or a determiner already has what it needs.
    if (numberBefore(text, t.start)) continue;
    // (bounds tested: a read past either end would cost the optimised loop a deoptimisation)
    const prev = k > 0 ? toks[k - 1] : undefined;
    const prev2 = k > 1 ? toks[k - 2] : undefined;
    const next = k + 1 < toks.length ? toks[k + 1] : undefined;
    // The unit character belongs to a word with a neighbour that jieba cut apart: 个人均 (个人), 不到场 (到场).
    if (t.word.length === 1 && (formsWord(t.word + text.charAt(t.end)) || (prev && prev.end === t.start && formsWord(prev.word.slice(-1) + t.word)))) continue;
    // 户有所居, 人无我有: the unit character opens a four-character phrase.
    if (next && next.start === t.end && /^[有无]/.test(next.word)) continue;
    // Compound units: 亿人公里, 万吨公里 (the number stands before the first part).
    if (prev && prev.word.length === 1 && prev.end === t.start && numberBefore(text, prev.start)) continue;
    if (prev && /^[ml]/.test(prev.tag) && /^[0-9零〇一二三四五六七八九十百千万亿两几数]/.test(prev.word)) continue;
    const endsClause = isClauseEnd(text, t.end);
    // 亿元以上项目, 签约亿元项目, 万吨级: a magnitude used as a class, not a gap.
    if (info.magnitude && !endsClause && !(next && (/^(?:v|p|c|uj)/.test(next.tag)) && !/^(?:以上|以下|左右|级|以内)/.test(text.slice(t.end, t.end + 2)))) continue;
    const push = (slot: Slot, anchor: Token | undefined): boolean => {
      if (!info.slots.has(slot)) return false;
      const start = anchor && t.start - anchor.start <= 4 + t.word.length ? anchor.start : t.start;
      hits.push({ start, at: t.start, end: t.end, unit: t.word });
      return true;
    };
    if (prev && prev.end === t.start && QUANTITY_WORDS.has(prev.word)) {
      const exc = TRIGGER_EXCEPTIONS[prev.word];
      if (exc && exc.test(t.word)) continue;
      if (info.magnitude && APPROXIMATE.has(prev.word)) continue;
      // 余 only announces a number when no number precedes it (10余个 is fine; 档案余份 is not).
      if (prev.word === '余') {
        if (numberBefore(text, prev.start)) continue;
        // The number belongs before 余: 档案[数字]余份.
        if (info.slots.has('trigger')) {
          const anchor = prev2 && prev2.end === prev.start && isHan(prev2.word) && prev2.word.length <= 3 ? prev2 : prev;
          hits.push({ start: anchor.start, at: prev.start, end: t.end, unit: t.word });
          continue;
        }
      }
      if (push('trigger', prev)) continue;
    }
    if (prev && APPROXIMATE.has(prev.word) && info.magnitude) continue;
    // Verb (+了) + unit: 涉及个镇, 支出元, 召开了次会议. Not monosyllabic verbs (搞个活动, 打个比方).
    const verb = prev?.word === '了' ? prev2 : prev;
    // 还有个问题, 没有个准数: colloquial 有(一)个, not a gap.
    const colloquial = !!verb && verb.word.endsWith('有') && t.word === '个';
    if (verb && isVerb(verb) && !colloquial && (endsClause || isNounLike(next)) && push('verb', verb)) continue;
    if (verb && COUNTING_VERBS.has(verb.word) && (endsClause || isNounLike(next)) && push('countVerb', verb)) continue;
    // Noun + unit at the end of a clause: 项目个。 协议份， 投资亿元。
    if (prev && prev.end === t.start && isNoun(prev) && endsClause && push('nounEnd', prev)) continue;
    // 名 counts people: after a noun for people (党员名, 学生名) it needs a number; after others it is a name (品种名, 人名).
    if (t.word === '名' && prev && prev.end === t.start && isNoun(prev) && endsClause && /[员生师工众者童士兵属]$/.test(prev.word)) {
      hits.push({ start: prev.start, at: t.start, end: t.end, unit: t.word });
      continue;
    }
    // Conjunction + unit + noun: 和轮会商.
    if (prev && /^(?:和|与|及|并|以及|或)$/.test(prev.word) && /^c|^p/.test(prev.tag) && isContent(next) && push('conj', prev)) continue;
    // 每人元, 每亩元.
    if (prev && prev.tag === 'r' && prev.word.length >= 2 && prev.word.charCodeAt(0) === 0x6bcf /* 每 */ && push('each', prev)) continue;
    // A list whose earlier item lost its number: 个城区项目、个重点工程项目.
    const last = hits[hits.length - 1];
    if (last && last.unit === t.word && prev && /^[、和及与]$/.test(prev.word) && !/[。；！？\n]/.test(text.slice(last.end, t.start)) && isContent(next)) {
      if (push('list', undefined)) continue;
    }
  }
  return hits;
}

/**
 * A unit swallowed by jieba into a neighbouring word: 完成协议报账户 → 报 + 账户, where 报账 is the verb and
 * 户 the unit. Taken only at the end of a clause, after a one-character token that forms a verb with the
 * next word's first character.
 */
function splitUnits(text: string, toks: Token[], segment: (s: string) => Token[]): Hit[] {
  const hits: Hit[] = [];
  for (let k = 1; k < toks.length; k++) {
    const t = toks[k];
    const prev = toks[k - 1];
    if (t.word.length !== 2 || prev.word.length !== 1 || !isHan(prev.word) || prev.end !== t.start) continue;
    const u = t.word[1];
    const info = UNITS.get(u);
    if (!info?.slots.has('split') || !isClauseEnd(text, t.end)) continue;
    const verb = segment(prev.word + t.word[0]);
    if (verb.length !== 1 || verb[0].tag !== 'v') continue;
    hits.push({ start: prev.start, at: t.start + 1, end: t.end, unit: u });
  }
  return hits;
}

export const missingNumber: Rule = paragraphRule({
  meta: {
    id: 'missing-number',
    defaultSeverity: 'warn',
    category: 'draft',
    title: '缺少数字',
    fixable: false,
    tier: 'fast',
    docs: {
      summary: '量词或单位前缺少数字（共个项目、约亩、余份、支出元）。',
      details:
        '起草时先写好句子、数字待核实后再填，最后常有数字漏填，只剩下量词或单位：“共个征迁项目”“约亩”“档案余份”“支出元”。' +
        '本规则借助分词和词性，只在语法上必须有数字的位置报告：“共、约、计、余、等、累计、超过”等词之后，计数动词之后，' +
        '名词之后紧接单位且到分句末尾时，以及“和、与”之后。由单位字构成的词（个人、个别、户籍、亩产、元旦、单元、人员、' +
        '脱贫户、企业家）和约数（近万元、超亿元）不会被报告。使用 --final 时，这类问题按错误处理。',
      flagged: ['全县共个项目纳入年度计划。', '计划征收土地约亩。', '已整理档案余份。', '完成补助资金支出元。', '涉及街道等个镇。', '目前已报批征收项目个。'],
      passed: ['全县共12个项目纳入年度计划。', '个别项目推进缓慢。', '亩产提高到600公斤。', '投资近万元改善办公条件。', '帮扶脱贫户发展产业。', '张华等人参加了培训。'],
    },
  },
  checkParagraph(ctx, para) {
    const findings: Finding[] = [];
    const text = para.text;
    if (!/[\u4e00-\u9fff]/.test(text) || !(UNIT_START.test(text) || /[%％]|年月日/.test(text))) return findings;
    const toks = tokensOf(ctx.segment, text);
    const hits = [...findInParagraph(text, toks), ...splitUnits(text, toks, ctx.segment)].sort((a, b) => a.start - b.start);
    let lastEnd = -1;
    for (const h of hits) {
      if (h.start < lastEnd) continue;
      lastEnd = h.end;
      const shown = text.slice(h.start, h.end);
      const filled = `${text.slice(h.start, h.at)}[数字]${text.slice(h.at, h.end)}`;
      findings.push({
        message: `“${shown}”缺少数字：应为“${filled}”`,
        range: [para.start + h.start, para.start + h.end],
        open: true,
      });
    }
    // A bare percent sign after Chinese: 同比增长%.
    for (const m of text.matchAll(/[%％]/g)) {
      const i = m.index!;
      const prev = text[i - 1];
      if (!isHan(prev) || /[分之]/.test(prev)) continue;
      const word = toks.find((t) => t.start < i && t.end === i)?.word ?? prev;
      findings.push({
        message: `“${word}%”缺少数字：应为“${word}[数字]%”`,
        range: [para.start + i, para.start + i + 1],
        open: true,
      });
    }
    // A date with its numbers left out: 截至年月日, 于2023年月日 (出生年月日 is a field name, not a date).
    for (const m of text.matchAll(/年月日/g)) {
      const i = m.index!;
      const before = text.slice(Math.max(0, i - 4), i);
      const yearGiven = /[0-9０-９〇零一二三四五六七八九十]$/.test(before);
      if (!yearGiven && !/(?:截至|截止|于|至|到|自|从|在)$/.test(before)) continue;
      const at = yearGiven ? i + 1 : i;
      findings.push({
        message: yearGiven ? '日期缺少数字：“年月日”应为“年[数字]月[数字]日”' : '日期缺少数字：“年月日”应为“[数字]年[数字]月[数字]日”',
        range: [para.start + at, para.start + i + 3],
        open: true,
      });
    }
    return findings.sort((a, b) => a.range[0] - b.range[0]);
  },
});
