import { BOUNDARY } from './normalize';
import { hashCodes, hashSlice } from './hash';
import { alignedView } from './bytes';
import { HEADER_BYTES, MAGIC, dequantize } from './format';

const PROB = Float32Array.from({ length: 256 }, (_, q) => (q === 0 ? NaN : dequantize.prob(q)));
const BOUNDARY_CODE = BOUNDARY.charCodeAt(0);
const BOW = Float32Array.from({ length: 256 }, (_, q) => dequantize.bow(q));

/**
 * A character n-gram model (interpolated Kneser-Ney, stored in back-off form) read from one buffer:
 * lookups hash the n-gram and probe an open-addressing table of 16-bit fingerprints. All probabilities are log10.
 * Texts passed in must be normalised (see normalize.ts); BOUNDARY marks a sentence start / unknown symbol.
 */
export class CharNgram {
  readonly order: number;
  readonly entries: number;
  private readonly slots: number;
  private readonly oov: number;
  private readonly fp: Uint16Array;
  private readonly prob: Uint8Array;
  private readonly bow: Uint8Array;
  private readonly h = new Uint32Array(2);

  constructor(buf: Buffer) {
    if (buf.length < HEADER_BYTES || buf.toString('latin1', 0, 4) !== MAGIC) throw new Error('not a report-lint character model');
    this.order = buf.readUInt32LE(8);
    this.slots = buf.readUInt32LE(12);
    this.entries = buf.readUInt32LE(16);
    this.oov = buf.readFloatLE(20);
    const need = HEADER_BYTES + this.slots * 4;
    if (buf.length !== need) throw new Error(`character model truncated (${buf.length} of ${need} bytes)`);
    const { body, start } = alignedView(buf, HEADER_BYTES, this.slots * 4, 2);
    this.fp = new Uint16Array(body, start, this.slots);
    this.prob = new Uint8Array(body, start + this.slots * 2, this.slots);
    this.bow = new Uint8Array(body, start + this.slots * 3, this.slots);
  }

  /** Slot of the n-gram s[start, end), or -1. */
  private find(s: string, start: number, end: number): number {
    hashSlice(s, start, end, this.h);
    return this.probe();
  }

  /** Slot of the n-gram whose two hashes are in `this.h`, or -1. */
  private probe(): number {
    const f = this.h[1] & 0xffff || 1;
    let i = this.h[0] % this.slots;
    for (;;) {
      const v = this.fp[i];
      if (v === 0) return -1;
      if (v === f) return i;
      i = i + 1 === this.slots ? 0 : i + 1;
    }
  }


  /**
   * Slot of the n-gram w[start, end) given as UTF-16 codes (the same hash as a string slice), or -1. With
   * `probOf` and `bowOf`, the parts of `charLogProb` for callers that score many variants of one window
   * without building strings (the wrong-char scorer).
   */
  slotOfCodes(w: ArrayLike<number>, start: number, end: number): number {
    hashCodes(w, start, end, this.h);
    return this.probe();
  }

  /**
   * slotOfCodes(w, from[j], j + 1) for every j < n with from[j] ≥ 0 (out[j] = -1 for the others), in sweeps over
   * all positions rather than one probe after the other: the table (16 MB) is read at random, and independent
   * reads issued back to back overlap in the processor instead of waiting for memory one by one.
   * `scratch` holds n numbers at least (any values; overwritten).
   */
  slotsOfCodes(w: ArrayLike<number>, from: Int32Array, n: number, out: Int32Array, scratch: Uint16Array, fps: Uint16Array): void {
    const { fp, slots, h } = this;
    for (let j = 0; j < n; j++) {
      if (from[j] < 0) {
        out[j] = -1;
        continue;
      }
      hashCodes(w, from[j], j + 1, h);
      out[j] = h[0] % slots;
      fps[j] = h[1] & 0xffff || 1;
    }
    // the first slot of each probe, read in one sweep
    for (let j = 0; j < n; j++) {
      const i = out[j];
      scratch[j] = i >= 0 ? fp[i] : 0;
    }
    for (let j = 0; j < n; j++) {
      let i = out[j];
      if (i < 0) continue;
      const f = fps[j];
      let v = scratch[j];
      for (;;) {
        if (v === 0) {
          i = -1;
          break;
        }
        if (v === f) break;
        i = i + 1 === slots ? 0 : i + 1;
        v = fp[i];
      }
      out[j] = i;
    }
  }

  /** probOf(slots[j]) for j < n into out, the table read in one sweep (see slotsOfCodes). */
  probsOf(slots: Int32Array, n: number, out: Float64Array): void {
    const { prob } = this;
    for (let j = 0; j < n; j++) {
      const s = slots[j];
      out[j] = s >= 0 ? prob[s] : 0;
    }
    for (let j = 0; j < n; j++) out[j] = out[j] !== 0 ? PROB[out[j]] : NaN;
  }

  /** log10 P stored at a slot of `slotOfCodes`, NaN when the slot (or -1) holds no probability. */
  probOf(slot: number): number {
    return slot >= 0 && this.prob[slot] !== 0 ? PROB[this.prob[slot]] : NaN;
  }

  /** log10 back-off weight stored at a slot of `slotOfCodes` (0 for -1, as `charLogProb` adds nothing then). */
  bowOf(slot: number): number {
    return slot >= 0 ? BOW[this.bow[slot]] : 0;
  }

  /** log10 probability of an n-gram the model has not seen at any order. */
  get oovLogProb(): number {
    return this.oov;
  }

  /** `charLogProb` over UTF-16 codes w[0, len) (normalised; BOUNDARY is code 2). Same result. */
  charLogProbCodes(w: ArrayLike<number>, i: number, len: number): number {
    if (i >= len || w[i] === BOUNDARY_CODE) return 0;
    let from = i;
    while (from > 0 && i - from < this.order - 1 && w[from] !== BOUNDARY_CODE) from--;
    let acc = 0;
    for (let start = from; start <= i; start++) {
      const slot = this.slotOfCodes(w, start, i + 1);
      if (slot >= 0 && this.prob[slot] !== 0) return acc + PROB[this.prob[slot]];
      if (start < i) {
        const ctx = this.slotOfCodes(w, start, i);
        if (ctx >= 0) acc += BOW[this.bow[ctx]];
      }
    }
    return acc + this.oov;
  }

  /** log10 P(s[i] | up to order-1 preceding characters of s), the context stopping after a BOUNDARY. */
  charLogProb(s: string, i: number): number {
    const ch = s[i];
    if (ch === BOUNDARY || ch === undefined) return 0;
    let from = i;
    while (from > 0 && i - from < this.order - 1 && s[from] !== BOUNDARY) from--;
    let acc = 0;
    for (let start = from; start <= i; start++) {
      const slot = this.find(s, start, i + 1);
      if (slot >= 0 && this.prob[slot] !== 0) return acc + PROB[this.prob[slot]];
      if (start < i) {
        const ctx = this.find(s, start, i);
        if (ctx >= 0) acc += BOW[this.bow[ctx]];
      }
    }
    return acc + this.oov;
  }

  /** Sum of log10 P over the characters s[start, end), each given its left context in s. */
  logProb(s: string, start: number, end: number): number {
    let sum = 0;
    for (let i = Math.max(0, start); i < end && i < s.length; i++) sum += this.charLogProb(s, i);
    return sum;
  }

  /** log10 P of a whole (normalised) string read as starting a sentence. */
  scoreWindow(s: string): number {
    const t = s[0] === BOUNDARY ? s : BOUNDARY + s;
    return this.logProb(t, 1, t.length);
  }
}
