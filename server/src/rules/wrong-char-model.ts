import { confusables, confusionKind, isKnownChar, soundAlikeWords, type Confusable, type ConfusionKind } from '../core/confusion';
import { getLanguageModel, normCodeOf, normalizeCodes, type LanguageModel } from '../core/lm';
import { documentNumberPrefixes, sentenceSpans } from '../core/text';
import { numberOptions } from '../core/options';
import type { Finding, Paragraph, RuleContext, Token } from '../core/types';
import { WindowScorer, chainLogProb, chainLogProbs } from '../core/lm/window';

/**
 * The model pass of `wrong-char`: a noisy channel over single characters and character pairs.
 *
 * Left to right, for each Chinese character c outside a protected span (names, quotations, the user's words)
 * that the character model finds unexpected, every character c' of its confusion set (server/src/core/confusion.ts)
 * is tried in its place. The score of c' is
 *   Δchar (log10 P of the n-grams touching the position, c' against c, under the character model)
 * + WORD_WEIGHT × Δword (the same for the unigram word model over a ±3 window: 卷道 is no word, 巷道 is)
 * + log10 P(c written for c') (the error model: same sound ≫ same syllable ≫ similar sound ≈ similar shape).
 * A position is flagged when the best c' beats the text as written by `threshold` (log10): P(corrected) × P(error)
 * must clearly beat P(as written); more is demanded when the text as written is itself a word (法治/法制).
 * When no single character does, two neighbours replaced together by a sound-alike word are tried (心细→信息).
 * No finding when the second best correction comes within `abstainMargin` of the best. When a sentence has a
 * sure finding, the rest of it is read a second time with `clusterMargin` less demanded (slips come in clusters).
 * An accepted correction is applied before the next position is judged. Candidates within `suggestMargin` of
 * the best are offered as suggestions, best first; none is applied automatically (one character out of context
 * is never certain).
 */

/** log10 P(c written | c' meant), by how c and c' are related. */
export const CHANNEL: Record<ConfusionKind, number> = {
  'same-sound': -1,
  'same-syllable': -1.7,
  'near-sound': -2.3,
  shape: -2.3,
};

export interface ModelParams {
  threshold: number;
  wordWeight: number;
  /** Only characters among the most frequent `maxRank` are proposed as corrections. */
  maxRank: number;
  /** Skip positions whose character the model already finds likely: log10 P(c | left) above this. */
  gate: number;
  /** …and log10 P of it and the next character together at most this (see ParagraphScorer.suspicious). */
  nextGate: number;
  /**
   * Other corrections within this of the best are offered too (those within abstainMargin make no finding at
   * all, so the ones shown are clearly less likely).
   */
  suggestMargin: number;
  maxSuggestions: number;
  /**
   * Extra evidence demanded when the characters as written already form a dictionary word (法治/法制,
   * 试行/实行): both are often right, and such flags are the main false alarms on clean text.
   */
  realWordMargin: number;
  /**
   * Threshold and realWordMargin lowered by this for a second reading of a sentence in which a sure correction
   * was found (slips come in clusters).
   */
  clusterMargin: number;
  /** No finding when the second best correction comes within this of the best (log10). */
  abstainMargin: number;
}

export const DEFAULT_PARAMS: ModelParams = {
  threshold: 3,
  wordWeight: 0.5,
  maxRank: 3000,
  gate: -2.5,
  nextGate: -5,
  suggestMargin: 1.5,
  maxSuggestions: 3,
  realWordMargin: 2,
  clusterMargin: 1.5,
  abstainMargin: 1,
};

/** Tags of proper names: never corrected (an unknown name is not a typo). */
const NAME_TAGS = /^(?:nr|nrfg|nrt|ns|nt|nz|eng)$/;
/** Tags the segmenter also gives to unknown pairs of characters. */
const GUESSABLE_TAGS = /^(?:nr|nz|ns)$/;
/** A guessed name may be corrected into a word at least this frequent (jieba's scale). */
const GUESSED_NAME_MIN_FREQ = 1000;
/** A two-character name rarer than this (or unknown) may be a slip (关健 5, 勾通 15, 建康 206 in jieba's dictionary). */
const GUESSED_NAME_MAX_FREQ = 300;
/** Name suffixes: the token before them is (part of) a name: 古竹村, 翠苑路, 华阳有限公司, 熙岸二期, 银狐漆业地块. */
const NAME_SUFFIX = /^(?:村|路|街|巷|镇|乡|县|市|区|州|省|河|江|湖|山|桥|社区|小区|公司|有限公司|有限|集团|厂|店|中学|小学|大学|学院|医院|银行|花园|广场|大道|大街|酒店|宾馆|园区|新城|地块|[一二三四五六七八九十]+期)$/;

