import * as fs from 'node:fs';
import { dataPath } from './data';
import { lexiconInputs, lexiconInputsDigest } from './lm/compiled';
import { inputDigest } from './lm/lexicon-table';

/**
 * Confusion sets: which characters a writer or an input method may put in place of a given one, and how
 * likely that slip is (the error model of the noisy channel). Built from server/data/hanzi-confusion.tsv
 * (readings and shape neighbours of the 5,000 most frequent characters; see scripts/data/build-confusion.ts).
 *
 * Kinds, most likely first: the same syllable and tone (pinyin input: 据/局), the same syllable in another
 * tone, a similar syllable (z/zh, n/l, an/ang…), a similar shape (健/建, 弭/强).
 */
export type ConfusionKind = 'same-sound' | 'same-syllable' | 'near-sound' | 'shape';

/** Near-sound candidates are limited to the most frequent characters. */
export const NEAR_SOUND_MAX_RANK = 1500;

export interface Confusable {
  readonly char: string;
  readonly kind: ConfusionKind;
  /** Frequency rank of the character (0 = most frequent). */
  readonly rank: number;
}

interface Table {
  readings: Map<string, string[]>;
  shape: Map<string, string>;
  rank: Map<string, number>;
  /** `rank` by character code (the table's characters are single UTF-16 units), Infinity for the others. */
  rankByCode: Float64Array;
  bySound: Map<string, string[]>;
  bySyllable: Map<string, string[]>;
}

let table: Table | undefined;

/** Readings of a character that count for sound confusions. */
const SOUND_READINGS = 2;

const INITIALS = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'];
const FUZZY_INITIAL: Record<string, string[]> = { z: ['zh'], zh: ['z'], c: ['ch'], ch: ['c'], s: ['sh'], sh: ['s'], n: ['l'], l: ['n', 'r'], r: ['l'], f: ['h'], h: ['f'] };
const FUZZY_FINAL: Record<string, string[]> = {
  an: ['ang'], ang: ['an'], en: ['eng'], eng: ['en'], in: ['ing'], ing: ['in'],
  ian: ['iang'], iang: ['ian'], uan: ['uang'], uang: ['uan'],
};

function split(syllable: string): [string, string] {
  for (const i of INITIALS) if (syllable.startsWith(i) && syllable.length > i.length) return [i, syllable.slice(i.length)];
  return ['', syllable];
}

/** Syllables one fuzzy step away (initial or final), without tone. */
export function nearSyllables(syllable: string): string[] {
  const [ini, fin] = split(syllable);
  const out: string[] = [];
  for (const i of FUZZY_INITIAL[ini] ?? []) out.push(i + fin);
  for (const f of FUZZY_FINAL[fin] ?? []) out.push(ini + f);
  return out;
}

/** A syllable without its tone number (x.replace(/\d$/, '') without a regex). */
function toneless(x: string): string {
  const last = x.charCodeAt(x.length - 1);
  return last >= 48 && last <= 57 ? x.slice(0, -1) : x;
}

