import { soundAlikeCodes } from '../core/confusion';
import { getLanguageModel, normCodeOf, normalizeCodes, type LanguageModel } from '../core/lm';
import { compiledLexicon } from '../core/lm/compiled';
import type { Finding, Paragraph, RuleContext, Token } from '../core/types';
import { protectedSpans } from './wrong-char-model';

/**
 * The non-word pass of `wrong-char`: a character written for a same-sounding one where the text as written is
 * no word at all and the segmenter falls apart into single characters (按排 → 安排, 建立建全 → 建立健全,
 * 合格律 → 合格率, 严历 → 严厉). Such slips are the commonest typos of pinyin input and the model pass,
 * which looks at improbable positions one by one, lets some through.
 *
 * A window of two to four characters made of whole tokens, at least one of them a lone character (or an
 * unknown word the segmenter guessed), is tried with each character of a lone token replaced by a character
 * of the same sound (same syllable, any tone). The window is flagged when
 *  - the window as written is no dictionary word, and the replaced one is a common word (MIN_FREQ);
 *  - the corrected text beats the text as written by MARGIN (log10): the character model over the window and
 *    the characters after it (by MIN_CHAR_GAIN at least), plus WORD_WEIGHT × the word model over the window;
 *  - only one replacement qualifies (or the best beats the next by MARGIN): otherwise it is not certain.
 * A window of exactly four characters (up to four tokens) may be a set phrase cut apart (一拖在拖, 穿流不息): there
 * every character is tried, function characters too, against idioms and fixed expressions of jieba's dictionary
 * (tags i, l; IDIOM_MIN_FREQ), whose word evidence counts in full and whose characters the character model may
 * find a little less likely (it saw such phrases rarely).
 * Names, quotations and the user's words are left alone (protectedSpans of the model pass). Set on csc/dev
 * (npm run eval): detection recall +1.3 points at unchanged precision, 2 more findings in 1.28 M characters of
 * clean reports; new coinages the dictionary lacks (建强, 知史) are what a lower MARGIN would flag.
 */

const MIN_FREQ = 100;
/** Four-character words (mostly set phrases: 一拖再拖 21, 川流不息 53 in jieba's dictionary) are rarer. */
const IDIOM_MIN_FREQ = 20;
/** …and the character model may disagree with their correction this much (it saw 一鼓作气 rarely): log10. */
const IDIOM_MIN_CHAR_GAIN = -1.5;
/** The character model alone must prefer the correction by this much (log10). */
const MIN_CHAR_GAIN = 1.5;
/** Characters whose confusions are the business of other passes (的/地/得) or too common to judge. */
const FUNCTION_CHARS = '的地得了着过是在和与及或也都就又还而';
const RARE = 20;
/** Weight of the word model (the window as one word against its pieces) beside the character model. */
const WORD_WEIGHT = 0.5;
const MARGIN = 4.5;
/** /^[\u4E00-\u9FFF]+$/ by code (asked of every token of every paragraph). */
function hanOnly(s: string): boolean {
  if (!s.length) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) return false;
  }
  return true;
}

interface Hit {
  start: number;
  end: number;
  word: string;
  fixed: string;
  gain: number;
}

/** jieba's tags of set phrases: idioms (i) and fixed expressions (l). */
const SET_PHRASE_TAGS = new Set(['i', 'l']);
/** Whether `word` is a set phrase of jieba's dictionary (一拖再拖/l, 川流不息/i; not 第十七条/m). */
function setPhrase(word: string): boolean {
  const tag = compiledLexicon()?.tagOf(word);
  return tag !== undefined && SET_PHRASE_TAGS.has(tag);
}

/** A lone character, or a word the dictionary lacks or barely knows (jieba's dictionary keeps typos such as 按排). */
function weak(lm: LanguageModel, t: Token): boolean {
  return hanOnly(t.word) && (t.word.length === 1 || lm.wordFreq(t.word) < RARE);
}

/** One paragraph as best() reads it. */
interface Scope {
  lm: LanguageModel;
  text: string;
  tokens: Token[];
  /** weak() of each token. */
  weak: Uint8Array;
  mask: Uint8Array;
  /** The text normalised for the character model, as codes (made when first needed). */
  codes?: Uint16Array;
}