const TITLES = '(?:副?(?:书记|主任|局长|县长|镇长|乡长|村长|市长|区长|省长|厅长|处长|科长|所长|院长|校长|部长|组长|队长|站长|社长|主席|经理|总经理|董事长|秘书长|理事长)|同志|先生|女士|教授|老师|医生)';
/** A name after a title: 书记李健国 (group 2 is the name). */
const PERSON_BEFORE = new RegExp(`(${TITLES})([\\u4E00-\\u9FFF]{2,3})()`, 'g');
/** A name before a form of address or title: 李健国同志. */
const PERSON_AFTER = new RegExp(`()([\\u4E00-\\u9FFF]{2,3})(${TITLES})`, 'g');
/** Any title or form of address: without one, neither of the two above can match (most sentences have none). */
const ANY_TITLE = new RegExp(TITLES);

/** A word of two or more Han characters that the segmenter tagged x: an unknown word it could not place. */
function unknownWord(t: Token): boolean {
  return t.tag === 'x' && t.end - t.start >= 2 && /^[\u4E00-\u9FFF]+$/.test(t.word);
}

/** A protected character (see protectedSpans). */
export const PROTECTED = 1;
/** A character of a name guessed by the segmenter: corrected only into a common word (关健 → 关键). */
export const GUESSED_NAME = 2;

/**
 * Marks the characters that the model pass must leave alone (PROTECTED), and those of two-character "names"
 * that are rare or unknown (GUESSED_NAME): a rare name in jieba's dictionary or the segmenter's guess for an
 * unknown pair, which a slip makes as often as a name does (关健岗位, 信息勾通, 营养建康).
 */
const ORDINAL = /第[〇零一二三四五六七八九十百千两\d０-９]+(?:部分|季度|[章节条款项编篇届次期批轮])/g;

export function protectedSpans(text: string, tokens: Token[], dictionary: ReadonlySet<string>, wordFreq: (w: string) => number = () => Infinity): Uint8Array {
  const mask = new Uint8Array(text.length);
  const set = (s: number, e: number) => mask.fill(PROTECTED, Math.max(0, s), Math.min(text.length, e));
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (dictionary.has(t.word)) set(t.start, t.end);
    else if (NAME_TAGS.test(t.tag)) {
      if (GUESSABLE_TAGS.test(t.tag) && t.end - t.start === 2 && wordFreq(t.word) < GUESSED_NAME_MAX_FREQ) mask.fill(GUESSED_NAME, t.start, t.end);
      else set(t.start, t.end);
    }
    const next = tokens[k + 1];
    if (next && NAME_SUFFIX.test(next.word)) {
      // The name before the suffix: back over the tokens that are not ordinary function words.
      let j = k;
      // A pair the segmenter could not place (tag x, as punctuation) is part of the name: 临峰建设有限公司.
      while (j >= 0 && k - j < 3 && (!/^(?:p|c|u|uj|ul|v|x|m|r|d)$/.test(tokens[j].tag) || unknownWord(tokens[j]))) j--;
      set(tokens[Math.min(j + 1, k)].start, next.end);
    }
  }
  // Personal names next to a title or form of address: 书记李健国, 王卷道同志 (unknown names are cut unpredictably).
  let m: RegExpExecArray | null;
  for (const re of ANY_TITLE.test(text) ? [PERSON_BEFORE, PERSON_AFTER] : []) {
    re.lastIndex = 0;
    while ((m = re.exec(text))) set(m.index + (m[1]?.length ?? 0), m.index + m[0].length - (m[3]?.length ?? 0));
  }
  // Ordinals of a document's parts and of sessions (第十三节, 第三款, 第二十届): one is as right as another there.
  ORDINAL.lastIndex = 0;
  while ((m = ORDINAL.exec(text))) set(m.index, m.index + m[0].length);
  // Issuing offices of document numbers (豫政办〔2005〕107号): abbreviations, not words.
  for (const [s, e] of documentNumberPrefixes(text)) set(s, e);
  // Quotations and titles: “…”, 《…》, 「…」.
  const re = /“[^”\n]{1,30}”|《[^》\n]{1,40}》|「[^」\n]{1,30}」|‘[^’\n]{1,30}’/g;
  while ((m = re.exec(text))) set(m.index, m.index + m[0].length);
  // Words of the user's dictionary wherever they occur (the segmenter may cut them differently in context).
  for (const w of dictionary) {
    if (!w) continue;
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) set(i, i + w.length);
  }
  return mask;
}