function load(): Table {
  if (table) return table;
  const readings = new Map<string, string[]>();
  const shape = new Map<string, string>();
  const rank = new Map<string, number>();
  const bySound = new Map<string, string[]>();
  const bySyllable = new Map<string, string[]>();
  const file = dataPath('hanzi-confusion.tsv');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const push = (m: Map<string, string[]>, k: string, c: string) => {
    const l = m.get(k);
    if (l) {
      if (l[l.length - 1] !== c) l.push(c);
    } else m.set(k, [c]);
  };
  // (indexed loops, no destructuring: this runs once, before the optimising compiler, where iterators cost)
  const lines = text.split('\n');
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!line || line.charCodeAt(0) === 35 /* # */) continue;
    const cols = line.split('\t');
    const c = cols[0];
    const r = cols[1];
    const s = cols[2];
    // (a character listed twice keeps its first line: ranks are line numbers, the lists below in rank order)
    if (!c || !r || rank.has(c)) continue;
    rank.set(c, rank.size);
    // Sound confusions come from the two commonest readings (the table lists them most common first): a writer
    // types the usual pinyin of the word meant, and an input method offers a character under its usual
    // readings, not a rare one (和 is read huò only in 和面: 或 → 和 is no slip).
    const rs = r.split(' ').slice(0, SOUND_READINGS);
    readings.set(c, rs);
    shape.set(c, s ?? '');
    for (let j = 0; j < rs.length; j++) {
      const x = rs[j];
      push(bySound, x, c);
      push(bySyllable, toneless(x), c);
    }
  }
  const rankByCode = new Float64Array(0x10000).fill(Infinity);
  for (const [c, r] of rank) if (c.length === 1) rankByCode[c.charCodeAt(0)] = r;
  table = { readings, shape, rank, rankByCode, bySound, bySyllable };
  return table;
}

/** Readings of `c` (pinyin with tone number), empty when unknown. */
export function readingsOf(c: string): readonly string[] {
  return load().readings.get(c) ?? [];
}

export function charRank(c: string): number {
  return load().rank.get(c) ?? Infinity;
}

export function isKnownChar(c: string): boolean {
  // (one character, as the model pass asks about every unexpected one: by code, no string hashed)
  const t = load();
  return c.length === 1 ? t.rankByCode[c.charCodeAt(0)] !== Infinity : t.rank.has(c);
}

/**
 * Characters that may have been written instead of the intended one, when `c` is what stands in the text:
 * i.e. the candidates for the correct character. Each candidate appears once, under its most likely kind.
 */
export function confusables(c: string, maxRank = Infinity): readonly Confusable[] {
  // one character (all the model pass asks about): by code, in the memo of the last rank limit asked for
  if (c.length === 1) {
    if (byCodeLimit !== maxRank) {
      byCodeLimit = maxRank;
      byCode = new Array(0x10000);
    }
    return (byCode[c.charCodeAt(0)] ??= computeConfusables(c, maxRank));
  }
  return memoised(withLimit(confusableMemo, maxRank), c, () => computeConfusables(c, maxRank));
}
const confusableMemo = new Map<number, Map<string, readonly Confusable[]>>();
let byCodeLimit = NaN;
let byCode = new Array<readonly Confusable[] | undefined>(0x10000);

/** The kind under which `meant` is among confusables(written, maxRank), or undefined when it is not. */
export function confusionKind(written: string, meant: string, maxRank = Infinity): ConfusionKind | undefined {
  // Sound-alikes (all that the pair pass asks about) are told by their readings, without the whole set.
  if (written.length === 1 && meant.length === 1) {
    const w = written.charCodeAt(0);
    const m = meant.charCodeAt(0);
    const heard = readingIdsOf(w);
    if (w === m || !heard.length || !(load().rankByCode[m] < maxRank)) return undefined;
    if (intersect(heard, readingIdsOf(m))) return 'same-sound';
    if (intersect(syllableIdsOf(w), syllableIdsOf(m))) return 'same-syllable';
  }
  return memoised(withLimit(kindMemo, maxRank), written, () => new Map(confusables(written, maxRank).map((x) => [x.char, x.kind]))).get(meant);
}
const kindMemo = new Map<number, Map<string, ReadonlyMap<string, ConfusionKind>>>();

/** The memo of one rank limit (callers use one or two: no key to build per call, these are called often). */
function withLimit<T>(memos: Map<number, Map<string, T>>, maxRank: number): Map<string, T> {
  let memo = memos.get(maxRank);
  if (!memo) memos.set(maxRank, (memo = new Map()));
  return memo;
}

/**
 * Codes of the characters of the same syllable as the character `code`, any tone (the same-sound and
 * same-syllable confusables, without rank limit). By code, as the non-word pass asks for hundreds of thousands.
 */
