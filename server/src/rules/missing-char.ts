import { BOUNDARY, getLanguageModel, normChar, normCodeOf, normalize, type CharNgram, type LanguageModel } from '../core/lm';

const BOUNDARY_CODE = BOUNDARY.charCodeAt(0);
import { getJieba } from '../core/segmenter';
import { documentNumberPrefixes, isChineseNumeral, isHan, isHanCode, sentenceSpans } from '../core/text';
import { numberOptions } from '../core/options';
import type { Finding, Rule, RuleContext, Suggestion, Token } from '../core/types';
import { WindowScorer, chainLogProb } from '../core/lm/window';

/**
 * missing-char — a character dropped from a word (付诸施 → 付诸实施, 际问题 → 实际问题, 有限司 → 有限公司).
 *
 * Noisy channel: the text as written competes with the text with one character put back. Candidates come from
 * the lexicon by deletion ("word minus one character" → word), looked up only where the segmenter leaves the text
 * poorly covered (a single-character token, a word jieba had to guess, a two-character word that mostly occurs
 * inside longer words: 国务 of 国务院) and around it; a very common character that mostly stands alone (的, 在,
 * 与) only through fragments of longer words across it (与同时 → 与此同时). A candidate character the character
 * model never saw beside the neighbouring characters is dropped at once (InsertionScorer.fits). Each insertion is
 * scored by
 *   - the character n-gram: change of log10 P over the characters it affects;
 *   - the unigram word model: best segmentation of ±4 characters, with and without the character;
 *   - the orphan evidence: a lone character that nearly always belongs to a word (影, 革: −log10 of its share
 *     of standalone use), or such a two-character word (国务), is itself a sign of a gap;
 *   - the word bigram (server/data/word-bigram.bin): ±5 characters segmented by jieba, with and without the
 *     character, scored word pair by word pair (capped: one odd pair never decides alone).
 * A place is flagged when the best insertion beats the text as written by the threshold, which stands for the
 * prior odds of a dropped character. A report repeats its terms: a completed word that is written in full in
 * another paragraph (安置施方案 where 实施方案 occurs further on) adds documentWeight, settled in `finalize` so that
 * the paragraph results stay cacheable. Stricter margins apply next to digits, in name-like spans, for characters
 * that are optional (更/更加, 每/每一) and where the lone character often stands alone (能, 好, 会).
 * Proper names (jieba's nr/ns/nt/nz words), quoted names and the user's dictionary words are left alone.
 */

export interface MissingCharParams {
  /** Score (log10 odds) the best insertion must reach. */
  threshold: number;
  /** Weight of the word-model difference. */
  wordWeight: number;
  /** Weight of the orphan evidence: −log10 of how often the lone character stands alone as a word. */
  orphanWeight: number;
  /** Weight of the word-bigram difference (capped at MAX_BIGRAM_GAIN). */
  bigramWeight: number;
  /** Extra score needed next to a digit or Latin letter. */
  digitMargin: number;
  /** Extra score needed in a name-like span (… 有限公司, …村, …路, …项目). */
  nameMargin: number;
  /** Extra score needed when the inserted character only lengthens a frequent function word (更 → 更加). */
  optionalMargin: number;
  /** Suggestions scoring within this of the best are offered too. */
  suggestionSpan: number;
  /** jieba frequency above which a single-character token counts as an ordinary word, not an orphan. */
  standaloneFreq: number;
  /** Extra score needed when the only sign of a gap is a single character that often stands alone (中, 能, 好). */
  standaloneMargin: number;
  /** Extra score needed in a list of terse items (强治理、优服务、惠民生): slogans drop characters on purpose. */
  listMargin: number;
  /** Extra score needed when the completed word only restates a one-character function word (应 → 应当, 已 → 已经). */
  synonymMargin: number;
  /** Extra score needed when a noun suffix (公告期, 许可制) would become a word of its own (期限, 制度). */
  suffixMargin: number;
  /**
   * Score added when the completed word occurs elsewhere in the document, outside the paragraph (a report repeats
   * its terms: 安置施方案 where 实施方案 is written in full further on). 0 turns the evidence off.
   */
  documentWeight: number;
  /** …only for words rarer than this (jieba's frequency scale): common words (建设, 管理) occur in every document. */
  documentMaxFreq: number;
}

export const DEFAULT_PARAMS: MissingCharParams = {
  // tuned on held-out report samples (scripts/tune-missing.ts and npm run eval over seeds 7, 1, 3 and the eval's):
  // with the document's evidence (documentWeight 1 for words below jieba frequency 10,000), 5.5 finds about 2% more
  // drops than 5.5 did without it, for 0.05 more false alarms per 10k (5.6 would keep them as before: 1.2% more)
  threshold: 5.5,
  wordWeight: 1,
  orphanWeight: 1,
  bigramWeight: 0.5,
  digitMargin: 2.5,
  nameMargin: 1.5,
  optionalMargin: 0.5,
  suggestionSpan: 1.5,
  standaloneFreq: 60000,
  standaloneMargin: 2,
  listMargin: 3,
  synonymMargin: 6,
  suffixMargin: 3,
  documentWeight: 1,
  documentMaxFreq: 10000,
};

export interface Insertion {
  /** Where the character goes (offset in the analysed string). */
  gap: number;
  ch: string;
  /** The completed word and the fragment of it found in the text: text[keyStart, keyEnd). */
  word: string;
  keyStart: number;
  keyEnd: number;
  /** Decision score (log10 odds) after margins; lm, wm, orphan and wb are its parts. */
  score: number;
  lm: number;
  wm: number;
  /** −log10 share of standalone use of a one-character fragment or a part (0 for other fragments). */
  orphan: number;
  /** Word-bigram gain, capped (0 when not computed: too far below the threshold to matter, or no bigram model). */
  wb: number;
  /** Which margins apply: NEAR_DIGIT | NAME_LIKE | OPTIONAL | STANDALONE | TERSE_LIST. */
  flags: number;
}