interface Candidate {
  /** The replacement of text[i, i + chars.length). */
  chars: string;
  score: number;
}

const HAN = /[\u4E00-\u9FFF]/;
/** The Han characters of HAN, by code. */
function isHanCode(c: number): boolean {
  return c >= 0x4e00 && c <= 0x9fff;
}
/** One window scorer per model: it keeps the model's unigram and bigram slots across sentences. */
let sharedWindow: WindowScorer | undefined;
function windowScorer(ng: LanguageModel['ngram']): WindowScorer {
  if (!sharedWindow || !sharedWindow.uses(ng)) sharedWindow = new WindowScorer(ng);
  return sharedWindow;
}
const DE = '的地得';

/** The buffers of the scorer's codes and log-probabilities, reused from sentence to sentence. */
let scratch = { codes: new Uint16Array(512), lp: new Float64Array(512) };

/**
 * Scores corrections in one paragraph, left to right. The character model's log-probabilities of the text are
 * computed once and updated when a correction is accepted (so that the next position is judged in corrected
 * context). A position is examined only when its own character is unexpected (log10 P(c | left) < gate, which
 * keeps about 93% of real errors) and so is the pair it starts (nextGate: keeps 99.6% of the errors corrected
 * and under a third of the remaining positions of clean reports, about 4% of all characters); candidates are
 * scored first by the character model alone and only the best few also by the word model (the windows are
 * scored by core/lm/window.ts). One scorer at a time: a new one takes over the buffers of the last (the
 * sentences are checked one after the other).
 */
export class ParagraphScorer {
  private text: string;
  private readonly lp: Float64Array;
  private readonly order: number;
  private readonly win: WindowScorer;
  /** The text normalised for the character model (normalize()), as codes. */
  private readonly codes: Uint16Array;

  constructor(
    private readonly lm: LanguageModel,
    text: string,
    private p: ModelParams,
  ) {
    this.text = text;
    this.order = lm.ngram.order;
    this.win = windowScorer(lm.ngram);
    // (views of buffers kept for the next sentence: two new buffers a sentence kept the collector busy)
    if (scratch.codes.length < text.length) scratch = { codes: new Uint16Array(text.length * 2), lp: new Float64Array(text.length * 2) };
    this.codes = normalizeCodes(text, scratch.codes.subarray(0, text.length));
    this.lp = scratch.lp.subarray(0, text.length);
    chainLogProbs(lm.ngram, this.codes, text.length, this.lp);
  }

  /** Changes the settings (a second reading of the sentence with another threshold). */
  set params(p: ModelParams) {
    this.p = p;
  }

  get margin(): number {
    return this.p.realWordMargin;
  }

  /** The text with the accepted corrections. */
  get current(): string {
    return this.text;
  }

  /**
   * Most of the Chinese characters unexpected: not prose (a character list, garbled or machine-made text), where
   * the model has nothing to say; ordinary text has about a third of its characters below the gate.
   */
  garbled(): boolean {
    let han = 0;
    let low = 0;
    for (let i = 0; i < this.text.length; i++)
      if (isHanCode(this.text.charCodeAt(i))) {
        han++;
        if (this.lp[i] <= this.p.gate) low++;
      }
    return han >= 20 && low > han * GARBLED_SHARE;
  }