export function soundAlikeCodes(code: number): ReadonlySet<number> {
  let out = soundAlikeMemo[code];
  if (!out) {
    // Read from the syllable index: every same-sound character is also under the toneless syllable, so this is
    // that part of confusables() without building the rest of the set.
    const c = String.fromCharCode(code);
    const bySyllable = load().bySyllable;
    out = new Set<number>();
    for (const s of syllablesOf(c)) for (const x of bySyllable.get(s) ?? []) if (x !== c) out.add(x.charCodeAt(0));
    soundAlikeMemo[code] = out;
  }
  return out;
}
const soundAlikeMemo = new Array<Set<number> | undefined>(0x10000);

/** `memo[key]`, made once (a memo that outgrows 50,000 entries starts again). */
function memoised<T>(memo: Map<string, T>, key: string, make: () => T): T {
  let v = memo.get(key);
  if (v === undefined) {
    if (memo.size >= 50000) memo.clear();
    memo.set(key, (v = make()));
  }
  return v;
}

function computeConfusables(c: string, maxRank: number): Confusable[] {
  const t = load();
  const rs = t.readings.get(c);
  if (!rs) return [];
  // Each character once, under its first (most likely) kind: marked by code for this call. The sound lists are
  // in rank order (filled line by line, ranks being line numbers): read up to the first character past the limit.
  // The shape neighbours are not.
  const mark = ++generation;
  const out: Confusable[] = [];
  const add = (chars: readonly string[] | string | undefined, kind: ConfusionKind, limit = maxRank) => {
    for (const x of chars ?? []) {
      const code = x.charCodeAt(0);
      const rank = x.length === 1 ? t.rankByCode[code] : Infinity;
      if (!(rank < limit)) {
        if (kind === 'shape') continue;
        break;
      }
      if (x === c || marks[code] === mark) continue;
      marks[code] = mark;
      out.push((sharedConfusables[kind][code] ??= { char: x, kind, rank }));
    }
  };
  for (const r of rs) add(t.bySound.get(r), 'same-sound');
  for (const r of rs) add(t.bySyllable.get(toneless(r)), 'same-syllable');
  // Near sounds are many and rarely meant (5% of slips): only the common characters.
  const nearMax = Math.min(maxRank, NEAR_SOUND_MAX_RANK);
  for (const r of rs) for (const n of nearSyllables(toneless(r))) add(t.bySyllable.get(n), 'near-sound', nearMax);
  add(t.shape.get(c), 'shape');
  return out;
}
/** computeConfusables' marks by character code (a Map per call cost more than the rest of it). */
const marks = new Uint32Array(0x10000);
let generation = 0;
/** One (immutable) object per character and kind, shared by all the sets that hold it: fewer to make and keep. */
const sharedConfusables: Record<ConfusionKind, Array<Confusable | undefined>> = {
  'same-sound': new Array(0x10000),
  'same-syllable': new Array(0x10000),
  'near-sound': new Array(0x10000),
  shape: new Array(0x10000),
};

/** Characters whose pinyin starts with the Latin letter `letter` (an input-method initial: D → 党, 地…). */
export function charsWithInitial(letter: string): string[] {
  const t = load();
  const l = letter.toLowerCase();
  const out: string[] = [];
  for (const [c, rs] of t.readings) if (rs.some((r) => r.startsWith(l))) out.push(c);
  return out;
}

/**
 * The pair index, flat: the words of key `pairKey(a, b)` are words[start[id], start[id + 1]) with id = ids.get(key),
 * each as its two codes (c0 << 16 | c1), in dictionary order. Typed arrays rather than an array and a string per
 * word: 150,000 entries are then a few objects for the garbage collector to copy, not 190,000.
 */
export interface PairIndex {
  ids: Map<number, number>;
  start: Int32Array;
  words: Int32Array;
}
let pairIndex: PairIndex | undefined;
/** Two-character words must be at least this frequent (jieba's scale) to be proposed for a two-character slip. */
export const PAIR_MIN_FREQ = 20;

