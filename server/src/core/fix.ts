import type { Fix } from './types';

export interface FixResult {
  output: string;
  applied: Fix[];
  /** Fixes left out because they overlapped an earlier one (they may apply on a next pass). */
  skipped: Fix[];
}

/**
 * Applies non-overlapping fixes in one pass. Fixes are sorted by position; a fix that overlaps one already
 * taken is skipped (as ESLint does). Two insertions at the same offset are also taken as overlapping.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): FixResult {
  const sorted = [...fixes]
    .filter((f) => f.range[0] >= 0 && f.range[1] <= text.length && f.range[0] <= f.range[1])
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  let out = '';
  let last = 0;
  let lastEnd = -1;
  for (const f of sorted) {
    if (f.range[0] < last || f.range[0] === lastEnd) {
      skipped.push(f);
      continue;
    }
    if (text.slice(f.range[0], f.range[1]) === f.text) continue;
    out += text.slice(last, f.range[0]) + f.text;
    last = f.range[1];
    lastEnd = f.range[1];
    applied.push(f);
  }
  out += text.slice(last);
  return { output: out, applied, skipped };
}