/**
 * log10 P of the characters [from, to) under the character model, each given its left context in the paragraph
 * (LanguageModel.logProb on codes), with the character at `at` replaced by `code` when one is given.
 */
function charLogProbs(p: Scope, from: number, to: number, at = -1, code = 0): number {
  const codes = (p.codes ??= normalizeCodes(p.text));
  const kept = codes[at];
  if (at >= 0) codes[at] = normCodeOf(code);
  let sum = 0;
  for (let x = from; x < to; x++) sum += p.lm.ngram.charLogProbCodes(codes, x, codes.length);
  if (at >= 0) codes[at] = kept;
  return sum;
}

/** The corrections of a window at one position: common words (MIN_FREQ) and, in a four-character window, set phrases. */
interface Alike {
  regular: readonly string[];
  phrases: readonly string[];
}
const NO_WORDS: readonly string[] = Object.freeze([]);
const NOTHING: Alike = Object.freeze({ regular: NO_WORDS, phrases: NO_WORDS });

/**
 * The words that differ from `w` in its character j only, by a character of the same sound, in the deletion index's
 * order: the common ones (MIN_FREQ) and, when `w` has four characters, the set phrases among those from
 * IDIOM_MIN_FREQ (setPhrase). Remembered by window and position: reports bring the same windows back again and
 * again, and reading them from the index means scanning the entries of the window without that character (once for
 * both lists).
 */
function soundAlikeWordsOf(lm: LanguageModel, w: string, j: number): Alike {
  if (memoLexicon !== lm.lexicon || memoRevision !== lm.lexicon.revision || alikeMemo.size >= 100_000) {
    alikeMemo.clear();
    memoLexicon = lm.lexicon;
    memoRevision = lm.lexicon.revision;
  }
  // by window, then position (the window's string is hashed once for all its positions)
  let byPos = alikeMemo.get(w);
  if (!byPos) alikeMemo.set(w, (byPos = []));
  const known = byPos[j];
  if (known) return known;
  const regular: string[] = [];
  const phrases: string[] = [];
  const alike = soundAlikeCodes(w.charCodeAt(j));
  if (alike.size) {
    // (read from the index's entries `${word}${pos}|…` as they stand: most are not kept)
    const entries = lm.lexicon.deletionEntries(w.slice(0, j) + w.slice(j + 1)) ?? '';
    for (let at = 0, bar = 0; at < entries.length; at = bar + 1) {
      bar = entries.indexOf('|', at);
      if (bar < 0) bar = entries.length;
      if (bar - 1 - at !== w.length || entries.charCodeAt(bar - 1) - 48 !== j || !alike.has(entries.charCodeAt(at + j))) continue;
      const fixed = entries.slice(at, bar - 1);
      const freq = lm.wordFreq(fixed);
      if (freq >= MIN_FREQ) regular.push(fixed);
      if (w.length === 4 && freq >= IDIOM_MIN_FREQ && setPhrase(fixed)) phrases.push(fixed);
    }
  }
  return (byPos[j] = regular.length || phrases.length ? { regular, phrases } : NOTHING);
}
const alikeMemo = new Map<string, Alike[]>();
let memoLexicon: LanguageModel['lexicon'] | undefined;
let memoRevision = -1;