export const NEAR_DIGIT = 1;
export const NAME_LIKE = 2;
export const OPTIONAL = 4;
export const STANDALONE = 8;
export const TERSE_LIST = 16;
export const SYNONYM = 32;
export const SUFFIX = 64;

/** The decision score of an insertion under `params`. */
export function scoreOf(i: Pick<Insertion, 'lm' | 'wm' | 'orphan' | 'wb' | 'flags'>, params: MissingCharParams): number {
  let s = i.lm + params.wordWeight * i.wm + params.orphanWeight * i.orphan + params.bigramWeight * i.wb;
  if (i.flags & NEAR_DIGIT) s -= params.digitMargin;
  if (i.flags & NAME_LIKE) s -= params.nameMargin;
  if (i.flags & OPTIONAL) s -= params.optionalMargin;
  if (i.flags & STANDALONE) s -= params.standaloneMargin;
  if (i.flags & TERSE_LIST) s -= params.listMargin;
  if (i.flags & SYNONYM) s -= params.synonymMargin;
  if (i.flags & SUFFIX) s -= params.suffixMargin;
  return s;
}

const MAX_SUGGESTIONS = 3;
/**
 * Two-character function words, each with those of its characters that say as much alone in standard written
 * Chinese (应/应当, 已/已经, 按/按照, 须 or 必/必须): that short form is no word cut short, whatever the character
 * model prefers. Another character alone says something else or nothing (够 of 能够, 经 of 已经, 加 of 更加): its
 * completion is an ordinary one.
 */
const FUNCTION_SYNONYMS = new Map<string, string>([
  ['应当', '应'], ['应该', '应'], ['更加', '更'], ['必须', '必须'], ['需要', '需要'], ['能够', '能'], ['可以', '可'],
  ['虽然', '虽'], ['但是', '但'], ['因为', '因'], ['并且', '并'], ['如果', '如'], ['已经', '已'], ['曾经', '曾'],
  ['仍然', '仍'], ['将要', '将'], ['较为', '较'], ['正在', '正在'], ['对于', '对'], ['按照', '按照'], ['依照', '依照'],
  ['为了', '为'], ['而且', '而'], ['或者', '或'], ['以及', '及'], ['由于', '由'],
]);
const NAME_TAGS = /^(?:nr|ns|nt|nz)/;
const NAME_SUFFIXES = ['有限责任公司', '股份有限公司', '有限公司', '公司', '集团', '村委会', '村', '社区', '居委会', '大道', '路', '街', '巷', '广场', '小区', '花园', '大厦', '酒店', '超市', '商场', '项目', '小学', '中学', '学校', '医院', '合作社'];
const NAME_SUFFIX = new RegExp(`(?:${NAME_SUFFIXES.join('|')})`, 'y');
/** The first characters of the name suffixes: most positions are ruled out without the regex. */
const NAME_SUFFIX_FIRST = new Set(NAME_SUFFIXES.map((w) => w.charCodeAt(0)));
const OPTIONAL_TAGS = /^(?:d|c|p|r|v|zg|u)/;
const WORD_WINDOW = 4;
/** Candidate words looked at per fragment (the most frequent; most fail InsertionScorer.fits at once). */
const MAX_CANDIDATES = 80;
/** … and around a character that often stands alone (a weaker sign, and a frequent one). */
const MAX_STANDALONE_CANDIDATES = 16;
/** jieba frequency from which a two- or three-character fragment counts as a word of its own. */
const KEY_WORD_FREQ = 100;
/** … and a pair of characters around the gap that is a frequent word (的人, 会上) blocks the insertion even across tokens (cost). */
const PAIR_FREQ = 1000;
/**
 * The word models (unigram and bigram) rarely add more than this together: insertions whose character-model
 * change (with the orphan evidence) falls further below the threshold are not scored further (on held-out
 * samples this drops about 1 in 1,000 insertions that would be flagged).
 */
const MAX_OTHER_GAIN = 5;
/** Cap of the orphan evidence (a character that stands alone once in 10,000 uses). */
const MAX_ORPHAN = 4;
/** Cap of the word-bigram gain: one pair of words never decides alone. */
const MAX_BIGRAM_GAIN = 8;
/** Characters on each side of the gap segmented for the word bigram. */
const BIGRAM_WINDOW = 5;

function isNonHanWordChar(ch: string | undefined): boolean {
  return !!ch && /[0-9A-Za-z０-９Ａ-Ｚａ-ｚ.%％]/.test(ch);
}

