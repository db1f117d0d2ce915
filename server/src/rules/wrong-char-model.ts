import { confusables, isKnownChar, type Confusable, type ConfusionKind } from '../core/confusion';
import { getLanguageModel, normalize, type LanguageModel } from '../core/lm';
import type { Finding, Paragraph, RuleContext, Token } from '../core/types';

/**
 * The model pass of `wrong-char`: a noisy channel over single characters.
 *
 * For each Chinese character c that is not part of a protected span (names, quotations, the user's words), every
 * character c' of its confusion set (server/src/core/confusion.ts) is tried in its place. The score of c' is
 *   Δchar (log10 P of the n-grams touching the position, c' against c, under the character model)
 * + WORD_WEIGHT × Δword (the same for the unigram word model over a ±3 window: 卷道 is no word, 巷道 is)
 * + log10 P(c written for c') (the error model: same sound ≫ same syllable ≫ similar sound ≈ similar shape).
 * A position is flagged when the best c' beats the text as written by THRESHOLD (log10): P(corrected) × P(error)
 * must clearly beat P(as written). Candidates within SUGGEST_MARGIN of the best are offered, best first; the rule
 * never applies them automatically (one character out of context is never certain).
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
  suggestMargin: number;
  maxSuggestions: number;
}

export const DEFAULT_PARAMS: ModelParams = {
  threshold: 3,
  wordWeight: 0.5,
  maxRank: 4000,
  gate: -2.5,
  suggestMargin: 1,
  maxSuggestions: 3,
};

/** Tags of proper names: never corrected (an unknown name is not a typo). */
const NAME_TAGS = /^(?:nr|nrfg|nrt|ns|nt|nz|eng)$/;
/** Name suffixes: the token before them is (part of) a name: 古竹村, 翠苑路, 华阳有限公司. */
const NAME_SUFFIX = /^(?:村|路|街|巷|镇|乡|县|市|区|州|省|河|江|湖|山|桥|社区|小区|公司|有限公司|集团|厂|店|中学|小学|大学|学院|医院|银行|花园|广场|大道|大街|酒店|宾馆|园区|新城)$/;

/** Marks the characters that the model pass must leave alone. */
export function protectedSpans(text: string, tokens: Token[], dictionary: ReadonlySet<string>): Uint8Array {
  const mask = new Uint8Array(text.length);
  const set = (s: number, e: number) => mask.fill(1, Math.max(0, s), Math.min(text.length, e));
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (NAME_TAGS.test(t.tag) || dictionary.has(t.word)) set(t.start, t.end);
    const next = tokens[k + 1];
    if (next && NAME_SUFFIX.test(next.word)) {
      // The name before the suffix: back over the tokens that are not ordinary function words.
      let j = k;
      while (j >= 0 && k - j < 3 && !/^(?:p|c|u|uj|ul|v|x|m|r|d)$/.test(tokens[j].tag)) j--;
      set(tokens[Math.min(j + 1, k)].start, next.end);
    }
  }
  // Quotations and titles: “…”, 《…》, 「…」.
  const re = /“[^”\n]{1,30}”|《[^》\n]{1,40}》|「[^」\n]{1,30}」|‘[^’\n]{1,30}’/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) set(m.index, m.index + m[0].length);
  // Words of the user's dictionary wherever they occur (the segmenter may cut them differently in context).
  for (const w of dictionary) {
    if (!w) continue;
    for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) set(i, i + w.length);
  }
  return mask;
}

interface Candidate {
  char: string;
  score: number;
}

const HAN = /[\u4E00-\u9FFF]/;

/**
 * Scores corrections in one paragraph. The character model's log-probabilities of the text as written are
 * computed once; a position is examined only when its own character is unexpected (log10 P(c | left) < gate,
 * which keeps about 93% of real errors and a third of all positions), candidates are scored first by the
 * character model alone and only the best few also by the word model.
 */
export class ParagraphScorer {
  private readonly norm: string;
  private readonly lp: Float64Array;
  private readonly order: number;
  private readonly memo = new Map<string, Confusable[]>();