/**
 * Two-character dictionary words (jieba's dictionary and our report vocabulary, frequency ≥ PAIR_MIN_FREQ)
 * indexed by their toneless syllables (pairKey): the candidates when both characters of a word were mistyped by
 * sound (正负 for 政府, 心细 for 信息).
 */
function pairs(): PairIndex {
  if (!pairIndex) pairIndex = openPairIndex() ?? buildPairIndex();
  return pairIndex;
}

export function buildPairIndex(): PairIndex {
  // The entries (key, word) in dictionary order, then laid out by key.
  const keys: number[] = [];
  const codes: number[] = [];
  // Words by their two codes, to keep the first line of a word found in several dictionaries.
  const seen = new Set<number>();
  for (const bytes of lexiconInputs())
    // Read as bytes, line by line (350,000 lines, a third of them two-character words): a two-character word
    // of the confusion table is two characters of three UTF-8 bytes each (U+0800 to U+FFFF), then a space.
    for (let i = 0; i < bytes.length; ) {
      let end = bytes.indexOf(10, i);
      if (end < 0) end = bytes.length;
      const at = i;
      i = end + 1;
      if (at + 6 >= end || bytes[at + 6] !== 32 || bytes[at] >> 4 !== 0xe || bytes[at + 3] >> 4 !== 0xe) continue;
      if (!(leadingNumber(bytes, at + 7, end) >= PAIR_MIN_FREQ)) continue;
      const c0 = utf8Code3(bytes, at);
      const c1 = utf8Code3(bytes, at + 3);
      const s0 = syllableIdsOf(c0);
      const s1 = syllableIdsOf(c1);
      const both = (c0 << 16) | c1; // a small integer (not a heap number)
      if (!s0.length || !s1.length || seen.has(both)) continue;
      seen.add(both);
      for (const a of s0)
        for (const b of s1) {
          keys.push(pairKey(a, b));
          codes.push(both);
        }
    }
  const ids = new Map<number, number>();
  const counts: number[] = [];
  for (const k of keys) {
    let id = ids.get(k);
    if (id === undefined) {
      ids.set(k, (id = counts.length));
      counts.push(0);
    }
    counts[id]++;
  }
  const start = new Int32Array(counts.length + 1);
  for (let id = 0; id < counts.length; id++) start[id + 1] = start[id] + counts[id];
  const next = start.slice(0, counts.length);
  const words = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) words[next[ids.get(keys[e])!]++] = codes[e];
  return { ids, start, words };
}

/**
 * The pair index compiled by `npm run build` (server/data/pair-index.bin, not committed; building it reads the
 * 350,000 dictionary lines, about 80 ms at every start). Layout (little-endian): "RLPI", format, digest of the
 * dictionaries and the confusion table (20 bytes), counts, then the syllables (UTF-16, "\n"-separated: the ids of
 * this process are given in order of first use, so the file names syllables), per key its two syllables' indices
 * (u16 × 2), the key's first entry (i32, one more at the end) and the entries (i32: two character codes).
 */
export const PAIR_FILE = 'pair-index.bin';
const PAIR_MAGIC = 'RLPI';
/** Bump when the way the index is built changes (part of the digest). */
const PAIR_FORMAT = 1;
const PAIR_HEADER = 48;

/** The dictionaries' digest (hashed once per process, shared with the compiled lexicon) and the confusion table. */
function pairDigest(): Buffer {
  const table = dataPath('hanzi-confusion.tsv');
  const inputs = [lexiconInputsDigest(), fs.existsSync(table) ? fs.readFileSync(table) : Buffer.alloc(0)];
  return inputDigest(inputs, `pairs${PAIR_FORMAT} min${PAIR_MIN_FREQ} readings${SOUND_READINGS}`);
}

