import { createHash } from 'node:crypto';
import { alignedView } from './bytes';
import { hashSlice } from './hash';

/**
 * The compiled lexicon (server/data/lexicon.bin, written by `npm run build`, never committed): the word
 * frequencies, single-character tags and the deletion index that Lexicon otherwise builds at every start from
 * jieba's dictionary and our vocabulary (about half a second and 100 MB of small strings). Lookups hash the
 * string in place (hash.ts: one 32-bit hash picks the slot, a second one is the fingerprint kept in it), so
 * nothing is parsed at start-up and no key is ever sliced out of the text.
 *
 * The file records a digest of the dictionaries it was compiled from (and of FORMAT): a file compiled from other
 * dictionaries is ignored and the lexicon is built from the dictionaries as before.
 *
 * Layout (little-endian): header (HEADER bytes), then
 *   word fingerprints u32[wordSlots] · word frequencies f32[wordSlots] ·
 *   deletion fingerprints u32[delSlots] · deletion value offsets u32[delSlots] · deletion value lengths u32[delSlots] ·
 *   deletion values (UTF-16, u16[blobChars]) · single-character tags (UTF-16 "字tag\n…", u16[tagChars]) ·
 *   word tags u8[wordSlots] (1-based index into the tag names; 0: none) · tag names (UTF-16 "n\nv\n…", u16[tagNameChars]) ·
 *   (from 4-byte alignment) the number of single characters with a standalone share u32 · their codes u16[n] ·
 *   (from 4-byte alignment) their shares f64[n] (Lexicon.standaloneShare, worked out at compile time: most runs ask
 *   about hundreds of characters, each in hundreds of words).
 * The word tags are jieba's: the segmenter tags its words from them (jieba's own tagging costs more than its cutting).
 */
export const LEXICON_FILE = 'lexicon.bin';
const MAGIC = 'RLLX';
/** Bump when the layout or the way the lexicon is built changes (it is part of the digest). */
export const FORMAT = 3;
const HEADER = 64;
const LOAD = 0.55;

export interface LexiconContent {
  freq: ReadonlyMap<string, number>;
  tags: ReadonlyMap<string, string>;
  /** Part-of-speech tag of every word that has one (the first a dictionary gives it, as jieba keeps). */
  wordTags?: ReadonlyMap<string, string>;
  /** Lexicon.standaloneShare of single characters, by code, as a lexicon over this very table answers it. */
  charShares?: ReadonlyMap<number, number>;
  /** "word minus one character" → entries `${word}${pos}` joined by "|", most frequent first. */
  deletions: ReadonlyMap<string, string>;
  total: number;
  maxLen: number;
}

/** Digest of the inputs a compiled lexicon depends on. */
export function inputDigest(inputs: ReadonlyArray<Uint8Array>, salt: string): Buffer {
  return saltedDigest(contentDigest(inputs), salt);
}

/** Digest of the inputs' bytes alone (computed once for the dictionaries: compiled.ts lexiconInputsDigest). */
export function contentDigest(inputs: ReadonlyArray<Uint8Array>): Buffer {
  const h = createHash('sha1');
  for (const b of inputs) {
    h.update(String(b.length));
    h.update(b);
  }
  return h.digest();
}

/** inputDigest from the inputs' contentDigest. */
export function saltedDigest(content: Uint8Array, salt: string): Buffer {
  return createHash('sha1').update(`${MAGIC}${FORMAT}${salt}`).update(content).digest();
}

function slotsFor(n: number): number {
  return Math.max(7, Math.ceil(n / LOAD)) | 1;
}

