import { BOUNDARY } from './normalize';
import type { CharNgram } from './ngram';

const BOUNDARY_CODE = BOUNDARY.charCodeAt(0);
/** Longest window: order-1 characters of context, at most two replaced characters, order-1 characters after. */
const MAX = 16;
const UNKNOWN = -2;

/**
 * The character model's log-probabilities of a short window of text in which a few characters are replaced
 * by one candidate after another (the wrong-char model pass tries dozens of candidates per position;
 * missing-char puts one character into a gap, its window holding a slot for it).
 *
 * The result equals CharNgram.charLogProb on the window as a string, computed with far fewer table probes:
 *  - n-grams and contexts that do not touch the replaced characters are looked up once per window, not once
 *    per candidate;
 *  - the back-off chain is walked from the shortest n-gram up and stops at the first one the model lacks: the
 *    model keeps every suffix and prefix of a stored n-gram (counts only shrink when a gram is extended, and
 *    the count cut-offs do not rise with the order: scripts/lib/kn.ts), so no longer one can be stored.
 *    Most candidates are settled by one or two probes (their bigram with a neighbour is unknown).
 * The only possible difference from the longest-first walk is a 16-bit fingerprint collision on a gram that
 * the model does not hold, which that walk may take for a stored one (about 1 probe in 10^4; noise either way).
 */
export class WindowScorer {
  /** The window's codes; [k, k + n) is the replaced span. */
  private readonly w = new Uint16Array(MAX);
  private len = 0;
  private k = 0;
  private n = 0;
  /** Leftmost start of each position's n-grams (the context stops after a BOUNDARY; the candidate never is one). */
  private readonly from = new Int32Array(MAX);
  /**
   * Slots of the windows [s, e) (index s * MAX + e), valid while their stamp is current: the ones off the
   * replaced span for the whole window, those touching it for one candidate.
   */
  private readonly slots = new Int32Array(MAX * MAX);
  private readonly stamps = new Uint32Array(MAX * MAX);
  private windowStamp = 0;
  private candidateStamp = 0;
  private stamp = 0;

  constructor(private readonly ng: CharNgram) {}

  uses(ng: CharNgram): boolean {
    return ng === this.ng;
  }

  /**
   * Loads the codes norm[L, R) with L = i - order + 1 and R = i + n + order - 1 (clipped to the text), the replaced span
   * being norm[i, i + n). Returns the index of i in the window.
   */
  load(norm: ArrayLike<number>, i: number, n: number): number {
    const order = this.ng.order;
    const L = Math.max(0, i - (order - 1));
    const R = Math.min(norm.length, i + n + order - 1);
    this.len = R - L;
    this.k = i - L;
    this.n = n;
    for (let j = L; j < R; j++) this.w[j - L] = norm[j];
    for (let j = 0; j < this.len; j++) {
      let f = j;
      while (f > 0 && j - f < order - 1 && this.w[f] !== BOUNDARY_CODE) f--;
      this.from[j] = f;
    }
    if (this.stamp > 0x7fffffff) {
      this.stamps.fill(0);
      this.stamp = 0;
    }
    this.windowStamp = ++this.stamp;
    return this.k;
  }

  get length(): number {
    return this.len;
  }

  /** Puts `chars` (n characters, none a BOUNDARY) in the replaced span. */
  candidate(chars: string): void {
    for (let j = 0; j < this.n; j++) this.w[this.k + j] = chars.charCodeAt(j);
    this.candidateStamp = ++this.stamp;
  }

  /** Slots of the unigrams, kept across windows (the same few thousand characters come back all the time). */
  private readonly unigrams = new Int32Array(65536).fill(UNKNOWN);

  private known(x: number): number {
    return this.stamps[x] === this.windowStamp || this.stamps[x] === this.candidateStamp ? this.slots[x] : UNKNOWN;
  }

  private slot(s: number, e: number): number {
    const x = s * MAX + e;
    let v = this.known(x);
    if (v === UNKNOWN) {
      const touches = s < this.k + this.n && e > this.k;
      // A gram containing one the model lacks is lacking too — except the bare sentence start: the model keeps
      // BOUNDARY only as the start of longer grams (BOUNDARY 该 is stored, BOUNDARY alone is not).
      if (touches && e - s >= 2 && (this.known(x + MAX) === -1 || (this.known(x - 1) === -1 && !(e - s === 2 && this.w[s] === BOUNDARY_CODE)))) v = -1;
      else if (e - s === 1) {
        v = this.unigrams[this.w[s]];
        if (v === UNKNOWN) v = this.unigrams[this.w[s]] = this.ng.slotOfCodes(this.w, s, e);
      }
      else v = this.ng.slotOfCodes(this.w, s, e);
      this.slots[x] = v;
      this.stamps[x] = touches ? this.candidateStamp : this.windowStamp;
    }
    return v;
  }