/** The compiled pair index when it matches the dictionaries and the confusion table, else undefined. */
export function openPairIndex(): PairIndex | undefined {
  try {
    const file = dataPath(PAIR_FILE);
    if (!fs.existsSync(file)) return undefined;
    const buf = fs.readFileSync(file);
    if (buf.length < PAIR_HEADER || buf.toString('latin1', 0, 4) !== PAIR_MAGIC || buf.readUInt32LE(4) !== PAIR_FORMAT) return undefined;
    if (!buf.subarray(8, 28).equals(pairDigest().subarray(0, 20))) return undefined;
    const syllableChars = buf.readUInt32LE(28);
    const nKeys = buf.readUInt32LE(32);
    const nWords = buf.readUInt32LE(36);
    let o = PAIR_HEADER;
    const syllables = buf.toString('utf16le', o, o + syllableChars * 2).split('\n');
    o += syllableChars * 2;
    o += o % 4;
    const need = o + nKeys * 4 + (nKeys + 1) * 4 + nWords * 4;
    if (buf.length < need) return undefined;
    const ab = buf.buffer.slice(buf.byteOffset + o, buf.byteOffset + need);
    const pair = new Uint16Array(ab, 0, nKeys * 2);
    const start = new Int32Array(ab, nKeys * 4, nKeys + 1);
    const words = new Int32Array(ab, nKeys * 4 + (nKeys + 1) * 4, nWords);
    const ids = new Map<number, number>();
    const sid = syllables.map(soundId);
    for (let k = 0; k < nKeys; k++) ids.set(pairKey(sid[pair[2 * k]], sid[pair[2 * k + 1]]), k);
    return { ids, start, words };
  } catch {
    return undefined;
  }
}

/** Writes the pair index of the current dictionaries and confusion table (run by `npm run build`). */
export function compilePairIndex(): { file: string; bytes: number } {
  const { ids, start, words } = buildPairIndex();
  // the syllables of this process by id, and each key's two
  const names: string[] = [];
  for (const [name, id] of soundIds) names[id] = name;
  const used = new Map<number, number>();
  const syllables: string[] = [];
  const index = (id: number) => {
    let i = used.get(id);
    if (i === undefined) {
      used.set(id, (i = syllables.length));
      syllables.push(names[id]);
    }
    return i;
  };
  const pair = new Uint16Array(ids.size * 2);
  for (const [key, k] of ids) {
    pair[2 * k] = index(Math.floor(key / 0x10000));
    pair[2 * k + 1] = index(key % 0x10000);
  }
  if (syllables.length > 0xffff) throw new Error('pair index: too many syllables');
  const text = syllables.join('\n');
  let o = PAIR_HEADER + text.length * 2;
  o += o % 4;
  const buf = Buffer.alloc(o + pair.byteLength + start.byteLength + words.byteLength);
  buf.write(PAIR_MAGIC, 0, 'latin1');
  buf.writeUInt32LE(PAIR_FORMAT, 4);
  pairDigest().copy(buf, 8, 0, 20);
  buf.writeUInt32LE(text.length, 28);
  buf.writeUInt32LE(ids.size, 32);
  buf.writeUInt32LE(words.length, 36);
  buf.write(text, PAIR_HEADER, 'utf16le');
  Buffer.from(pair.buffer, pair.byteOffset, pair.byteLength).copy(buf, o);
  Buffer.from(start.buffer, start.byteOffset, start.byteLength).copy(buf, o + pair.byteLength);
  Buffer.from(words.buffer, words.byteOffset, words.byteLength).copy(buf, o + pair.byteLength + start.byteLength);
  const file = dataPath(PAIR_FILE);
  fs.writeFileSync(file, buf);
  pairIndex = undefined;
  return { file, bytes: buf.length };
}

/** The character of the three UTF-8 bytes at b[at]. */
function utf8Code3(b: Uint8Array, at: number): number {
  return ((b[at] & 0x0f) << 12) | ((b[at + 1] & 0x3f) << 6) | (b[at + 2] & 0x3f);
}