function best(p: Scope, a: number, b: number): Hit | undefined {
  const { lm, text, tokens, mask } = p;
  const s = tokens[a].start;
  const e = tokens[b].end;
  const w = text.slice(s, e);
  if (lm.wordFreq(w) >= RARE) return undefined;
  for (let k = a; k <= b; k++) if (p.weak[k]) for (let i = tokens[k].start; i < tokens[k].end; i++) if (mask[i]) return undefined;
  const end = Math.min(text.length, e + 2);
  let asWritten: number | undefined;
  const hits: Hit[] = [];
  // a window of four characters may be a fixed expression cut apart by a slip (一拖在拖, 一股作气, 穿流不息): every
  // character of it is tried, function characters too, against four-character words from IDIOM_MIN_FREQ
  const idiom = e - s === 4;
  const score = (i: number, j: number, fixed: string, setPhrase: boolean) => {
    asWritten ??= charLogProbs(p, s, end);
    const charGain = charLogProbs(p, s, end, i, fixed.charCodeAt(j)) - asWritten;
    // a set phrase is known as a word more than as characters (the character model saw 一鼓作气 rarely): its word
    // evidence counts in full, and the characters may disagree a little
    if (charGain < (setPhrase ? IDIOM_MIN_CHAR_GAIN : MIN_CHAR_GAIN)) return;
    const gain = charGain + (setPhrase ? 1 : WORD_WEIGHT) * (lm.segLogProb(fixed) - lm.segLogProb(w));
    hits.push({ start: i, end: i + 1, word: w, fixed, gain });
  };
  for (let k = a; k <= b; k++) {
    if (!p.weak[k] && !idiom) continue;
    for (let i = tokens[k].start; i < tokens[k].end; i++) {
      const j = i - s;
      // The words that differ from the window in this character only: from the deletion index (the window
      // without it), kept when the character they have there sounds like the one written.
      const { regular, phrases } = soundAlikeWordsOf(lm, w, j);
      if (p.weak[k] && !FUNCTION_CHARS.includes(text[i])) for (const fixed of regular) if (!phrases.includes(fixed)) score(i, j, fixed, false);
      for (const fixed of phrases) score(i, j, fixed, true);
    }
  }
  if (!hits.length) return undefined;
  hits.sort((x, y) => y.gain - x.gain);
  if (hits[0].gain < MARGIN) return undefined;
  if (hits.length > 1 && hits[0].gain - hits[1].gain < MARGIN && hits[1].fixed !== hits[0].fixed) return undefined;
  return hits[0];
}

/** Runs the pass over one paragraph; findings overlapping `listed` are dropped. */
export function nonWordPass(ctx: RuleContext, para: Paragraph, tokens: Token[], listed: Finding[], out: Finding[]): void {
  let lm: LanguageModel;
  try {
    lm = getLanguageModel();
  } catch {
    return;
  }
  const text = para.text;
  // (1 for a weak token; a typed array: one shape for the optimised loops whatever the paragraph)
  const weakAt = new Uint8Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) if (weak(lm, tokens[k])) weakAt[k] = 1;
  let scope: Scope | undefined;
  for (let a = 0; a < tokens.length; a++) {
    if (!weakAt[a] && (a + 1 >= tokens.length || !weakAt[a + 1])) continue;
    for (let b = a; b < tokens.length && b <= a + 3; b++) {
      const len = tokens[b].end - tokens[a].start;
      if (len > 4) break;
      if (!hanOnly(tokens[b].word)) break;
      let anyWeak = false;
      for (let k = a; k <= b; k++) if (weakAt[k]) anyWeak = true;
      // (windows of three or four tokens only as four-character expressions)
      if (!anyWeak || len < 2 || (b > a + 1 && len !== 4)) continue;
      scope ??= {
        lm,
        text,
        tokens,
        weak: weakAt,
        // (a lone character tagged as a name, 律/nr, is no name)
        mask: protectedSpans(text, tokens.map((t) => (t.word.length === 1 && /^n[rst]/.test(t.tag) ? { word: t.word, tag: 'n', start: t.start, end: t.end } : t)), ctx.dictionary),
        // (present from the start: a property added later would change the object's shape under best())
        codes: undefined,
      };
      const hit = best(scope, a, b);
      if (!hit) continue;
      const range: [number, number] = [para.start + hit.start, para.start + hit.end];
      if (listed.some((l) => l.range[0] < range[1] && l.range[1] > range[0]) || out.some((l) => l.range[0] < range[1] && l.range[1] > range[0])) continue;
      out.push({
        message: `疑似错字：“${hit.word}”应为“${hit.fixed}”`,
        range,
        suggestions: [{ desc: `改为“${hit.fixed}”`, fix: { range, text: hit.fixed[hit.start - (tokens[a].start)] } }],
        word: hit.word,
      });
      a = b;
      break;
    }
  }
}