/** Spans that look like names: jieba's name tokens, quoted text, the few characters before a name suffix. */
function nameSpans(text: string, tokens: readonly Token[]): { hard: Uint8Array; soft: Uint8Array } {
  const hard = new Uint8Array(text.length + 1);
  const soft = new Uint8Array(text.length + 1);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.word.length < 2 || !NAME_TAGS.test(t.tag)) continue;
    hard.fill(1, t.start, t.end);
    // a lone character right after a name is likely its suffix (浮山矿, 青龙湾): a name-like span
    const next = k + 1 < tokens.length ? tokens[k + 1] : undefined;
    if (next && next.word.length === 1 && isHan(next.word)) soft.fill(1, next.start, next.end);
  }
  const quoted = /“[^“”]{1,20}”|《[^《》]{1,30}》|‘[^‘’]{1,20}’|「[^「」]{1,20}」/g;
  for (let m = quoted.exec(text); m; m = quoted.exec(text)) hard.fill(1, m.index, m.index + m[0].length);
  // issuing offices of document numbers (豫政办〔2005〕107号): abbreviations of single characters
  for (const [s, e] of documentNumberPrefixes(text)) hard.fill(1, s, e);
  // a word with an alternative in brackets (开(复)工: 开工 and 复工): the characters around the brackets belong together
  const alternative = /[\u4E00-\u9FFF][(（][\u4E00-\u9FFF]{1,2}[)）][\u4E00-\u9FFF]/g;
  for (let m = alternative.exec(text); m; m = alternative.exec(text)) {
    hard[m.index] = 1;
    hard[m.index + m[0].length - 1] = 1;
    alternative.lastIndex = m.index + m[0].length - 1;
  }
  for (let i = 1; i < text.length; i++) {
    if (!NAME_SUFFIX_FIRST.has(text.charCodeAt(i))) continue;
    NAME_SUFFIX.lastIndex = i;
    if (NAME_SUFFIX.test(text) && isHan(text[i - 1])) {
      let s = i;
      while (s > 0 && i - s < 6 && isHan(text[s - 1])) s--;
      soft.fill(1, s, i);
    }
  }
  return { hard, soft };
}

/** Longest item of a terse list. */
const TERSE_ITEM = 4;
const CLAUSE_END = /[、，,；;。：:！？!?\s（）()“”"《》]/;

/**
 * Characters in items of a terse list: an item of ≤ TERSE_ITEM characters between two 、, or next to another such
 * item across a 、; an item of 3–4 characters next to a longer one across a 、 (推动外贸稳规模、优结构), with as many
 * characters of the longer one on the 、 side (the same terse pattern ends or begins it).
 */
function terseItems(text: string, uniform: Uint8Array): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  if (!text.includes('、')) return out;
  const items: Array<[number, number]> = [];
  let s = 0;
  for (let i = 0; i <= text.length; i++) {
    // (a Han character ends no clause: the regex only for the others)
    if (i === text.length || (!isHanCode(text.charCodeAt(i)) && CLAUSE_END.test(text[i]))) {
      items.push([s, i]);
      s = i + 1;
    }
  }
  // a run of short items joined by 、 (…强治理、优服务、惠民生、…), three items or more with its longer neighbours: the
  // items of the run's usual length are as the writer meant them; a dropped character would make one shorter than
  // its siblings
  for (let k = 0; k < items.length; ) {
    let m = k;
    const short = (it: [number, number]) => it[1] > it[0] && it[1] - it[0] <= TERSE_ITEM;
    while (m < items.length && short(items[m]) && (m === k || text[items[m - 1][1]] === '、')) m++;
    // with the longer items the run is joined to (打通强治理、…、解矛盾的最后一米)
    const before = k > 0 && text[items[k - 1][1]] === '、';
    const after = m < items.length && m > k && text[items[m - 1][1]] === '、';
    if (m > k && m - k + Number(before) + Number(after) >= 3) {
      const lengths = new Map<number, number>();
      for (let j = k; j < m; j++) lengths.set(items[j][1] - items[j][0], (lengths.get(items[j][1] - items[j][0]) ?? 0) + 1);
      const [usual, n] = [...lengths].sort((x, y) => y[1] - x[1])[0];
      // two items of one length, or one between two longer items that it matches (打通强治理、优服务、惠民生的…)
      if (n >= 2 || (before && after)) for (let j = k; j < m; j++) if (items[j][1] - items[j][0] === usual) uniform.fill(1, items[j][0], items[j][1]);
    }
    k = Math.max(m, k + 1);
  }
  for (let k = 0; k < items.length; k++) {
    const [a, b] = items[k];
    if (b - a > TERSE_ITEM || b === a) continue;
    const prev = k > 0 ? items[k - 1] : undefined;
    const next = k + 1 < items.length ? items[k + 1] : undefined;
    const short = (it: [number, number] | undefined) => !!it && it[1] > it[0] && it[1] - it[0] <= TERSE_ITEM;
    const afterComma = a > 0 && text[a - 1] === '、';
    const beforeComma = b < text.length && text[b] === '、';
    if ((afterComma && beforeComma) || (afterComma && short(prev)) || (beforeComma && short(next))) out.fill(1, a, b);
    if (b - a < 3) {
      // the last of a run of one- or two-character items before a longer one (雾、雨、雪、冰等天气): the longer one
      // begins with one more item of that size
      if (afterComma && short(prev) && beforeComma && next && next[1] - next[0] > TERSE_ITEM) out.fill(1, next[0], next[0] + (b - a));
      continue;
    }
    // an item of 3–4 characters next to a longer one (推动外贸稳规模、优结构): the same terse pattern ends (or begins) the
    // longer one
    if (afterComma && prev && prev[1] - prev[0] > TERSE_ITEM) {
      out.fill(1, a, b);
      out.fill(1, prev[1] - (b - a), prev[1]);
    }
    if (beforeComma && next && next[1] - next[0] > TERSE_ITEM) {
      out.fill(1, a, b);
      out.fill(1, next[0], next[0] + (b - a));
    }
  }
  return out;
}

/** How often a one-character token must recur in a sentence to count as parallel phrasing. */
const PARALLEL_COUNT = 3;

/**
 * One-character tokens that recur as such three times or more in their sentence (sentenceSpans): parallel phrasing
 * with a one-character verb (保就业保民生保市场主体), where the short verb is meant. Their completions need the list
 * margin.
 */