/** Writes `content` as a compiled lexicon for inputs with digest `digest`. */
export function writeLexiconTable(content: LexiconContent, digest: Buffer): Buffer {
  const h = new Uint32Array(2);
  const wordSlots = slotsFor(content.freq.size);
  const delSlots = slotsFor(content.deletions.size);
  const blob = [...content.deletions.values()].join('');
  const tags = [...content.tags].map(([c, t]) => `${c}${t}\n`).join('');
  const tagIndex = new Map<string, number>();
  for (const t of content.wordTags?.values() ?? []) if (!tagIndex.has(t)) tagIndex.set(t, tagIndex.size + 1);
  if (tagIndex.size > 255) throw new Error('lexicon: more than 255 part-of-speech tags');
  const tagNames = [...tagIndex.keys()].map((t) => `${t}\n`).join('');
  const shares = [...(content.charShares ?? [])];
  const align4 = (n: number) => n + ((4 - (n % 4)) % 4);
  const sharesAt = align4(HEADER + wordSlots * 8 + delSlots * 12 + blob.length * 2 + tags.length * 2 + wordSlots + tagNames.length * 2);
  const size = align4(sharesAt + 4 + shares.length * 2) + shares.length * 8;
  const buf = Buffer.alloc(size);
  buf.write(MAGIC, 0, 'latin1');
  buf.writeUInt32LE(FORMAT, 4);
  digest.copy(buf, 8, 0, 20);
  buf.writeDoubleLE(content.total, 32);
  buf.writeUInt32LE(content.maxLen, 40);
  buf.writeUInt32LE(wordSlots, 44);
  buf.writeUInt32LE(delSlots, 48);
  buf.writeUInt32LE(blob.length, 52);
  buf.writeUInt32LE(tags.length, 56);
  buf.writeUInt32LE(tagNames.length, 60);
  let o = HEADER;
  const wfp = new Uint32Array(buf.buffer, buf.byteOffset + o, wordSlots);
  const wfreq = new Float32Array(buf.buffer, buf.byteOffset + o + wordSlots * 4, wordSlots);
  o += wordSlots * 8;
  const place = (key: string, fp: Uint32Array, slots: number): number => {
    hashSlice(key, 0, key.length, h);
    const f = h[1] || 1;
    let i = h[0] % slots;
    while (fp[i] !== 0) {
      if (fp[i] === f) throw new Error(`lexicon: two keys share a hash (${key})`);
      i = i + 1 === slots ? 0 : i + 1;
    }
    fp[i] = f;
    return i;
  };
  const wordSlotOf = new Map<string, number>();
  for (const [w, f] of content.freq) {
    const i = place(w, wfp, wordSlots);
    wfreq[i] = f;
    wordSlotOf.set(w, i);
  }
  const dfp = new Uint32Array(buf.buffer, buf.byteOffset + o, delSlots);
  const doff = new Uint32Array(buf.buffer, buf.byteOffset + o + delSlots * 4, delSlots);
  const dlen = new Uint32Array(buf.buffer, buf.byteOffset + o + delSlots * 8, delSlots);
  o += delSlots * 12;
  let at = 0;
  for (const [k, v] of content.deletions) {
    const i = place(k, dfp, delSlots);
    doff[i] = at;
    dlen[i] = v.length;
    at += v.length;
  }
  buf.write(blob, o, 'utf16le');
  o += blob.length * 2;
  buf.write(tags, o, 'utf16le');
  o += tags.length * 2;
  for (const [w, t] of content.wordTags ?? []) {
    const i = wordSlotOf.get(w);
    if (i !== undefined) buf[o + i] = tagIndex.get(t)!;
  }
  o += wordSlots;
  buf.write(tagNames, o, 'utf16le');
  buf.writeUInt32LE(shares.length, sharesAt);
  const valuesAt = align4(sharesAt + 4 + shares.length * 2);
  shares.forEach(([code, share], k) => {
    buf.writeUInt16LE(code, sharesAt + 4 + k * 2);
    buf.writeDoubleLE(share, valuesAt + k * 8);
  });
  return buf;
}

/** A compiled lexicon, read-only. */
export class LexiconTable {
  readonly total: number;
  readonly maxLen: number;
  readonly tags = new Map<string, string>();
  private readonly wordSlots: number;
  private readonly delSlots: number;
  private readonly wfp: Uint32Array;
  private readonly wfreq: Float32Array;
  private readonly dfp: Uint32Array;
  private readonly doff: Uint32Array;
  private readonly dlen: Uint32Array;
  private readonly blob: string;
  private readonly wtag: Uint8Array;
  private readonly tagNames: string[];
  /** Standalone shares of single characters by code (NaN: not stored). */
  private readonly shares = new Float64Array(0x10000).fill(NaN);
  private readonly h = new Uint32Array(2);

