import * as fs from 'node:fs';
import type { LexiconContent, LexiconTable } from './lexicon-table';

const HAN_WORD = /^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/;

export interface DeletionCandidate {
  /** The full word. */
  word: string;
  /** Index in the word of the character that the text lacks. */
  pos: number;
}

/**
 * The word lexicon: jieba's dictionary, our report vocabulary (server/data/report-vocab.dict) and user words,
 * with frequencies (jieba's scale). Answers word frequencies, a unigram word model (best segmentation of a short
 * string) and the deletion index "word minus one character → word" used to propose dropped characters.
 */
export class Lexicon {
  /** Words added in this process (all of them when there is no compiled `base`). */
  private readonly freq = new Map<string, number>();
  private readonly tags: Map<string, string>;
  private total = 0;
  private maxLen = 1;
  private logTotal = 0;
  /** The deletion index of the words in `freq`; built on first use (at once over a compiled base). */
  private deletions: Map<string, string> | undefined;
  /** The compiled lexicon (lexicon-table.ts), when it matches the dictionaries: words in `freq` come on top. */
  private readonly base: LexiconTable | undefined;
  private readonly parsed = new Map<string, DeletionCandidate[]>();
  private readonly shares = new Map<string, number>();
  /** Minimum frequency for a word to serve as a dropped-character candidate. */
  static readonly CANDIDATE_MIN_FREQ = 10;

  constructor(base?: LexiconTable) {
    this.base = base;
    this.tags = new Map(base?.tags);
    if (base) {
      this.total = base.total;
      this.maxLen = base.maxLen;
      this.logTotal = Math.log10(this.total || 1);
      this.deletions = new Map();
    }
  }

  /** Frequency of s[start, end) (0 when unknown), without slicing when the compiled base answers. */
  private freqAt(s: string, start: number, end: number): number {
    if (this.freq.size) {
      const f = this.freq.get(s.slice(start, end));
      if (f !== undefined) return f;
    }
    return this.base ? this.base.freqOf(s, start, end) : 0;
  }

  /** Adds dictionary text in jieba format (`word freq [tag]` a line). Later entries raise, never lower, a frequency. */
  addDict(text: string | Buffer): void {
    const s = typeof text === 'string' ? text : text.toString('utf8');
    let i = 0;
    while (i < s.length) {
      let j = s.indexOf('\n', i);
      if (j < 0) j = s.length;
      const line = s.slice(i, j).trim();
      i = j + 1;
      if (!line || line.charCodeAt(0) === 35 /* # */) continue;
      const sp1 = line.indexOf(' ');
      if (sp1 < 0) {
        this.addWord(line, 1);
        continue;
      }
      const sp2 = line.indexOf(' ', sp1 + 1);
      const f = Number(line.slice(sp1 + 1, sp2 < 0 ? line.length : sp2));
      this.addWord(line.slice(0, sp1), Number.isFinite(f) && f > 0 ? f : 1, sp2 < 0 ? undefined : line.slice(sp2 + 1).trim());
    }
    this.logTotal = Math.log10(this.total || 1);
  }

  /** Changes whenever a word is added or raised (memos of answers compare it). */
  get revision(): number {
    return this.revisions;
  }
  private revisions = 0;

  /** Adds or raises one word (a frequency never goes down). */
  addWord(word: string, f: number, tag?: string): void {
    const old = this.freqAt(word, 0, word.length);
    if (f > old) {
      this.revisions++;
      this.freq.set(word, f);
      this.total += f - old;
      this.logTotal = Math.log10(this.total);
      if (word.length > this.maxLen) this.maxLen = Math.min(word.length, 16);
      if (this.deletions && HAN_WORD.test(word) && word.length >= 2 && word.length <= 4 && f >= Lexicon.CANDIDATE_MIN_FREQ && old < Lexicon.CANDIDATE_MIN_FREQ) {
        this.indexWord(word);
        this.shares.clear();
        this.charShares?.fill(NaN);
      }
    }
    // tags are kept for single characters only (all the rules ask about)
    if (tag && word.length === 1 && !this.tags.has(word)) this.tags.set(word, tag);
  }

  /** Frequency of a word (0 when unknown). */
  wordFreq(word: string): number {
    return this.freqAt(word, 0, word.length);
  }

  isKnownWord(word: string): boolean {
    return this.freqAt(word, 0, word.length) > 0;
  }

  /** jieba's part-of-speech tag of a single-character word, if the dictionary has one. */
  wordTag(word: string): string | undefined {
    return this.tags.get(word);
  }

  /**
   * How often a character stands alone: its frequency as a one-character word over that plus the frequencies of
   * the two-character candidate words that contain it (影 0.04: nearly always part of a word; 把 0.9). 1 for a
   * character in no word.
   */
  standaloneShare(ch: string): number {
    // one character (nearly all the calls: missing-char asks about every lone character): by code, no string hashed
    if (ch.length === 1) {
      // (those of a compiled base come with it, worked out when it was compiled, while no word is added on top)
      const byCode = (this.charShares ??= this.base && !this.freq.size ? this.base.charShares() : new Float64Array(0x10000).fill(NaN));
      let v = byCode[ch.charCodeAt(0)];
      if (v !== v) byCode[ch.charCodeAt(0)] = v = this.share(ch);
      return v;
    }
    let v = this.shares.get(ch);
    if (v === undefined) {
      v = this.share(ch);
      if (this.shares.size >= 20000) this.shares.clear();
      this.shares.set(ch, v);
    }
    return v;
  }
  /** standaloneShare of one-character words, by code (NaN: not worked out yet). */
  private charShares: Float64Array | undefined;