function parallelSingles(text: string, tokens: readonly Token[]): Uint8Array {
  const out = new Uint8Array(text.length + 1);
  let k = 0;
  for (const [, end] of sentenceSpans(text)) {
    const from = k;
    while (k < tokens.length && tokens[k].start < end) k++;
    const counts = new Map<string, number>();
    for (let j = from; j < k; j++) {
      const w = tokens[j].word;
      if (w.length === 1 && isHan(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    for (let j = from; j < k; j++) if ((counts.get(tokens[j].word) ?? 0) >= PARALLEL_COUNT) out[tokens[j].start] = 1;
  }
  return out;
}

interface Weak {
  t: Token;
  /** A single character that often stands alone (能, 好): its own completions need the standalone margin. */
  standalone: boolean;
  /**
   * A character so common, and so often a word of its own (的, 在, 与), that completing it is not worth its cost:
   * only fragments of longer words across it are looked up (与同时 → 与此同时).
   */
  common: boolean;
  /**
   * A two-character word that is more often part of a longer word than a word by itself (国务 of 国务院, 游业 of
   * 旅游业): it is completed as a whole, at its ends, to such a word.
   */
  part: boolean;
}

/**
 * Places where a character may be missing: single-character Han tokens and short tokens jieba had to guess
 * (tag x), and two-character words that mostly occur inside longer words (`part`). `standalone` marks single
 * characters that often stand alone (的, 在, 中, 能): a weaker sign of a gap; `common` the most frequent of them.
 */
function weakTokens(tokens: readonly Token[], lm: LanguageModel, standaloneFreq: number): Weak[] {
  const out: Weak[] = [];
  const space = (t: Token | undefined) => !!t && /^\s+$/.test(t.word);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (!isHan(t.word[0])) continue;
    if (t.word.length === 1) {
      // a character set apart by spaces is spaced-out typography (审 验, 目  录), not a word cut short
      if ((k > 0 && space(tokens[k - 1])) || (k + 1 < tokens.length && space(tokens[k + 1]))) continue;
      const f = lm.lexicon.wordFreq(t.word);
      out.push({ t, standalone: f >= standaloneFreq, common: f >= COMMON_FREQ && lm.lexicon.standaloneShare(t.word) >= PART_SHARE, part: false });
    }
    else if (t.tag === 'x' && t.word.length <= 4) out.push({ t, standalone: false, common: false, part: false });
    else if (t.word.length === 2 && isHan(t.word[1]) && lm.lexicon.standaloneShare(t.word) < PART_SHARE) out.push({ t, standalone: false, common: false, part: true });
  }
  return out;
}

/**
 * Single characters from this jieba frequency on that mostly stand alone (的, 在, 是, 与) are not completed
 * themselves: too common to pay for. Those that mostly belong to words (一, 中, 大, 人) still are.
 */
const COMMON_FREQ = 100000;
/**
 * Share of standalone use (Lexicon.standaloneShare) below which a unit mostly belongs to longer words: a
 * two-character word is then looked at as a `part`, a very common character is still completed.
 */
const PART_SHARE = 0.5;

/** Half-width of the window in which weak tokens are counted. */
const DENSITY_WINDOW = 6;

/**
 * Drops weak places that sit among many orphans: where most Han characters around are poorly covered, the text
 * is no prose the segmenter failed on at one place (a dropped character) but a list of names, a table row or
 * garbage, where guessing is noise.
 */
function dropGarbled(text: string, weak: Weak[]): Weak[] {
  if (!weak.length) return weak;
  const han = new Int32Array(text.length + 1);
  const wk = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i++) han[i + 1] = han[i] + (isHan(text[i]) ? 1 : 0);
  const flag = new Uint8Array(text.length);
  for (const { t, standalone, part } of weak) if (!standalone && !part) flag.fill(1, t.start, t.end);
  for (let i = 0; i < text.length; i++) wk[i + 1] = wk[i] + flag[i];
  return weak.filter(({ t }) => {
    const a = Math.max(0, t.start - DENSITY_WINDOW);
    const b = Math.min(text.length, t.end + DENSITY_WINDOW);
    return (wk[b] - wk[a]) * 2 <= han[b] - han[a];
  });
}

/** One window scorer per model: it keeps the model's unigram slots across paragraphs. */
let sharedWindow: WindowScorer | undefined;

/**
 * The character model's change when one character is put into a paragraph: log10 P of the inserted character
 * and the order-1 characters after it (each given its left context), minus that of those characters as written.
 * Works on codes (no strings per candidate): the text's own log-probabilities are computed once per position,
 * and the candidates for one gap share a window in core/lm/window.ts's scorer (n-grams that do not touch
 * the inserted character are looked up once per gap).
 */
class InsertionScorer {
  private readonly K: number;
  /** BOUNDARY + the normalised paragraph, as codes; text offset g is codes offset g + 1. */
  private readonly codes: Uint16Array;
  /** log10 P of each code given its left context; NaN until computed. */
  private readonly lp: Float64Array;
  private readonly win: WindowScorer;
  /** The window: codes before the gap, a slot for the character, codes after it. */
  private readonly buf: Uint16Array;
  private loadedGap = -1;
  private slot = 0;
  private readonly gram = new Uint16Array(3);

  constructor(private readonly ng: CharNgram, text: string) {
    this.K = ng.order - 1;
    this.codes = new Uint16Array(text.length + 1);
    this.codes[0] = BOUNDARY_CODE;
    for (let j = 0; j < text.length; j++) this.codes[j + 1] = normCodeOf(text.charCodeAt(j));
    this.lp = new Float64Array(text.length + 1).fill(NaN);
    if (!sharedWindow || !sharedWindow.uses(ng)) sharedWindow = new WindowScorer(ng);
    this.win = sharedWindow;
    this.buf = new Uint16Array(2 * this.K + 1);
  }

  /**
   * Whether the character model has seen the character (`code`) beside the characters around the gap: for a character that
   * begins (ends) the completed word, the pair it forms with the text before (after) the gap; with `three`, also
   * the three characters (left, character, right). A character never seen in that company is no plausible repair (on
   * held-out reports the test loses few drops and some false alarms), and the test costs a look-up or two where
   * `gain` costs a window of them. A boundary (a paragraph end, a symbol the model does not read) imposes nothing.
   */
  fits(gap: number, code: number, first: boolean, last: boolean, three: boolean): boolean {
    const ng = this.ng;
    const gram = this.gram;
    const l = this.codes[gap];
    const r = gap + 1 < this.codes.length ? this.codes[gap + 1] : BOUNDARY_CODE;
    const c = normCodeOf(code);
    if (c === BOUNDARY_CODE) return true;
    // the three characters first: the most selective test, and most candidates fail (a conjunction: same answer)
    if (three && l !== BOUNDARY_CODE && r !== BOUNDARY_CODE) {
      gram[0] = l;
      gram[1] = c;
      gram[2] = r;
      if (Number.isNaN(ng.probOf(ng.slotOfCodes(gram, 0, 3)))) return false;
    }
    if (first && l !== BOUNDARY_CODE) {
      gram[0] = l;
      gram[1] = c;
      if (Number.isNaN(ng.probOf(ng.slotOfCodes(gram, 0, 2)))) return false;
    }
    if (last && r !== BOUNDARY_CODE) {
      gram[0] = c;
      gram[1] = r;
      if (Number.isNaN(ng.probOf(ng.slotOfCodes(gram, 0, 2)))) return false;
    }
    return true;
  }

  /** Sum of the text's own log10 P over codes [from, to). */
  private base(from: number, to: number): number {
    let sum = 0;
    for (let j = from; j < to; j++) {
      let v = this.lp[j];
      if (v !== v) v = this.lp[j] = chainLogProb(this.ng, this.codes, j);
      sum += v;
    }
    return sum;
  }

  /**
   * Change of log10 P when `ch` goes in before text offset `gap`. When it is below `floor`, the result is only
   * some value below `floor` (the window stops being scored once it cannot reach it).
   */
  gain(gap: number, ch: string, floor = -Infinity): number {
    const c = normCodeOf(ch.charCodeAt(0));
    const at = gap + 1;
    const to = Math.min(this.codes.length, at + this.K);
    if (c === BOUNDARY_CODE) {
      // a character the model does not read (a Latin letter in a word) ends the context: only what follows changes
      const tail = new Uint16Array(to - at + 1);
      tail[0] = c;
      tail.set(this.codes.subarray(at, to), 1);
      let sum = 0;
      for (let j = 1; j < tail.length; j++) sum += chainLogProb(this.ng, tail, j);
      return sum - this.base(at, to);
    }
    if (this.loadedGap !== gap) {
      const from = Math.max(0, at - this.K);
      const n = at - from;
      this.buf.set(this.codes.subarray(from, at), 0);
      // any character but a BOUNDARY holds the slot while the window's contexts are laid out
      this.buf[n] = c;
      this.buf.set(this.codes.subarray(at, to), n + 1);
      this.slot = this.win.load(this.buf.subarray(0, n + 1 + to - at), n, 1);
      this.loadedGap = gap;
    }
    this.win.candidate(c === ch.charCodeAt(0) ? ch : String.fromCharCode(c));
    const base = this.base(at, to);
    return this.win.sumFrom(this.slot, floor + base) - base;
  }
}


/**
 * Scores every candidate insertion around the weak places of `text` (one paragraph, masked); returns the
 * insertions with their scores (margins applied), unsorted. `dictionary` words are never questioned.
 */
export function scoreInsertions(
  text: string,
  tokens: readonly Token[],
  lm: LanguageModel,
  params: MissingCharParams = DEFAULT_PARAMS,
  dictionary: ReadonlySet<string> = new Set(),
): Insertion[] {
  const weak = dropGarbled(text, weakTokens(tokens, lm, params.standaloneFreq));
  if (!weak.length) return [];
  const { hard, soft } = nameSpans(text, tokens);
  const uniform = new Uint8Array(text.length + 1);
  const terse = terseItems(text, uniform);
  const parallel = parallelSingles(text, tokens);
  // the token that starts at each offset, + 1 (0: none)
  const tokenAt = new Int32Array(text.length + 1);
  for (let k = 0; k < tokens.length; k++) tokenAt[tokens[k].start] = k + 1;
  const protectedChars = new Uint8Array(text.length + 1);
  for (const w of dictionary) {
    if (!w) continue;
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) protectedChars.fill(1, i, i + w.length);
  }
  // gaps inside a common word of the segmentation (平|米): putting a character there would split it
  const inWord = new Uint8Array(text.length + 1);
  for (const t of tokens) if (t.word.length >= 2 && lm.lexicon.wordFreq(t.word) >= KEY_WORD_FREQ) inWord.fill(1, t.start + 1, t.end);
  const lmScorer = new InsertionScorer(lm.ngram, text);
  // insertions by gap * 65536 + character code
  const seen = new Map<number, Insertion>();
  // per gap: 1 when no character may go there (gapOpen), 2 when one may, 0 not yet asked
  const gapState = new Uint8Array(text.length + 1);
  const gapOpen = (g: number): boolean => {
    // putting a character back would split a word of the text (平|米), or a frequent pair of characters (的人, 会上)
    if (inWord[g]) return false;
    if (g > 0 && lm.lexicon.wordFreq(text.slice(g - 1, g + 1)) >= PAIR_FREQ) return false;
    // … or go inside a name, or beside a word of the user's dictionary
    if (g > 0 && hard[g - 1] && hard[g]) return false;
    if (protectedChars[Math.max(0, g - 1)] || protectedChars[g]) return false;
    // an item of a uniform run of short items (惠民生 among 强治理、优服务) is as long as its siblings: as meant
    return !(uniform[g] || (g > 0 && uniform[g - 1]));
  };
  const wmCache = new Map<number, number>();
  const baseWm = (g: number): number => {
    let v = wmCache.get(g);
    if (v === undefined) {
      v = lm.lexicon.segLogProb(text.slice(Math.max(0, g - WORD_WINDOW), g + WORD_WINDOW));
      wmCache.set(g, v);
    }
    return v;
  };
  // orphans first: an insertion reached from an orphan needs no standalone margin
  weak.sort((x, y) => Number(x.standalone || x.part) - Number(y.standalone || y.part));
  const baseWb = new Map<number, number>();
  // The insertion's other parts and margins, for the few candidates the character model lets through: a function
  // of its own, which the optimising compiler keeps apart from the loops above (this part runs too rarely before
  // the loops are optimised to have told the compiler anything, and would send them back to the interpreter).
  const insertion = (a: number, b: number, g: number, c: { word: string; pos: number }, key: string, ch: string, single: boolean, weakSign: boolean, orphan: number, dLm: number): Insertion => {
    const wmText = text.slice(Math.max(0, g - WORD_WINDOW), g) + ch + text.slice(g, g + WORD_WINDOW);
    const dWm = lm.lexicon.segLogProb(wmText) - baseWm(g);
    let flags = 0;
    if (isNonHanWordChar(text[g - 1]) || isNonHanWordChar(text[g])) flags |= NEAR_DIGIT;
    if (soft[a] || soft[b - 1]) flags |= NAME_LIKE;
    if (weakSign) flags |= STANDALONE;
    if (terse[g] || (g > 0 && terse[g - 1]) || (single && parallel[a])) flags |= TERSE_LIST;
    // a suffix of the word before it (公告期, 许可制, 责任制) completed into a word of its own (期限, 制度)
    if (key.length === 1 && c.pos === 1 && SUFFIX_CHARS.has(key) && suffixAfterWord(tokens, tokenAt[a] - 1)) flags |= SUFFIX;
    if (key.length === 1 && c.word.length === 2) {
      const tag = lm.lexicon.wordTag(key);
      if (tag && OPTIONAL_TAGS.test(tag) && lm.lexicon.wordFreq(key) >= 10000) flags |= OPTIONAL;
      if (FUNCTION_SYNONYMS.get(c.word)?.includes(key)) flags |= SYNONYM;
      // a one-character verb with the complement 起 (负起责任, 挑起重担) says what the two-character verb says
      if (c.pos === 0 && text[b] === '起' && complementAt(tokens, tokenAt[b] - 1)) flags |= SYNONYM;
    }
    const ins = { gap: g, ch, word: c.word, keyStart: a, keyEnd: b, score: 0, lm: dLm, wm: dWm, orphan, wb: 0, flags };
    // the word bigram only where it can still decide
    if (lm.words && scoreOf(ins, params) >= params.threshold - params.bigramWeight * MAX_BIGRAM_GAIN) ins.wb = bigramGain(text, g, ch, lm, baseWb);
    ins.score = scoreOf(ins, params);
    return ins;
  };
  for (const { t, standalone, common, part } of weak) {
    // the fragment must touch the weak token; a one-character fragment must be (part of) it. A very common
    // character that mostly stands alone (的, 与) is not completed itself, only through a fragment of two or three
    // characters holding it (与同时 → 与此同时); a part is the fragment itself
    const aFrom = part ? t.start : Math.max(0, t.start - (common ? 2 : 3));
    const aTo = common || part ? t.start : t.end;
    for (let a = aFrom; a <= aTo && a < text.length; a++) {
      if (!isHan(text[a])) continue;
      for (let b = common ? Math.max(a + 2, t.end) : part ? t.end : a + 1; b <= a + 3 && b <= text.length; b++) {
        if (!isHan(text[b - 1])) break;
        if (b < t.start) continue;
        const single = b - a === 1;
        if (single && (a < t.start || a >= t.end)) continue;
        if (!lm.lexicon.hasDeletions(text, a, b)) continue;
        const key = text.slice(a, b);
        // a fragment that is a common word by itself (平米) is no fragment, unless it mostly is one (a part)
        if (!single && !part && lm.lexicon.wordFreq(key) >= KEY_WORD_FREQ) continue;
        const cands = lm.lexicon.deletionCandidates(key, standalone && single ? MAX_STANDALONE_CANDIDATES : MAX_CANDIDATES);
        if (!cands.length) continue;
        const orphan = single || part ? Math.min(MAX_ORPHAN, -Math.log10(Math.max(1e-9, lm.lexicon.standaloneShare(key)))) : 0;
        // the completion of a character that often stands alone is a weaker sign than a fragment of a longer word
        const weakSign = standalone && single;
        const need = params.threshold + (weakSign ? params.standaloneMargin : 0) - params.orphanWeight * orphan;
        for (const c of cands) {
          const g = a + c.pos;
          if (g < t.start - 1 || g > t.end + 1) continue;
          // a part is completed at its ends (素质 → 高素质), never split
          if (part && c.pos !== 0 && c.pos !== c.word.length - 1) continue;
          // where putting any character back is ruled out, nothing more is looked up (the gap's tests, once per gap)
          if (!gapState[g]) gapState[g] = gapOpen(g) ? 2 : 1;
          if (gapState[g] === 1) continue;
          const code = c.word.charCodeAt(c.pos);
          // a character the model never saw beside these neighbours is no repair; the candidates of a one-character
          // fragment (every word holding the character) and of a part must fit the characters on both sides
          if (!lmScorer.fits(g, code, c.pos === 0, c.pos === c.word.length - 1, single || part)) continue;
          const id = g * 65536 + code;
          const prev = seen.get(id);
          if (prev) {
            // same insertion through a longer word: keep the longer word, it shows more of the context
            if (c.word.length > prev.word.length) Object.assign(prev, { word: c.word, keyStart: a, keyEnd: b });
            continue;
          }
          const ch = c.word[c.pos];
          if (hard[a] || hard[Math.max(a, b - 1)]) continue;
          // the character model: the inserted character and the K characters after it
          const dLm = lmScorer.gain(g, ch, need - MAX_OTHER_GAIN);
          if (dLm < need - MAX_OTHER_GAIN) continue;
          const ins = insertion(a, b, g, c, key, ch, single, weakSign, orphan, dLm);
          seen.set(id, ins);
        }
      }
    }
  }
  return [...seen.values()];
}