/** The decimal number at b[at, end) after any spaces or tabs (as parseInt reads the frequency), NaN when none. */
function leadingNumber(b: Uint8Array, at: number, end: number): number {
  while (at < end && (b[at] === 32 || b[at] === 9)) at++;
  let n = NaN;
  for (; at < end && b[at] >= 48 && b[at] <= 57; at++) n = (n === n ? n * 10 : 0) + b[at] - 48;
  return n;
}

/** The key of the pair index for two syllable ids (there are about 400 toneless syllables). */
function pairKey(a: number, b: number): number {
  return a * 0x10000 + b;
}

const syllableMemo = new Map<string, string[]>();
/** Toneless syllables of a character, without repeats. */
function syllablesOf(c: string): string[] {
  let l = syllableMemo.get(c);
  if (!l) {
    // (no empty array literal in place of the readings: one array shape for the optimised code)
    const rs = load().readings.get(c);
    l = rs ? [...new Set(rs.map(toneless))] : [];
    syllableMemo.set(c, l);
  }
  return l;
}

/** Numbers for toneless syllables and readings with tone, in order of first use. */
const soundIds = new Map<string, number>();
function soundId(s: string): number {
  let id = soundIds.get(s);
  if (id === undefined) soundIds.set(s, (id = soundIds.size));
  return id;
}

/** syllablesOf as ids, by character code (the pair index reads 230,000 characters of dictionary). */
function syllableIdsOf(code: number): readonly number[] {
  return (syllableIdMemo[code] ??= syllablesOf(String.fromCharCode(code)).map(soundId));
}
const syllableIdMemo = new Array<readonly number[] | undefined>(0x10000);

/** The readings (with tone) of a character as ids, by code. */
function readingIdsOf(code: number): readonly number[] {
  return (readingIdMemo[code] ??= readingsOf(String.fromCharCode(code)).map(soundId));
}
const readingIdMemo = new Array<readonly number[] | undefined>(0x10000);

function intersect(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

/**
 * Words whose two characters sound like `c1` and `c2` (same syllables, any tone), other than `c1 + c2` itself.
 * Memoised by pair.
 */
export function soundAlikeWords(c1: string, c2: string): readonly string[] {
  // (by the two codes: no string made per pair asked about)
  if (c1.length === 1 && c2.length === 1) {
    const key = c1.charCodeAt(0) * 0x10000 + c2.charCodeAt(0);
    let v = pairByCodes.get(key);
    if (v === undefined) {
      if (pairByCodes.size >= 50000) pairByCodes.clear();
      pairByCodes.set(key, (v = computeSoundAlikeWords(c1, c2)));
    }
    return v;
  }
  return memoised(pairMemo, c1 + c2, () => computeSoundAlikeWords(c1, c2));
}
const pairMemo = new Map<string, readonly string[]>();
const pairByCodes = new Map<number, readonly string[]>();

function computeSoundAlikeWords(c1: string, c2: string): string[] {
  const s0 = syllableIdsOf(c1.charCodeAt(0));
  const s1 = syllableIdsOf(c2.charCodeAt(0));
  if (!s0.length || !s1.length) return [];
  const { ids, start, words } = pairs();
  const self = (c1.charCodeAt(0) << 16) | c2.charCodeAt(0);
  const out: string[] = [];
  // A word is listed once under each pair of its syllables: repeats only when a character has several readings.
  const seen = s0.length > 1 || s1.length > 1 ? new Set<number>() : undefined;
  for (const a of s0)
    for (const b of s1) {
      const id = ids.get(pairKey(a, b));
      if (id === undefined) continue;
      for (let p = start[id]; p < start[id + 1]; p++) {
        const w = words[p];
        if (w === self || seen?.has(w)) continue;
        seen?.add(w);
        out.push(String.fromCharCode(w >>> 16, w & 0xffff));
      }
    }
  return out;
}
