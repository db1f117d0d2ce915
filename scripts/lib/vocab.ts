/**
 * Report vocabulary discovery (build time): frequent Han strings of 2–5 characters in the training text that
 * jieba's dictionary lacks, that hold together (every binary split is much rarer apart than together) and that
 * occur in varied contexts on both sides (branching entropy), plus a short hand-written list of current policy
 * terms (scripts/data/policy-terms.txt) that the training text is too old or too national to contain, plus
 * jieba's words it lists as rare that the training text uses often (RAISE_BELOW).
 * Output: server/data/report-vocab.dict in jieba format (`word freq tag`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { officialFiles, reportSplit } from './corpus';
import { jiebaDict } from '../../server/src/core/lm/compiled';

const MAX_LEN = 5;
const MIN_COUNT = 12;
/** Frequency given to the hand-written policy terms. */
const POLICY_FREQ = 20;
/** Characters that rarely begin or end a word but often glue words into phrases. */
const EDGE_STOP = new Set([...'的了和与及或是在对为把被将等之也都而并就其以于向从由到上中下个这那有不要已会可能各所该此每把给让着过']);
const NUMERALS = '零〇一二三四五六七八九十百千万亿两';
const START_STOP = new Set([...'第年月日']);
/**
 * jieba lists many common terms of official text at the lowest frequencies (公安机关, 违法行为, 改革开放 at 3):
 * below this frequency a word is no dropped-character candidate (Lexicon.CANDIDATE_MIN_FREQ) and the segmenter
 * cuts it apart. Such words seen at least RAISE_MIN_COUNT times in the training text are raised to their count.
 */
const RAISE_BELOW = 10;
const RAISE_MIN_COUNT = 20;

function hanRuns(text: string): string[] {
  return text.match(/[\u4e00-\u9fff]+/g) ?? [];
}

function entropy(m: Map<string, number> | undefined): number {
  if (!m) return 0;
  let tot = 0;
  for (const v of m.values()) tot += v;
  let h = 0;
  for (const v of m.values()) h -= (v / tot) * Math.log2(v / tot);
  return h;
}