  /**
   * Worth trying corrections at i: its character is unexpected (log10 P(c | left) ≤ gate), and so is the pair
   * it makes with the next one (a wrong character usually also makes the next one improbable: 大数局产业).
   */
  suspicious(i: number): boolean {
    const lp = this.lp[i];
    return lp <= this.p.gate && lp + (i + 1 < this.lp.length ? this.lp[i + 1] : 0) <= this.p.nextGate;
  }

  /** Replaces text[i, i + chars.length) (an accepted correction) and refreshes the affected probabilities. */
  accept(i: number, chars: string): void {
    this.text = this.text.slice(0, i) + chars + this.text.slice(i + chars.length);
    const end = Math.min(this.text.length, i + chars.length + this.order - 1);
    for (let j = i; j < i + chars.length; j++) this.codes[j] = normCodeOf(chars.charCodeAt(j - i));
    for (let j = i; j < end; j++) this.lp[j] = chainLogProb(this.lm.ngram, this.codes, j);
  }

  /**
   * Scores of replacing text[i, i + n) by each of `chars` in the loaded window (k = i's index in it), for
   * withWords: Δ log10 P under the character model (window minus `base`) + the channel term. A window sum stops
   * as soon as the candidate can no longer reach withWords' cut-off (its terms are ≤ 0): that score is then only
   * known to be below the cut-off, all withWords needs unless another candidate reaches it, and then the
   * unfinished ones are summed in full. Most positions have no candidate near the cut-off. `own`: each
   * candidate's own term (position k) when the caller has it, not looked up again.
   */
  private scoreCandidates(k: number, base: number, chars: readonly string[], channel: readonly number[], own?: readonly number[]): Candidate[] {
    const sum = (x: number, floor: number) => {
      this.win.candidate(chars[x]);
      return own ? this.win.sumFrom(k + 1, floor, own[x]) : this.win.sumFrom(k, floor);
    };
    const cutoff = this.p.threshold - WORD_REACH;
    const scored: Candidate[] = [];
    const unfinished: number[] = [];
    let reached = false;
    for (let x = 0; x < chars.length; x++) {
      // (a hair below the cut-off, so that rounding cannot put a stopped sum's score on the wrong side of it)
      const floor = cutoff + base - channel[x] - 1e-9;
      const total = sum(x, floor);
      if (total < floor) unfinished.push(x);
      const score = total - base + channel[x];
      if (score >= cutoff) reached = true;
      scored.push({ chars: chars[x], score });
    }
    if (reached) for (const x of unfinished) scored[x].score = sum(x, -Infinity) - base + channel[x];
    return scored;
  }

  private baseAt(i: number, n: number): number {
    const R = Math.min(this.text.length, i + n + this.order - 1);
    let base = 0;
    for (let j = i; j < R; j++) base += this.lp[j];
    return base;
  }

  /** Adds the word-model evidence to the best candidates and sorts them. */
  private withWords(i: number, n: number, scored: Candidate[]): Candidate[] {
    scored.sort((a, b) => b.score - a.score);
    const top = scored.slice(0, TOP_FOR_WORDS);
    if (!top.length || top[0].score < this.p.threshold - WORD_REACH) return [];
    if (this.p.wordWeight) {
      const { text, lm } = this;
      const wl = Math.max(0, i - 3);
      const wr = Math.min(text.length, i + n + 3);
      const wordBase = lm.segLogProb(text.slice(wl, wr));
      for (const c of top) c.score += this.p.wordWeight * (lm.segLogProb(text.slice(wl, i) + c.chars + text.slice(i + n, wr)) - wordBase);
      top.sort((a, b) => b.score - a.score);
    }
    return top;
  }

