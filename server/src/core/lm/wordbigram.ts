import { alignedView } from './bytes';
import { hashSlice } from './hash';

/**
 * A sparse word bigram model (server/data/word-bigram.bin): counts of jieba words and of adjacent word pairs in
 * the training text, read from one buffer. The file:
 *   header (32 bytes): "RLWB", version, slots, entries, total word count (f64 at 16)
 *   Uint16 fingerprint[slots] (0 = empty) · Uint8 quantised count[slots]
 * Keys are a word (`w`) or a pair (`a` U+0001 `b`), stored by hash only, as in the character model: the first
 * hash picks the slot (open addressing, linear probing), the second is the fingerprint kept in it. Counts are
 * kept as 1 + round(8·log2 count) (about 9 % steps). Pairs seen fewer than BIGRAM_MIN_COUNT times are left out.
 */
export const WB_MAGIC = 'RLWB';
export const WB_VERSION = 1;
export const WB_HEADER_BYTES = 32;
export const WB_LOAD = 0.75;
export const PAIR_SEP = '\u0001';

export function quantizeCount(c: number): number {
  return c <= 0 ? 0 : Math.min(255, 1 + Math.round(8 * Math.log2(c)));
}

const COUNT = Float64Array.from({ length: 256 }, (_, q) => (q === 0 ? 0 : 2 ** ((q - 1) / 8)));
/** Interpolation: a word seen c times trusts its pair counts with weight c / (c + SMOOTH). */
const SMOOTH = 50;

export class WordBigram {
  readonly slots: number;
  readonly entries: number;
  readonly total: number;
  private readonly fp: Uint16Array;
  private readonly q: Uint8Array;
  private readonly h = new Uint32Array(2);

  constructor(buf: Buffer) {
    if (buf.length < WB_HEADER_BYTES || buf.toString('latin1', 0, 4) !== WB_MAGIC) throw new Error('not a report-lint word bigram model');
    this.slots = buf.readUInt32LE(8);
    this.entries = buf.readUInt32LE(12);
    this.total = buf.readDoubleLE(16);
    const need = WB_HEADER_BYTES + this.slots * 3;
    if (buf.length !== need) throw new Error(`word bigram model truncated (${buf.length} of ${need} bytes)`);
    const { body, start } = alignedView(buf, WB_HEADER_BYTES, this.slots * 3, 2);
    this.fp = new Uint16Array(body, start, this.slots);
    this.q = new Uint8Array(body, start + this.slots * 2, this.slots);
  }

  /** Approximate count of a word or of a pair key (0 when absent). */
  count(key: string): number {
    hashSlice(key, 0, key.length, this.h);
    const f = this.h[1] & 0xffff || 1;
    let i = this.h[0] % this.slots;
    for (;;) {
      const v = this.fp[i];
      if (v === 0) return 0;
      if (v === f) return COUNT[this.q[i]];
      i = i + 1 === this.slots ? 0 : i + 1;
    }
  }

  /** log10 P(b | a): the pair's relative frequency interpolated with b's (add-½) unigram probability. */
  logProb(a: string, b: string): number {
    const pu = (this.count(b) + 0.5) / (this.total + 1e6);
    const ca = this.count(a);
    if (ca <= 0) return Math.log10(pu);
    const lam = ca / (ca + SMOOTH);
    return Math.log10((lam * this.count(a + PAIR_SEP + b)) / ca + (1 - lam) * pu);
  }

  /** log10 P of the words after the first, each given the one before. */
  score(words: readonly string[]): number {
    let s = 0;
    for (let i = 1; i < words.length; i++) s += this.logProb(words[i - 1], words[i]);
    return s;
  }
}

/** Builds the file from word and pair counts (pairs keyed `a` PAIR_SEP `b`). */
export function writeWordBigram(counts: Map<string, number>, total: number): Buffer {
  const slots = Math.ceil(counts.size / WB_LOAD) | 1;
  const fp = new Uint16Array(slots);
  const q = new Uint8Array(slots);
  const h = new Uint32Array(2);
  for (const [key, c] of counts) {
    hashSlice(key, 0, key.length, h);
    const f = h[1] & 0xffff || 1;
    let s = h[0] % slots;
    while (fp[s] !== 0) s = s + 1 === slots ? 0 : s + 1;
    fp[s] = f;
    q[s] = quantizeCount(c);
  }
  const header = Buffer.alloc(WB_HEADER_BYTES);
  header.write(WB_MAGIC, 0, 'latin1');
  header.writeUInt32LE(WB_VERSION, 4);
  header.writeUInt32LE(slots, 8);
  header.writeUInt32LE(counts.size, 12);
  header.writeDoubleLE(total, 16);
  return Buffer.concat([header, Buffer.from(fp.buffer), Buffer.from(q.buffer)]);
}
