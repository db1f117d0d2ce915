/**
 * Where the shared corpus lies and how the published reports are split between model training and evaluation.
 * Read in place: no corpus text is ever copied into the repository.
 *
 * Split (by document, fixed): the report files under corpus/reports, sorted by path; every third file
 * (index % 3 === 2) is held out for evaluation, the others train the shipped model together with corpus/official.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const SHARED = process.env.REPORT_LINT_SHARED ?? path.resolve(__dirname, '../../../shared');
export const CORPUS = path.join(SHARED, 'corpus');

export function listTxt(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) out.push(p);
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out.sort();
}

export function reportSplit(): { train: string[]; test: string[] } {
  const all = listTxt(path.join(CORPUS, 'reports'));
  return { train: all.filter((_, i) => i % 3 !== 2), test: all.filter((_, i) => i % 3 === 2) };
}

export function officialFiles(): string[] {
  return listTxt(path.join(CORPUS, 'official'));
}

/** A small deterministic PRNG (mulberry32) for reproducible sampling. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
