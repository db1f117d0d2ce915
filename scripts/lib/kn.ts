/**
 * Interpolated Kneser-Ney character n-gram estimation (build time only) and the compact file writer.
 * The runtime reader is server/src/core/lm/ngram.ts; both agree on server/src/core/lm/format.ts.
 */
import { BOUNDARY } from '../../server/src/core/lm/normalize';
import { hashSlice } from '../../server/src/core/lm/hash';
import { HEADER_BYTES, LOAD, MAGIC, VERSION, quantize } from '../../server/src/core/lm/format';

export class NgramCounter {
  readonly counts: Array<Map<string, number>>;
  constructor(readonly order: number) {
    this.counts = Array.from({ length: order + 1 }, () => new Map<string, number>());
  }
  /** Adds one normalised line (BOUNDARY-separated segments). */
  addLine(norm: string, weight = 1): void {
    const s = BOUNDARY + norm;
    let segStart = 0;
    for (let i = 1; i <= s.length; i++) {
      if (i < s.length && s[i] !== BOUNDARY) continue;
      // segment s[segStart, i): s[segStart] is a boundary mark (context only)
      for (let j = segStart + 1; j < i; j++) {
        for (let n = 1; n <= this.order && j - n + 1 >= segStart; n++) {
          const g = s.slice(j - n + 1, j + 1);
          const m = this.counts[n];
          m.set(g, (m.get(g) ?? 0) + weight);
        }
      }
      segStart = i;
    }
  }
}

export interface Entry {
  key: string;
  logp: number;
  logbow: number;
}

/** Computes interpolated KN log10 probabilities and back-off weights; prunes orders >= 3 below minCount. */
export function estimate(c: NgramCounter, minCount: number[]): { entries: Entry[]; oov: number; stats: string[] } {
  const N = c.order;
  const stats: string[] = [];
  // adjusted counts: continuation counts for lower orders, raw for the highest order and boundary-initial grams
  const adj: Array<Map<string, number>> = [new Map()];
  for (let n = 1; n <= N; n++) {
    if (n === N) {
      adj.push(c.counts[n]);
      continue;
    }
    const cc = new Map<string, number>();
    for (const k of c.counts[n + 1].keys()) {
      const g = k.slice(1);
      cc.set(g, (cc.get(g) ?? 0) + 1);
    }
    for (const [g, raw] of c.counts[n]) if (g[0] === BOUNDARY) cc.set(g, raw);
    adj.push(cc);
  }
  const vocab = [...adj[1].keys()].filter((k) => k !== BOUNDARY).length;
  const probs: Array<Map<string, number>> = [new Map()];
  const bows: Array<Map<string, number>> = [new Map()];
  for (let n = 1; n <= N; n++) {
    const a = adj[n];
    let n1 = 0;
    let n2 = 0;
    for (const v of a.values()) {
      if (v === 1) n1++;
      else if (v === 2) n2++;
    }
    const D = n1 + 2 * n2 > 0 ? Math.min(0.95, Math.max(0.1, n1 / (n1 + 2 * n2))) : 0.5;
    const tot = new Map<string, number>();
    const typ = new Map<string, number>();
    for (const [g, v] of a) {
      const h = g.slice(0, -1);
      tot.set(h, (tot.get(h) ?? 0) + v);
      typ.set(h, (typ.get(h) ?? 0) + 1);
    }
    const p = new Map<string, number>();
    const lower = probs[n - 1];
    const lowerBow = bows[n - 1];
    const lowerProb = (g: string): number => {
      // P_{n-1}(last char | shorter context), backing off through the already estimated lower orders
      if (n === 1) return 1 / (vocab + 1);
      let acc = 1;
      for (let k = g.length - 1; k >= 1; k--) {
        const sub = g.slice(g.length - k);
        const v = probs[k].get(sub);
        if (v !== undefined) return acc * v;
        const b = bows[k].get(sub.slice(0, -1));
        if (b !== undefined) acc *= b;
      }
      return acc / (vocab + 1);
    };
    for (const [g, v] of a) {
      if (g === BOUNDARY) continue;
      const h = g.slice(0, -1);
      const T = tot.get(h)!;
      const gamma = (D * typ.get(h)!) / T;
      p.set(g, Math.max(v - D, 0) / T + gamma * lowerProb(g));
    }
    const bw = new Map<string, number>();
    for (const [h, T] of tot) bw.set(h, (D * typ.get(h)!) / T);
    probs.push(p);
    bows.push(bw);
    void lower;
    void lowerBow;
    stats.push(`order ${n}: ${a.size} grams, D=${D.toFixed(3)}`);
  }
  const entries: Entry[] = [];
  for (let n = 1; n <= N; n++) {
    const raw = c.counts[n];
    const keys = new Set<string>([...probs[n].keys()]);
    for (const h of bows[n + 1]?.keys() ?? []) if (h.length === n) keys.add(h);
    let kept = 0;
    for (const g of keys) {
      if ((raw.get(g) ?? 0) < (minCount[n] ?? 1)) continue;
      const pr = probs[n].get(g);
      const b = bows[n + 1]?.get(g);
      entries.push({ key: g, logp: pr === undefined ? NaN : Math.log10(pr), logbow: b === undefined ? 0 : Math.log10(b) });
      kept++;
    }
    stats.push(`order ${n}: kept ${kept}`);
  }
  return { entries, oov: Math.log10(1 / (vocab + 1)) - 1, stats };
}

/** Writes the open-addressing table (see format.ts). */
export function writeModel(entries: Entry[], order: number, oov: number): Buffer {
  const slots = Math.ceil(entries.length / LOAD) | 1;
  const fp = new Uint16Array(slots);
  const pr = new Uint8Array(slots);
  const bw = new Uint8Array(slots);
  const h = new Uint32Array(2);
  for (const e of entries) {
    hashSlice(e.key, 0, e.key.length, h);
    const f = h[1] & 0xffff || 1;
    let s = h[0] % slots;
    while (fp[s] !== 0) s = s + 1 === slots ? 0 : s + 1;
    fp[s] = f;
    pr[s] = Number.isNaN(e.logp) ? 0 : quantize.prob(e.logp);
    bw[s] = quantize.bow(e.logbow);
  }
  const header = Buffer.alloc(HEADER_BYTES);
  header.write(MAGIC, 0, 'latin1');
  header.writeUInt32LE(VERSION, 4);
  header.writeUInt32LE(order, 8);
  header.writeUInt32LE(slots, 12);
  header.writeUInt32LE(entries.length, 16);
  header.writeFloatLE(oov, 20);
  return Buffer.concat([header, Buffer.from(fp.buffer), Buffer.from(pr.buffer), Buffer.from(bw.buffer)]);
}