/** Characters that end nouns as suffixes (公告期, 责任制) and begin two-character words (期限, 制度). */
const SUFFIX_CHARS = new Set(['期', '制']);

/** Whether token k (−1: none) follows a Han word of two or more characters directly. */
function suffixAfterWord(tokens: readonly Token[], k: number): boolean {
  if (k < 1) return false;
  const prev = tokens[k - 1];
  return prev.end === tokens[k].start && prev.word.length >= 2 && isHan(prev.word[prev.word.length - 1]);
}

/** Whether token k (−1: none) is the directional complement 起 (起来) on its own. */
function complementAt(tokens: readonly Token[], k: number): boolean {
  return k >= 0 && (tokens[k].word === '起' || tokens[k].word === '起来');
}

/** Word-bigram gain of inserting `ch` at `gap`: the ±BIGRAM_WINDOW characters segmented with and without it (capped). */
function bigramGain(text: string, gap: number, ch: string, lm: LanguageModel, cache?: Map<number, number>): number {
  const words = lm.words;
  if (!words) return 0;
  const jieba = getJieba();
  const left = text.slice(Math.max(0, gap - BIGRAM_WINDOW), gap);
  const right = text.slice(gap, gap + BIGRAM_WINDOW);
  let base = cache?.get(gap);
  if (base === undefined) {
    base = words.score(jieba.cut(left + right, true));
    cache?.set(gap, base);
  }
  return Math.min(MAX_BIGRAM_GAIN, words.score(jieba.cut(left + ch + right, true)) - base);
}

