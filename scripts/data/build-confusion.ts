/**
 * Rebuilds server/data/hanzi-confusion.tsv: the sound and shape of the common Chinese characters, from which
 * the `wrong-char` rule derives its confusion sets (characters a writer or an input method may put in place of
 * another).
 *
 *   node --import tsx scripts/data/build-confusion.ts
 *
 * Sources (dev dependencies, MIT): `pinyin-pro` (readings of each character, with tones), `hanzi` (Jun Da's
 * character frequency list and the cjk-decomp component decomposition).
 *
 * Output, one character a line, most frequent first: `char \t readings \t shape neighbours`
 *   readings          space-separated pinyin with tone number (zhong1 zhong4)
 *   shape neighbours  characters of similar shape, most similar first (at most MAX_SHAPE): characters that share
 *                     a direct component in the same place and structure (据/剧, 弭/强), that contain the
 *                     character as a component (建/健), or whose component trees overlap strongly (卷/巷).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pinyin } from 'pinyin-pro';

const MAX_CHARS = 5000;
const MAX_SHAPE = 12;
/** A shared-component group larger than this is a radical (扌, 氵), not a resemblance. */
const MAX_GROUP = 14;
/** Jaccard similarity of the leaf components above which two characters of the same structure look alike. */
const LEAF_JACCARD = 0.5;

const OUT = path.resolve(__dirname, '../../server/data/hanzi-confusion.tsv');

function loadModuleText(rel: string): string {
  // The hanzi package ships its data as `module.exports = \`...\``.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require(`hanzi/lib/data/${rel}`) as string;
}

function frequentChars(): string[] {
  const out: string[] = [];
  for (const line of loadModuleText('frequency_with_script_variants_removed.txt.js').split('\n')) {
    const c = line.split('\t')[1];
    if (c && /^\p{Script=Han}$/u.test(c)) out.push(c);
    if (out.length >= MAX_CHARS) break;
  }
  return out;
}

interface Decomp {
  op: string;
  parts: string[];
}

function decompositions(): Map<string, Decomp> {
  const map = new Map<string, Decomp>();
  for (const line of loadModuleText('cjk-decomp.txt.js').split('\n')) {
    const m = /^([^:]+):([a-z/]+)\(([^)]*)\)$/.exec(line.trim());
    if (!m) continue;
    map.set(m[1], { op: m[2].split('/')[0], parts: m[3] ? m[3].split(',') : [] });
  }
  return map;
}

function leaves(c: string, dec: Map<string, Decomp>, depth = 0, out: string[] = []): string[] {
  const d = dec.get(c);
  if (!d || d.parts.length === 0 || depth > 6) {
    out.push(c);
    return out;
  }
  for (const p of d.parts) leaves(p, dec, depth + 1, out);
  return out;
}

function jaccard(a: string[], b: string[]): number {
  const A = new Set(a);
  const B = new Set(b);
  let inter = 0;
  for (const x of A) if (B.has(x)) inter++;
  return inter / (A.size + B.size - inter);
}

function main(): void {
  const chars = frequentChars();
  const rank = new Map(chars.map((c, i) => [c, i]));
  const dec = decompositions();

  // Shared-component groups: key = structure + place + component.
  const groups = new Map<string, string[]>();
  const add = (key: string, c: string) => {
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  };
  for (const c of chars) {
    const d = dec.get(c);
    add(`whole:${c}`, c);
    if (!d || d.parts.length !== 2) continue;
    d.parts.forEach((p, i) => {
      add(`${d.op}:${i}:${p}`, c);
      add(`whole:${p}`, c);
    });
  }
  const shape = new Map<string, Map<string, number>>();
  const link = (a: string, b: string, score: number) => {
    if (a === b) return;
    for (const [x, y] of [[a, b], [b, a]]) {
      let m = shape.get(x);
      if (!m) shape.set(x, (m = new Map()));
      m.set(y, Math.max(m.get(y) ?? 0, score));
    }
  };
  for (const g of groups.values()) {
    if (g.length < 2 || g.length > MAX_GROUP) continue;
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) link(g[i], g[j], 1);
  }
  // Overlapping component trees with the same top structure.
  const leafSets = chars.map((c) => leaves(c, dec));
  const ops = chars.map((c) => dec.get(c)?.op ?? '');
  for (let i = 0; i < chars.length; i++) {
    if (leafSets[i].length < 3) continue;
    for (let j = i + 1; j < chars.length; j++) {
      if (ops[i] !== ops[j] || leafSets[j].length < 3) continue;
      const s = jaccard(leafSets[i], leafSets[j]);
      if (s >= LEAF_JACCARD) link(chars[i], chars[j], s);
    }
  }

  const lines: string[] = [];
  for (const c of chars) {
    const readings = [...new Set(pinyin(c, { multiple: true, type: 'array', toneType: 'num' }) as string[])]
      .map((r) => r.replace(/0$/, '5').replace(/^([a-zü]+)$/, '$15'))
      .filter((r) => /^[a-zü]+[1-5]$/.test(r));
    if (readings.length === 0) continue;
    const near = [...(shape.get(c) ?? new Map<string, number>())]
      .sort((x, y) => y[1] - x[1] || (rank.get(x[0]) ?? 1e9) - (rank.get(y[0]) ?? 1e9))
      .slice(0, MAX_SHAPE)
      .map(([n]) => n)
      .join('');
    lines.push(`${c}\t${readings.join(' ')}\t${near}`);
  }
  fs.mkdirSync(path.dirname(OUT), { recursive: true });
  fs.writeFileSync(
    OUT,
    `# hanzi-confusion.tsv — built by scripts/data/build-confusion.ts; see server/data/README.md\n${lines.join('\n')}\n`,
  );
  console.log(`${OUT}: ${lines.length} characters`);
}

main();