  /** Best single-character corrections for position i, best first, scored against the text as it stands. */
  rank(i: number): Candidate[] {
    if (!this.suspicious(i)) return [];
    const { lp, win } = this;
    const k = win.load(this.codes, i, 1);
    // Stage 1: the candidate given its left context only (one n-gram chain each). The best STAGE2 are kept in
    // order, ties in the set's order (as a stable sort): inserted into a short list, nothing made per candidate.
    const best: Confusable[] = [];
    const bestScore: number[] = [];
    const bestOwn: number[] = [];
    for (const c of confusables(this.text[i], this.p.maxRank)) {
      win.candidate(c.char);
      const own = win.charLogProb(k);
      const s = own - lp[i] + CHANNEL[c.kind];
      let at = best.length;
      while (at > 0 && bestScore[at - 1] < s) at--;
      if (at >= STAGE2) continue;
      // in at `at`, the rest one place on (the last falling off a full list)
      for (let x = Math.min(best.length, STAGE2 - 1); x > at; x--) {
        best[x] = best[x - 1];
        bestScore[x] = bestScore[x - 1];
        bestOwn[x] = bestOwn[x - 1];
      }
      best[at] = c;
      bestScore[at] = s;
      bestOwn[at] = own;
    }
    // Stage 2: the full window for the best of them.
    const base = this.baseAt(i, 1);
    const scored = this.scoreCandidates(
      k,
      base,
      best.map((c) => c.char),
      best.map((c) => CHANNEL[c.kind]),
      bestOwn,
    );
    return this.withWords(i, 1, scored);
  }

  /**
   * Two wrong characters in a row (正负 for 政府, 心细 for 信息): both replaced by sound-alikes that together
   * make a dictionary word.
   */
  rankPair(i: number): Candidate[] {
    const { text } = this;
    if (!this.suspicious(i) && !this.suspicious(i + 1)) return [];
    const words = soundAlikeWords(text[i], text[i + 1]);
    if (!words.length) return [];
    const base = this.baseAt(i, 2);
    const k = this.win.load(this.codes, i, 2);
    const both: string[] = [];
    const channel: number[] = [];
    for (const w of words) {
      if (w[0] === text[i] || w[1] === text[i + 1]) continue; // one changed character is the single case
      both.push(w);
      channel.push(this.channelOf(text[i], w[0]) + this.channelOf(text[i + 1], w[1]));
    }
    return this.withWords(i, 2, this.scoreCandidates(k, base, both, channel));
  }

  private channelOf(written: string, meant: string): number {
    const kind = confusionKind(written, meant, this.p.maxRank);
    return kind ? CHANNEL[kind] : CHANNEL['near-sound'] * 2;
  }
}

/** Share of unexpected characters above which a paragraph is not treated as prose. */
const GARBLED_SHARE = 0.6;
/** Candidates re-scored by the word model, and how far below the threshold the character model may leave them. */
const TOP_FOR_WORDS = 6;
/** Candidates kept after the first stage (left context only). */
const STAGE2 = 12;
const WORD_REACH = 3;

function params(ctx: RuleContext): ModelParams {
  return numberOptions(DEFAULT_PARAMS, ctx.options);
}

/** A finding of the model pass relative to its sentence (cached by sentence text). */
interface SentenceFinding {
  start: number;
  end: number;
  message: string;
  chars: string[];
  descs: string[];
  word: string;
}

/**
 * Results by settings, then by sentence text: reports repeat sentences, and the editor re-checks unchanged ones.
 * (Keyed in two steps so that no key string of sentence and settings is built per sentence.)
 */
const CACHE = new Map<string, Map<string, readonly SentenceFinding[]>>();
const CACHE_MAX = 5000;

/** The cache of one set of settings (the settings rarely change: those of the last few are kept). */
function sentenceCache(p: ModelParams, dictionary: ReadonlySet<string>): Map<string, readonly SentenceFinding[]> {
  const sig = `${JSON.stringify(p)}\u0000${[...dictionary].sort().join('\u0001')}`;
  let cache = CACHE.get(sig);
  if (!cache) {
    if (CACHE.size >= 4) CACHE.clear();
    CACHE.set(sig, (cache = new Map()));
  }
  return cache;
}

/** The settings of a rule run and their cache, worked out once per run rather than once per paragraph. */
const settings = new WeakMap<RuleContext, { p: ModelParams; cache: Map<string, readonly SentenceFinding[]> }>();
function settingsOf(ctx: RuleContext): { p: ModelParams; cache: Map<string, readonly SentenceFinding[]> } {
  let s = settings.get(ctx);
  if (!s) {
    const p = params(ctx);
    settings.set(ctx, (s = { p, cache: sentenceCache(p, ctx.dictionary) }));
  }
  return s;
}