/**
 * How much more probable `text` becomes with `ch` inserted at `gap` (log10; character model, word model and
 * their weighted sum, before margins). Positive: the completed text reads better than the text as written.
 */
export function insertionGain(text: string, gap: number, ch: string, lm: LanguageModel, wordWeight = DEFAULT_PARAMS.wordWeight): { lm: number; wm: number; wb: number; total: number } {
  const K = lm.ngram.order - 1;
  const norm = BOUNDARY + normalize(text);
  const from = Math.max(0, gap + 1 - K);
  const orig = norm.slice(from, Math.min(norm.length, gap + 1 + K));
  const mod = norm.slice(from, gap + 1) + normChar(ch) + norm.slice(gap + 1, Math.min(norm.length, gap + 1 + K));
  const dLm = lm.ngram.logProb(mod, gap + 1 - from, mod.length) - lm.ngram.logProb(orig, gap + 1 - from, orig.length);
  const left = text.slice(Math.max(0, gap - WORD_WINDOW), gap);
  const right = text.slice(gap, gap + WORD_WINDOW);
  const dWm = lm.lexicon.segLogProb(left + ch + right) - lm.lexicon.segLogProb(left + right);
  const wb = bigramGain(text, gap, ch, lm);
  return { lm: dLm, wm: dWm, wb, total: dLm + wordWeight * dWm + DEFAULT_PARAMS.bigramWeight * wb };
}