  private share(ch: string): number {
    const alone = this.wordFreq(ch);
    let inside = 0;
    // the words of deletionCandidates(ch), read from the entries in place (`${word}${pos}|…`): a character
    // is in hundreds of words, and most characters are asked about once
    const entries = this.deletionEntries(ch);
    for (let s = 0; entries && s < entries.length; ) {
      const bar = entries.indexOf('|', s);
      const end = bar < 0 ? entries.length : bar;
      inside += this.freqAt(entries, s, end - 1);
      s = end + 1;
    }
    return alone + inside > 0 ? alone / (alone + inside) : 1;
  }

  /** log10 of the word's unigram probability; unknown words get a floor below every known word. */
  wordLogProb(word: string): number {
    const f = this.freqAt(word, 0, word.length);
    return f ? Math.log10(f) - this.logTotal : -this.logTotal - 1 - (word.length - 1) * 2;
  }

  /**
   * Best segmentation of `s` into dictionary words under the unigram word model (jieba's own criterion):
   * log10 probability. Characters that start no known word are single unknown tokens.
   */
  segLogProb(s: string): number {
    const n = s.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    best[0] = 0;
    for (let i = 0; i < n; i++) {
      if (best[i] === -Infinity) continue;
      const lim = Math.min(n, i + this.maxLen);
      for (let j = i + 1; j <= lim; j++) {
        const f = this.freqAt(s, i, j);
        if (!f && j > i + 1) continue;
        const lp = best[i] + (f ? Math.log10(f) - this.logTotal : -this.logTotal - 1);
        if (lp > best[j]) best[j] = lp;
      }
    }
    return best[n];
  }

  private indexWord(word: string): void {
    const d = this.deletions!;
    this.parsed.clear();
    for (let p = 0; p < word.length; p++) {
      const key = word.slice(0, p) + word.slice(p + 1);
      const entry = `${word}${p}`;
      const old = d.get(key);
      d.set(key, old ? `${old}|${entry}` : entry);
    }
  }

  /**
   * Words (2–4 Han characters, frequency ≥ CANDIDATE_MIN_FREQ) that become `key` when one character is dropped,
   * most frequent first (words added later come last).
   */
  deletionCandidates(key: string, limit = Infinity): DeletionCandidate[] {
    const deletions = this.deletionIndex();
    const cacheKey = limit === Infinity ? key : `${key}\u0000${limit}`;
    const hit = this.parsed.get(cacheKey);
    if (hit) return hit;
    const v = this.deletionEntries(key, deletions);
    // the first `limit` entries `${word}${pos}` only (a common character is in hundreds of words)
    const list: DeletionCandidate[] = [];
    for (let s = 0; v && s < v.length && list.length < limit; ) {
      let bar = v.indexOf('|', s);
      if (bar < 0) bar = v.length;
      list.push({ word: v.slice(s, bar - 1), pos: v.charCodeAt(bar - 1) - 48 });
      s = bar + 1;
    }
    if (this.parsed.size >= 50000) this.parsed.clear();
    this.parsed.set(cacheKey, list);
    return list;
  }

  /**
   * Whether some candidate word becomes s[start, end) when one character is dropped: a cheap test before
   * `deletionCandidates` (no string is built when the compiled base answers and no word was added on top).
   */
  hasDeletions(s: string, start: number, end: number): boolean {
    const own = this.deletionIndex();
    if (own.size && own.has(s.slice(start, end))) return true;
    return this.base ? this.base.hasDeletions(s, start, end) : false;
  }

  /**
   * deletionCandidates(key) unparsed: `${word}${pos}` joined by "|" (undefined when none). For callers that
   * look at hundreds of thousands of keys and keep few of their words: no object per word, nothing memoised.
   */
  deletionEntries(key: string, deletions = this.deletionIndex()): string | undefined {
    const own = deletions.get(key);
    const inBase = this.base?.deletions(key);
    return inBase && own ? `${inBase}|${own}` : (inBase ?? own);
  }

  /** The deletion index of the words in `freq`, built on first use (over a compiled base it starts empty). */
  private deletionIndex(): Map<string, string> {
    if (!this.deletions) {
      this.deletions = new Map();
      const words = [...this.freq].filter(([w, f]) => w.length >= 2 && w.length <= 4 && f >= Lexicon.CANDIDATE_MIN_FREQ && HAN_WORD.test(w));
      // most frequent first, so that callers may take the head of a long list
      words.sort((x, y) => y[1] - x[1]);
      for (const [w] of words) this.indexWord(w);
    }
    return this.deletions;
  }

  /** What a compiled lexicon stores (lexicon-table.ts): only for a lexicon built from dictionaries. */
  content(): LexiconContent {
    if (this.base) throw new Error('content() of a lexicon over a compiled base');
    return { freq: this.freq, tags: this.tags, deletions: this.deletionIndex(), total: this.total, maxLen: this.maxLen };
  }

  static fromFiles(files: Array<string | Buffer>): Lexicon {
    const lex = new Lexicon();
    for (const f of files) {
      if (typeof f !== 'string') lex.addDict(f);
      else if (fs.existsSync(f)) lex.addDict(fs.readFileSync(f));
    }
    return lex;
  }
}