/** No finding (one array for all the sentences without, which the cache keeps). */
const NONE: readonly SentenceFinding[] = Object.freeze([]);

/** The model pass over one sentence; `segmented` gives its tokens (taken only for the few sentences worth trying). */
function checkSentence(lm: LanguageModel, text: string, segmented: () => Token[], dictionary: ReadonlySet<string>, p: ModelParams): readonly SentenceFinding[] {
  const scorer = new ParagraphScorer(lm, text, p);
  if (scorer.garbled()) return NONE;
  // Most sentences have no unexpected character at all: nothing to try.
  let any = false;
  for (let i = 0; i < text.length && !any; i++) any = scorer.suspicious(i);
  if (!any) return NONE;
  const found: SentenceFinding[] = [];
  const tokens = segmented();
  const mask = protectedSpans(text, tokens, dictionary, (w) => lm.wordFreq(w));
  // 的/地/得 are left to the 的/地 pass (wrong-char-de.ts), which flags them only where the grammar is certain.
  const open = (i: number) => mask[i] !== PROTECTED && isHanCode(text.charCodeAt(i)) && isKnownChar(text[i]) && !DE.includes(text[i]);
  // The margin for characters inside a dictionary word of two or more characters as written.
  const inWord = (i: number, n: number) => {
    const t = tokens.find((x) => x.start <= i && x.end > i);
    return t && t.end >= i + n && t.end - t.start >= 2 && lm.isKnownWord(t.word) ? scorer.margin : 0;
  };
  const done = new Uint8Array(text.length);
  let surest = -Infinity;
  const pass = (q: ModelParams) => {
    scorer.params = q;
    for (let i = 0; i < text.length; i++) {
      // rank(i) needs i unexpected, rankPair(i) i or i + 1.
      if (!scorer.suspicious(i) && !scorer.suspicious(i + 1)) continue;
      if (!open(i) || done[i]) continue;
      let ranked = scorer.rank(i);
      let n = 1;
      if (!ranked.length || ranked[0].score < q.threshold + inWord(i, 1)) {
        ranked = open(i + 1) && !done[i + 1] ? scorer.rankPair(i) : [];
        n = 2;
        if (!ranked.length || ranked[0].score < q.threshold + PAIR_MARGIN + inWord(i, 2)) continue;
      }
      const best = ranked[0];
      // Two corrections about as likely: which one was meant is a guess, and a wrong fix costs more than none.
      if (ranked.length > 1 && ranked[1].score > best.score - q.abstainMargin) continue;
      const cur = scorer.current;
      if (mask[i] === GUESSED_NAME || mask[i + n - 1] === GUESSED_NAME) {
        const t = tokens.find((x) => x.start <= i && x.end > i);
        if (!t || t.end < i + n || lm.wordFreq(cur.slice(t.start, i) + best.chars + cur.slice(i + n, t.end)) < GUESSED_NAME_MIN_FREQ) continue;
      }
      const [ws, we] = displaySpan(tokens, i, i + n);
      // The same words repeated in one sentence are parallel phrasing, not a slip made twice the same way
      // (中国之问、世界之问、时代之问; 不负时代、不负人民).
      if (we - ws >= 2 && repeatsIn(text, text.slice(ws, we))) continue;
      const token = tokens.find((t) => t.start <= i && t.end > i);
      const fixWord = (chars: string) => cur.slice(ws, i) + chars + cur.slice(i + n, we);
      const shown = ranked.filter((r) => r.score >= best.score - q.suggestMargin).slice(0, q.maxSuggestions);
      found.push({
        start: i,
        end: i + n,
        message: `疑似错字：“${text.slice(ws, we)}”应为“${fixWord(best.chars)}”`,
        chars: shown.map((r) => r.chars),
        descs: shown.map((r) => `改为“${fixWord(r.chars)}”`),
        word: token?.word ?? text.slice(i, i + n),
      });
      scorer.accept(i, best.chars);
      surest = Math.max(surest, best.score - inWord(i, n));
      done.fill(1, i, i + n);
      i += n - 1;
    }
  };
  pass(p);
  // Slips come in clusters (a hasty passage, one writer's input habits): once a sentence has one, the rest of
  // it is read again with less evidence demanded.
  if (found.length && p.clusterMargin > 0 && surest >= p.threshold + CLUSTER_TRIGGER) {
    const before = found.length;
    pass({ ...p, threshold: p.threshold - p.clusterMargin, realWordMargin: Math.max(0, p.realWordMargin - p.clusterMargin) });
    if (found.length > before) found.sort((x, y) => x.start - y.start);
  }
  return found;
}