/** Chooses the flagged places: best insertion first, one finding per place, alternatives as suggestions. */
export function decide(insertions: Insertion[], params: MissingCharParams = DEFAULT_PARAMS): Array<{ best: Insertion; alternatives: Insertion[] }> {
  const sorted = insertions.filter((i) => i.score > params.threshold - params.suggestionSpan).sort((x, y) => y.score - x.score);
  const out: Array<{ best: Insertion; alternatives: Insertion[] }> = [];
  const taken: Insertion[] = [];
  for (const ins of sorted) {
    if (ins.score <= params.threshold) break;
    if (taken.some((t) => Math.abs(t.gap - ins.gap) <= 2)) continue;
    taken.push(ins);
    const alternatives = sorted.filter((o) => o !== ins && Math.abs(o.gap - ins.gap) <= 1 && o.score > ins.score - params.suggestionSpan).slice(0, MAX_SUGGESTIONS - 1);
    out.push({ best: ins, alternatives });
  }
  return out;
}

/** What the message quotes: the fragment, widened to the words on both sides of the gap (at most 3 characters each way). */
function shownSpan(text: string, tokens: readonly Token[], ins: Insertion): [number, number] {
  let s = ins.keyStart;
  let e = ins.keyEnd;
  for (const t of tokens) {
    if (!isHan(t.word[0])) continue;
    if (t.end === ins.gap || (t.start < ins.gap && t.end > ins.gap)) s = Math.min(s, Math.max(t.start, ins.gap - 3));
    if (t.start === ins.gap || (t.start < ins.gap && t.end > ins.gap)) e = Math.max(e, Math.min(t.end, ins.gap + 3));
  }
  return [Math.min(s, ins.gap), Math.max(e, ins.gap)];
}

