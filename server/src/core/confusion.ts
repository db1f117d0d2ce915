import * as fs from 'node:fs';
import { dataPath } from './data';

/**
 * Confusion sets: which characters a writer or an input method may put in place of a given one, and how
 * likely that slip is (the error model of the noisy channel). Built from server/data/hanzi-confusion.tsv
 * (readings and shape neighbours of the 5,000 most frequent characters; see scripts/data/build-confusion.ts).
 *
 * Kinds, most likely first: the same syllable and tone (pinyin input: 据/局), the same syllable in another
 * tone, a similar syllable (z/zh, n/l, an/ang…), a similar shape (健/建, 弭/强).
 */
export type ConfusionKind = 'same-sound' | 'same-syllable' | 'near-sound' | 'shape';

export interface Confusable {
  char: string;
  kind: ConfusionKind;
  /** Frequency rank of the character (0 = most frequent). */
  rank: number;
}

interface Table {
  readings: Map<string, string[]>;
  shape: Map<string, string>;
  rank: Map<string, number>;
  bySound: Map<string, string[]>;
  bySyllable: Map<string, string[]>;
}

let table: Table | undefined;

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
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [c, r, s] = line.split('\t');
    if (!c || !r) continue;
    rank.set(c, rank.size);
    const rs = r.split(' ');
    readings.set(c, rs);
    shape.set(c, s ?? '');
    for (const x of rs) {
      push(bySound, x, c);
      push(bySyllable, x.replace(/\d$/, ''), c);
    }
  }
  table = { readings, shape, rank, bySound, bySyllable };
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
  return load().rank.has(c);
}

/**
 * Characters that may have been written instead of the intended one, when `c` is what stands in the text:
 * i.e. the candidates for the correct character. Each candidate appears once, under its most likely kind.
 */
export function confusables(c: string, maxRank = Infinity): Confusable[] {
  const t = load();
  const rs = t.readings.get(c);
  if (!rs) return [];
  const seen = new Map<string, ConfusionKind>();
  const add = (chars: readonly string[] | string | undefined, kind: ConfusionKind) => {
    for (const x of chars ?? []) if (x !== c && !seen.has(x) && (t.rank.get(x) ?? Infinity) < maxRank) seen.set(x, kind);
  };
  for (const r of rs) add(t.bySound.get(r), 'same-sound');
  for (const r of rs) add(t.bySyllable.get(r.replace(/\d$/, '')), 'same-syllable');
  for (const r of rs) for (const n of nearSyllables(r.replace(/\d$/, ''))) add(t.bySyllable.get(n), 'near-sound');
  add(t.shape.get(c), 'shape');
  return [...seen].map(([char, kind]) => ({ char, kind, rank: t.rank.get(char) ?? Infinity }));
}

/** Characters whose pinyin starts with the Latin letter `letter` (an input-method initial: D → 党, 地…). */
export function charsWithInitial(letter: string): string[] {
  const t = load();
  const l = letter.toLowerCase();
  const out: string[] = [];
  for (const [c, rs] of t.readings) if (rs.some((r) => r.startsWith(l))) out.push(c);
  return out;
}