export function buildVocab(dataDir: string): void {
  const t0 = Date.now();
  const jiebaWords = new Set<string>();
  const jiebaFreq = new Map<string, number>();
  const jiebaTag = new Map<string, string>();
  for (const line of jiebaDict().toString('utf8').split('\n')) {
    const [w, f, t] = line.split(' ');
    if (w) {
      jiebaWords.add(w);
      jiebaFreq.set(w, Number(f));
      if (t) jiebaTag.set(w, t.trim());
    }
  }
  const { train } = reportSplit();
  const files: Array<[string, number]> = [...officialFiles().map((f): [string, number] => [f, 1]), ...train.map((f): [string, number] => [f, 2])];
  const counts: Array<Map<string, number>> = Array.from({ length: MAX_LEN + 1 }, () => new Map());
  let total = 0;
  for (const [f, w] of files) {
    for (const run of hanRuns(fs.readFileSync(f, 'utf8'))) {
      total += run.length * w;
      for (let i = 0; i < run.length; i++) {
        for (let n = 1; n <= MAX_LEN && i + n <= run.length; n++) {
          const g = run.slice(i, i + n);
          const m = counts[n];
          m.set(g, (m.get(g) ?? 0) + w);
        }
      }
    }
  }
  const cnt = (g: string): number => counts[g.length]?.get(g) ?? 0;
  // cohesion: log of the smallest ratio P(w) / (P(a) P(b)) over binary splits
  const cands = new Map<string, number>();
  for (let n = 2; n <= MAX_LEN; n++) {
    for (const [g, c] of counts[n]) {
      if (c < MIN_COUNT || jiebaWords.has(g)) continue;
      if (EDGE_STOP.has(g[0]) || EDGE_STOP.has(g[g.length - 1]) || START_STOP.has(g[0])) continue;
      let coh = Infinity;
      for (let k = 1; k < n; k++) coh = Math.min(coh, Math.log10((c * total) / (cnt(g.slice(0, k)) * cnt(g.slice(k)))));
      if (coh < (n === 2 ? 2.0 : 2.5)) continue;
      cands.set(g, c);
    }
  }
  // rare jieba words that are common here (checked for being fragments below, as the learned words are)
  const raise = new Map<string, number>();
  for (let n = 2; n <= 4; n++) {
    for (const [g, c] of counts[n]) if (c >= RAISE_MIN_COUNT && (jiebaFreq.get(g) ?? Infinity) < RAISE_BELOW) raise.set(g, c);
  }
  // branching entropy on both sides
  const left = new Map<string, Map<string, number>>();
  const right = new Map<string, Map<string, number>>();
  const bump = (mm: Map<string, Map<string, number>>, g: string, ch: string, w: number) => {
    let m = mm.get(g);
    if (!m) mm.set(g, (m = new Map()));
    m.set(ch, (m.get(ch) ?? 0) + w);
  };
  for (const [f, w] of files) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) {
      for (let i = 0; i < line.length; i++) {
        for (let n = 2; n <= MAX_LEN && i + n <= line.length; n++) {
          const g = line.slice(i, i + n);
          if (!cands.has(g) && !raise.has(g)) continue;
          bump(left, g, line[i - 1] ?? '^', w);
          bump(right, g, line[i + n] ?? '$', w);
        }
      }
    }
  }
  const words: Array<[string, number]> = [];
  const dominant = (m: Map<string, number> | undefined, c: number): string | undefined => {
    let best: string | undefined;
    let bv = 0;
    for (const [k, v] of m ?? []) if (v > bv) [best, bv] = [k, v];
    return bv > 0.25 * c ? best : undefined;
  };
  /** The usual neighbour forms a dictionary word with the edge: g is a fragment of a longer expression (黄|河流域). */
  const fragment = (g: string, c: number): boolean => {
    const l = dominant(left.get(g), c);
    if (l && (jiebaWords.has(l + g[0]) || jiebaWords.has(l + g.slice(0, 2)))) return true;
    const r = dominant(right.get(g), c);
    return !!r && (jiebaWords.has(g[g.length - 1] + r) || jiebaWords.has(g.slice(-2) + r));
  };
  for (const [g, c] of cands) {
    if (entropy(left.get(g)) < 1.5 || entropy(right.get(g)) < 1.5) continue;
    if (fragment(g, c)) continue;
    // glued phrases (鼓励和支持), numerals (百零), reduplications
    if ([...g.slice(1, -1)].some((ch) => EDGE_STOP.has(ch) || START_STOP.has(ch))) continue;
    if ([...g].filter((ch) => NUMERALS.includes(ch)).length * 2 >= g.length) continue;
    if (g.length === 2 && g[0] === g[1]) continue;
    // a longer candidate that contains this one with nearly the same count makes this one a fragment
    words.push([g, c]);
  }
  const kept = new Set(words.map(([g]) => g));
  const final = words.filter(([g, c]) => {
    for (const other of kept) if (other !== g && other.length > g.length && other.includes(g) && (cands.get(other) ?? 0) > 0.8 * c) return false;
    return true;
  });
  const terms = path.resolve(__dirname, '../data/policy-terms.txt');
  const lines = final.sort((a, b) => b[1] - a[1]).map(([g, c]) => `${g} ${Math.max(3, Math.round(c / 2))} n`);
  const raised = [...raise].filter(([g, c]) => !fragment(g, c)).sort((a, b) => b[1] - a[1]);
  for (const [g, c] of raised) lines.push(`${g} ${Math.round(c / 2)} ${jiebaTag.get(g) ?? 'n'}`);
  if (fs.existsSync(terms)) {
    for (const l of fs.readFileSync(terms, 'utf8').split('\n')) {
      // `term` or `term frequency` (a term the segmenter would otherwise cut across: 各|条线, not 各条|线)
      const [t, f] = l.trim().split(/\s+/);
      const freq = Number(f) > 0 ? Number(f) : POLICY_FREQ;
      // listed terms that jieba knows only as rare words are raised too (实施方案 has 3)
      if (!t || t.startsWith('#') || (jiebaFreq.get(t) ?? 0) >= freq || kept.has(t)) continue;
      lines.push(`${t} ${freq} n`);
    }
  }
  fs.writeFileSync(path.join(dataDir, 'report-vocab.dict'), lines.join('\n') + '\n');
  console.log(`report-vocab.dict: ${lines.length} words (${final.length} learned, ${raised.length} raised), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}