export const missingChar: Rule = {
  meta: {
    id: 'missing-char',
    defaultSeverity: 'warn',
    category: 'wording',
    title: '疑似漏字',
    fixable: false,
    tier: 'model',
    scope: 'paragraph',
    docs: {
      summary: '词语中疑似漏掉一个字（付诸施→付诸实施、有限司→有限公司）。',
      details:
        '在分词后出现孤立单字、生僻片段或通常只出现在更长词语中的双字词（如“国务”）的地方，尝试补回一个字，用字符语言模型、词频模型和词语搭配（相邻两词）模型比较补字前后的通顺程度，并考虑孤立的字是否通常只出现在词中（如“影”“革”），明显更通顺时提示，并按可能性给出补字建议。人名、地名、机构名、引号中的名称和用户词典中的词不检查；数字旁、名称中、“更/更加”“每/每一”这类可省略的字、常单用的字（能、好）和“稳预期、强信心、促发展”这类简短排比短语要求更高的把握；“应/应当”“已/已经”“按/按照”这类单双音节同义的虚词、地名后的单字（泰山矿）、同一句中反复出现的单字动词（保就业保民生保市场主体）、紧跟在词后的“期”“制”（公告期、许可制）、带“起”的单字动词（负起责任）更要有充分把握才提示；“强治理、优服务、惠民生”这类字数一致的并列短语不提示。补全后的词语在本文其他段落中完整出现过（如别处写有“实施方案”）时，所需把握略低。',
      flagged: ['这些措施要尽快付诸施。', '协调解决企业遇到的际问题。', '由城投建设有限司负责承建。'],
      passed: ['这些措施要尽快付诸实施。', '今年工作要更好地服务群众。', '每个村都配备了网格员。'],
    },
  },
  check(ctx: RuleContext): Finding[] {
    const lm = getLanguageModel();
    const params = numberOptions(DEFAULT_PARAMS, ctx.options);
    const findings: Finding[] = [];
    for (const p of ctx.doc.paragraphs) {
      if (!/[\u4e00-\u9fff]/.test(p.text)) continue;
      const tokens = ctx.segment(p.text);
      for (const { best, alternatives, needs } of decideWithDocument(scoreInsertions(p.text, tokens, lm, params, ctx.dictionary), params, lm)) {
        const [s, e] = shownSpan(p.text, tokens, best);
        const shown = p.text.slice(s, e);
        const fixed = (i: Insertion) => p.text.slice(s, i.gap) + i.ch + p.text.slice(i.gap, e);
        const suggestions: Suggestion[] = [best, ...alternatives].map((i) => ({
          desc: `补“${i.ch}”：${fixed(i)}`,
          fix: { range: [p.start + i.gap, p.start + i.gap], text: i.ch },
        }));
        findings.push({
          message: `疑似漏字：“${shown}”应为“${fixed(best)}”？`,
          range: [p.start + s, p.start + e],
          suggestions,
          word: shown,
          ...(needs ? { needs: { word: best.word } } : {}),
        });
      }
    }
    return findings;
  },
  // the places that reach the threshold only if the completed word occurs elsewhere in the document
  finalize(findings: Finding[], ctx: RuleContext): Finding[] {
    if (!findings.some((f) => f.needs)) return findings;
    const { text } = ctx.doc;
    const out: Finding[] = [];
    for (const f of findings) {
      if (!f.needs) {
        out.push(f);
        continue;
      }
      const { needs, ...settled } = f;
      const p = ctx.doc.paragraphAt(f.range[0]);
      const at = occurrenceOutside(text, needs.word, p?.start ?? 0, p?.end ?? 0);
      if (at < 0) continue;
      // (the message says where the evidence comes from, and the related location points at it)
      out.push({
        ...settled,
        message: `${settled.message}（文中别处有“${needs.word}”）`,
        related: [...(settled.related ?? []), { range: [at, at + needs.word.length], message: `“${needs.word}”的完整写法` }],
      });
    }
    return out;
  },
};

/** Where `word` first occurs in `text` outside [from, to) (−1: nowhere), the nearest one before [from, to) first. */
export function occurrenceOutside(text: string, word: string, from: number, to: number): number {
  const before = text.lastIndexOf(word, from - word.length);
  if (from >= word.length && before >= 0) return before;
  return text.indexOf(word, Math.max(to, 0));
}

/**
 * decide, and then the places that only the document's evidence can carry over the threshold: insertions whose
 * completed word is rare enough (documentMaxFreq), scored as if it occurred elsewhere in the document
 * (+documentWeight), away from the places already flagged. Those are marked `needs`: finalize keeps them only
 * when the word is found outside their paragraph.
 */
export function decideWithDocument(insertions: Insertion[], params: MissingCharParams, lm: LanguageModel): Array<{ best: Insertion; alternatives: Insertion[]; needs: boolean }> {
  const sure = decide(insertions, params).map((d) => ({ ...d, needs: false }));
  const w = params.documentWeight;
  if (!(w > 0)) return sure;
  // (an insertion whose score without the word bigram was too far below the threshold for the bigram to be asked
  // is not lifted either: the document's evidence supports a repair the text itself already suggests)
  const hopeful = insertions
    .filter(
      (i) =>
        i.score <= params.threshold &&
        i.score + w > params.threshold - params.suggestionSpan &&
        i.score - params.bigramWeight * i.wb >= params.threshold - params.bigramWeight * MAX_BIGRAM_GAIN &&
        lm.lexicon.wordFreq(i.word) < params.documentMaxFreq &&
        // (a numeral put back changes a number: 满十日 is no 三十日 cut short because the text has 三十日 elsewhere)
        !isChineseNumeral(i.ch),
    )
    .map((i) => ({ ...i, score: i.score + w }));
  if (!hopeful.length) return sure;
  const out = [...sure];
  for (const d of decide(hopeful, params)) {
    if (sure.some((x) => Math.abs(x.best.gap - d.best.gap) <= 2)) continue;
    const undo = (i: Insertion) => ({ ...i, score: i.score - w });
    out.push({ best: undo(d.best), alternatives: d.alternatives.map(undo), needs: true });
  }
  return out;
}
