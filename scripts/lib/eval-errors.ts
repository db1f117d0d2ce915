/**
 * Rule errors seen during the evaluation (a rule that throws is skipped by the runner, which would read as
 * "no false alarms"): counted by rule and printed with the table; the run then exits 1.
 */
export const ruleErrors = new Map<string, { count: number; first: string }>();
export function recordRuleError(ruleId: string, e: unknown): void {
  const r = ruleErrors.get(ruleId);
  if (r) r.count++;
  else ruleErrors.set(ruleId, { count: 1, first: String((e as Error)?.stack ?? e).split('\n').slice(0, 3).join(' | ') });
}