  constructor(
    private readonly lm: LanguageModel,
    private readonly text: string,
    private readonly p: ModelParams,
  ) {
    this.norm = normalize(text);
    this.order = lm.ngram.order;
    this.lp = new Float64Array(text.length);
    for (let j = 0; j < text.length; j++) this.lp[j] = lm.ngram.charLogProb(this.norm, j);
  }

  private confusables(c: string): Confusable[] {
    let l = this.memo.get(c);
    if (!l) this.memo.set(c, (l = confusables(c, this.p.maxRank)));
    return l;
  }

  /** Best corrections for position i, best first, with their scores (log10, against the text as written). */
  rank(i: number): Candidate[] {
    const { lm, text, norm, lp, p } = this;
    if (lp[i] > p.gate) return [];
    const L = Math.max(0, i - (this.order - 1));
    const R = Math.min(text.length, i + this.order);
    let base = 0;
    for (let j = i; j < R; j++) base += lp[j];
    const left = norm.slice(L, i);
    const right = norm.slice(i + 1, R);
    const k = i - L;
    const scored: Candidate[] = [];
    for (const cand of this.confusables(text[i])) {
      const w = left + cand.char + right;
      scored.push({ char: cand.char, score: lm.ngram.logProb(w, k, w.length) - base + CHANNEL[cand.kind] });
    }
    scored.sort((a, b) => b.score - a.score);
    const top = scored.slice(0, TOP_FOR_WORDS);
    if (!top.length || top[0].score < p.threshold - WORD_REACH) return [];
    if (p.wordWeight) {
      const wl = Math.max(0, i - 3);
      const wr = Math.min(text.length, i + 4);
      const wordBase = lm.segLogProb(text.slice(wl, wr));
      for (const c of top) c.score += p.wordWeight * (lm.segLogProb(text.slice(wl, i) + c.char + text.slice(i + 1, wr)) - wordBase);
      top.sort((a, b) => b.score - a.score);
    }
    return top;
  }
}

/** Candidates re-scored by the word model, and how far below the threshold the character model may leave them. */
const TOP_FOR_WORDS = 6;
const WORD_REACH = 3;

function params(ctx: RuleContext): ModelParams {
  const o = ctx.options as Partial<Record<keyof ModelParams, unknown>>;
  const p = { ...DEFAULT_PARAMS };
  for (const key of Object.keys(p) as Array<keyof ModelParams>) {
    const v = o[key];
    if (typeof v === 'number' && Number.isFinite(v)) p[key] = v;
  }
  return p;
}

export function modelPass(ctx: RuleContext, para: Paragraph, tokens: Token[], listed: Finding[], out: Finding[]): void {
  let lm: LanguageModel;
  try {
    lm = getLanguageModel();
  } catch {
    return; // No model (a broken install): the list pass still runs.
  }
  const p = params(ctx);
  const text = para.text;
  const mask = protectedSpans(text, tokens, ctx.dictionary);
  for (const f of listed) mask.fill(1, f.range[0] - para.start, f.range[1] - para.start);
  const scorer = new ParagraphScorer(lm, text, p);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (mask[i] || !HAN.test(c) || !isKnownChar(c)) continue;
    const ranked = scorer.rank(i);
    if (!ranked.length || ranked[0].score < p.threshold) continue;
    const best = ranked[0];
    const token = tokens.find((t) => t.start <= i && t.end > i);
    const ws = token && token.end - token.start > 1 ? token.start : Math.max(0, i - 1);
    const we = token && token.end - token.start > 1 ? token.end : Math.min(text.length, i + 2);
    const wrong = text.slice(ws, we);
    const fixWord = (ch: string) => text.slice(ws, i) + ch + text.slice(i + 1, we);
    const shown = ranked.filter((r) => r.score >= best.score - p.suggestMargin).slice(0, p.maxSuggestions);
    out.push({
      message: `疑似错字：“${wrong}”应为“${fixWord(best.char)}”`,
      range: [para.start + i, para.start + i + 1],
      suggestions: shown.map((r) => ({ desc: `改为“${fixWord(r.char)}”`, fix: { range: [para.start + i, para.start + i + 1], text: r.char } })),
      word: token?.word ?? c,
    });
    i += 1; // the next character's context contains this error
  }
}