  private constructor(buf: Buffer) {
    const { body, start } = alignedView(buf, 0, buf.length, 4);
    const view = Buffer.from(body, start, buf.length);
    this.total = view.readDoubleLE(32);
    this.maxLen = view.readUInt32LE(40);
    this.wordSlots = view.readUInt32LE(44);
    this.delSlots = view.readUInt32LE(48);
    const blobChars = view.readUInt32LE(52);
    const tagChars = view.readUInt32LE(56);
    const tagNameChars = view.readUInt32LE(60);
    let o = HEADER;
    this.wfp = new Uint32Array(body, start + o, this.wordSlots);
    this.wfreq = new Float32Array(body, start + o + this.wordSlots * 4, this.wordSlots);
    o += this.wordSlots * 8;
    this.dfp = new Uint32Array(body, start + o, this.delSlots);
    this.doff = new Uint32Array(body, start + o + this.delSlots * 4, this.delSlots);
    this.dlen = new Uint32Array(body, start + o + this.delSlots * 8, this.delSlots);
    o += this.delSlots * 12;
    if (o + (blobChars + tagChars + tagNameChars) * 2 + this.wordSlots > buf.length) throw new Error('compiled lexicon truncated');
    this.blob = view.toString('utf16le', o, o + blobChars * 2);
    o += blobChars * 2;
    const tags = view.toString('utf16le', o, o + tagChars * 2);
    for (const line of tags.split('\n')) if (line) this.tags.set(line.slice(0, 1), line.slice(1));
    o += tagChars * 2;
    this.wtag = new Uint8Array(body, start + o, this.wordSlots);
    o += this.wordSlots;
    this.tagNames = ['', ...view.toString('utf16le', o, o + tagNameChars * 2).split('\n').slice(0, -1)];
    o += tagNameChars * 2;
    o += (4 - (o % 4)) % 4;
    if (o + 4 > buf.length) throw new Error('compiled lexicon truncated');
    const n = view.readUInt32LE(o);
    const valuesAt = o + 4 + n * 2 + ((4 - ((o + 4 + n * 2) % 4)) % 4);
    if (valuesAt + n * 8 > buf.length) throw new Error('compiled lexicon truncated');
    for (let k = 0; k < n; k++) this.shares[view.readUInt16LE(o + 4 + k * 2)] = view.readDoubleLE(valuesAt + k * 8);
  }

  /** The table in `buf` when it was compiled from inputs with `digest`, else undefined. */
  static open(buf: Buffer, digest: Buffer): LexiconTable | undefined {
    if (buf.length < HEADER || buf.toString('latin1', 0, 4) !== MAGIC || buf.readUInt32LE(4) !== FORMAT) return undefined;
    if (!buf.subarray(8, 28).equals(digest.subarray(0, 20))) return undefined;
    return new LexiconTable(buf);
  }

  private slot(s: string, start: number, end: number, fp: Uint32Array, slots: number): number {
    hashSlice(s, start, end, this.h);
    const f = this.h[1] || 1;
    let i = this.h[0] % slots;
    for (;;) {
      const v = fp[i];
      if (v === 0) return -1;
      if (v === f) return i;
      i = i + 1 === slots ? 0 : i + 1;
    }
  }

  /** The standalone shares of single characters stored with the table, by code (NaN where none is): a copy. */
  charShares(): Float64Array {
    return this.shares.slice();
  }

  /** Frequency of the word s[start, end), or 0. */
  freqOf(s: string, start = 0, end = s.length): number {
    const i = this.slot(s, start, end, this.wfp, this.wordSlots);
    return i < 0 ? 0 : this.wfreq[i];
  }

  /** jieba's part-of-speech tag of the word s[start, end), or undefined (not a dictionary word, or no tag). */
  tagOf(s: string, start = 0, end = s.length): string | undefined {
    const i = this.slot(s, start, end, this.wfp, this.wordSlots);
    return i < 0 || this.wtag[i] === 0 ? undefined : this.tagNames[this.wtag[i]];
  }

  /** Whether s[start, end) has deletion entries (no string built). */
  hasDeletions(s: string, start: number, end: number): boolean {
    return this.slot(s, start, end, this.dfp, this.delSlots) >= 0;
  }

  /** The deletion entries of `key` (`${word}${pos}` joined by "|"), or undefined. */
  deletions(key: string): string | undefined {
    const i = this.slot(key, 0, key.length, this.dfp, this.delSlots);
    return i < 0 ? undefined : this.blob.slice(this.doff[i], this.doff[i] + this.dlen[i]);
  }
}
