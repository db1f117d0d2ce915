/**
 * Where the time goes, per rule (REPORT_LINT_TIMING=1, as ESLint's TIMING=1): the CLI then checks in one thread
 * and prints a table on stderr after the report. Shared work is shown on its own rows and not counted in the rule
 * that happens to ask first: segmentation (a paragraph is cut once for all rules) and loading the language model.
 */
const totals = new Map<string, number>();
/** Time spent in shared sections, to subtract from the rule that was running. */
let shared = 0;

export function timingEnabled(): boolean {
  return !!process.env.REPORT_LINT_TIMING && process.env.REPORT_LINT_TIMING !== '0';
}

/** Runs `fn` as a shared section labelled `label` (only measured when timing is on). */
export function timedShared<T>(label: string, fn: () => T): T {
  if (!timingEnabled()) return fn();
  const t0 = performance.now();
  try {
    return fn();
  } finally {
    const ms = performance.now() - t0;
    shared += ms;
    totals.set(label, (totals.get(label) ?? 0) + ms);
  }
}

/** Runs a rule's `fn`, counting its own time (shared sections inside it excluded) under `ruleId`. */
export function timedRule<T>(ruleId: string, fn: () => T): T {
  if (!timingEnabled()) return fn();
  const t0 = performance.now();
  const s0 = shared;
  try {
    return fn();
  } finally {
    const ms = performance.now() - t0 - (shared - s0);
    totals.set(ruleId, (totals.get(ruleId) ?? 0) + ms);
  }
}

/** The table: one row per rule or shared section, slowest first. */
export function timingTable(): string {
  const rows = [...totals].sort((a, b) => b[1] - a[1]);
  const all = rows.reduce((s, [, ms]) => s + ms, 0) || 1;
  // display width: CJK characters take two columns
  const cols = (t: string) => [...t].reduce((n, c) => n + (c.charCodeAt(0) > 0x2e7f ? 2 : 1), 0);
  const pad = (t: string, w: number) => t + ' '.repeat(Math.max(0, w - cols(t)));
  const width = Math.max(4, ...rows.map(([k]) => cols(k)));
  const lines = [`${pad('规则', width)} | 时间（毫秒） |   占比`];
  for (const [k, ms] of rows) lines.push(`${pad(k, width)} | ${ms.toFixed(1).padStart(12)} | ${((ms / all) * 100).toFixed(1).padStart(5)}%`);
  return lines.join('\n') + '\n';
}

export function resetTiming(): void {
  totals.clear();
  shared = 0;
}