  /** log10 P(w[j] | its left context in the window), as CharNgram.charLogProb. */
  charLogProb(j: number): number {
    if (this.w[j] === BOUNDARY_CODE) return 0;
    const ng = this.ng;
    const from = this.from[j];
    // The longest stored n-gram ending at j: grow it from the unigram while the model has it.
    let sF = j + 1;
    let p = 0;
    for (let s = j; s >= from; s--) {
      const q = ng.probOf(this.slot(s, j + 1));
      if (q !== q) break;
      sF = s;
      p = q;
    }
    // Back-off weights of the longer contexts, added longest first (as charLogProb does).
    const top = Math.min(sF - 1, j - 1);
    let t = top + 1;
    while (t - 1 >= from && this.slot(t - 1, j) >= 0) t--;
    let acc = 0;
    for (let s = t; s <= top; s++) acc += ng.bowOf(this.slot(s, j));
    return acc + (sF <= j ? p : ng.oovLogProb);
  }

  /**
   * Sum of charLogProb over the window from position j to its end. With `floor`, stops as soon as the sum falls
   * below it (every term is ≤ 0, so the full sum would too): the result is then some value below `floor`.
   * `sum`: the terms before j when the caller has them already (added first, so the sum is the same number).
   */
  sumFrom(j: number, floor = -Infinity, sum = 0): number {
    for (let x = j; x < this.len && sum >= floor; x++) sum += this.charLogProb(x);
    return sum;
  }
}

/**
 * log10 P(codes[j] | its left context in codes): CharNgram.charLogProb by the shortest-first walk of
 * WindowScorer (same result but for fingerprint collisions), for whole sentences.
 */
export function chainLogProb(ng: CharNgram, codes: ArrayLike<number>, j: number): number {
  if (codes[j] === BOUNDARY_CODE) return 0;
  const from = contextStart(ng, codes, j);
  // Ordinary text mostly has its longest n-gram stored: one probe. Else walk up from the unigram.
  const longest = ng.probOf(ng.slotOfCodes(codes, from, j + 1));
  if (longest === longest) return longest;
  return walkUp(ng, codes, j, from);
}

/** Where the n-grams ending at j start: order-1 characters back, stopping after a BOUNDARY. */
function contextStart(ng: CharNgram, codes: ArrayLike<number>, j: number): number {
  let from = j;
  while (from > 0 && j - from < ng.order - 1 && codes[from] !== BOUNDARY_CODE) from--;
  return from;
}

/** chainLogProb at j when the longest n-gram codes[from, j + 1) is not stored. */
function walkUp(ng: CharNgram, codes: ArrayLike<number>, j: number, from: number): number {
  let sF = j + 1;
  let p = 0;
  for (let s = j; s > from; s--) {
    const q = ng.probOf(ng.slotOfCodes(codes, s, j + 1));
    if (q !== q) break;
    sF = s;
    p = q;
  }
  const top = Math.min(sF - 1, j - 1);
  let t = top + 1;
  while (t - 1 >= from && ng.slotOfCodes(codes, t - 1, j) >= 0) t--;
  let acc = 0;
  for (let s = t; s <= top; s++) acc += ng.bowOf(ng.slotOfCodes(codes, s, j));
  return acc + (sF <= j ? p : ng.oovLogProb);
}

/** Buffers of chainLogProbs, grown as needed. */
let batch = { from: new Int32Array(1024), slots: new Int32Array(1024), fps: new Uint16Array(1024), first: new Uint16Array(1024) };

/**
 * chainLogProb of every position of codes[0, n) into out[0, n) (the same numbers): the longest n-grams of all
 * positions are looked up first, in sweeps (CharNgram.slotsOfCodes), and only the positions whose longest
 * n-gram is not stored walk up one by one.
 */
export function chainLogProbs(ng: CharNgram, codes: ArrayLike<number>, n: number, out: Float64Array): void {
  if (batch.from.length < n) {
    const size = Math.max(n, batch.from.length * 2);
    batch = { from: new Int32Array(size), slots: new Int32Array(size), fps: new Uint16Array(size), first: new Uint16Array(size) };
  }
  const { from, slots } = batch;
  for (let j = 0; j < n; j++) from[j] = codes[j] === BOUNDARY_CODE ? -1 : contextStart(ng, codes, j);
  ng.slotsOfCodes(codes, from, n, slots, batch.first, batch.fps);
  ng.probsOf(slots, n, out);
  for (let j = 0; j < n; j++) {
    if (from[j] < 0) out[j] = 0;
    else if (out[j] !== out[j]) out[j] = walkUp(ng, codes, j, from[j]);
  }
}