/**
 * The tokens of the sentence para.text[s, e) taken from the paragraph's (relative to the sentence): the
 * segmenter cuts at punctuation, where sentences end, so they are those of the sentence segmented alone. A
 * token across an end (never seen) falls back to segmenting the sentence.
 */
function sentenceTokens(ctx: RuleContext, text: string, tokens: Token[] | undefined, s: number, e: number, from: { k: number }): Token[] {
  if (!tokens) return ctx.segment(text.slice(s, e));
  let k = from.k;
  while (k < tokens.length && tokens[k].end <= s) k++;
  const out: Token[] = [];
  let j = k;
  for (; j < tokens.length && tokens[j].start < e; j++) {
    const t = tokens[j];
    if (t.start < s || t.end > e) return ctx.segment(text.slice(s, e));
    out.push({ word: t.word, tag: t.tag, start: t.start - s, end: t.end - s });
  }
  from.k = j;
  return out;
}

/** Runs the model pass over one paragraph (segmented as `tokens`), sentence by sentence; findings overlapping `listed` are dropped. */
export function modelPass(ctx: RuleContext, para: Paragraph, listed: Finding[], out: Finding[], tokens?: Token[]): void {
  let lm: LanguageModel;
  try {
    lm = getLanguageModel();
  } catch {
    return; // No model (a broken install): the list pass still runs.
  }
  const { p, cache } = settingsOf(ctx);
  const at = { k: 0 };
  for (const [s, e] of sentenceSpans(para.text)) {
    const sentence = para.text.slice(s, e);
    if (!HAN.test(sentence)) continue;
    let found = cache.get(sentence);
    if (!found) {
      found = checkSentence(lm, sentence, () => sentenceTokens(ctx, para.text, tokens, s, e, at), ctx.dictionary, p);
      cache.set(sentence, found);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value as string);
    }
    for (const f of found) {
      const range: [number, number] = [para.start + s + f.start, para.start + s + f.end];
      if (listed.some((l) => l.range[0] < range[1] && l.range[1] > range[0])) continue;
      out.push({
        message: f.message,
        range,
        suggestions: f.chars.map((text, k) => ({ desc: f.descs[k], fix: { range, text } })),
        word: f.word,
      });
    }
  }
}

/** Whether `part` occurs at least twice in `text`. */
function repeatsIn(text: string, part: string): boolean {
  const first = text.indexOf(part);
  return first >= 0 && text.indexOf(part, first + 1) >= 0;
}

/**
 * The text shown in the message around the corrected characters [s, e): the words they belong to, or, when
 * they are words of their own, the short neighbouring words (村卷道, 政府心细公开).
 */
function displaySpan(tokens: Token[], s: number, e: number): [number, number] {
  const k0 = tokens.findIndex((t) => t.start <= s && t.end > s);
  const k1 = tokens.findIndex((t) => t.start < e && t.end >= e);
  if (k0 < 0 || k1 < 0) return [s, e];
  const short = (t: Token | undefined) => !!t && t.end - t.start <= 2 && /^[\u4E00-\u9FFF]+$/.test(t.word);
  const ws = tokens[k0].start < s ? tokens[k0].start : short(tokens[k0 - 1]) ? tokens[k0 - 1].start : s;
  const we = tokens[k1].end > e ? tokens[k1].end : short(tokens[k1 + 1]) ? tokens[k1 + 1].end : e;
  return [ws, we];
}

/** A second reading (clusterMargin) follows a finding that beat the threshold by at least this. */
const CLUSTER_TRIGGER = 2;
/** A two-character correction must beat the text by this much more than a single one. */
const PAIR_MARGIN = 1;
