import type { CheckResult } from './code-actions';

/** Custom request of the VS Code client's draft meter: counts of one open document's findings. */
export const DOCUMENT_STATS_REQUEST = 'reportLint/documentStats';

export interface DocumentStats {
  uri: string;
  /** The document version the counts are for. */
  version: number;
  /** Text still to be filled in: placeholders, missing numbers (findings marked `open`). */
  open: number;
  /** Every other finding. */
  other: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings per rule id. */
  byRule: Record<string, number>;
}

export function documentStats(uri: string, result: CheckResult): DocumentStats {
  const s: DocumentStats = { uri, version: result.version, open: 0, other: 0, errors: 0, warnings: 0, infos: 0, byRule: {} };
  for (const d of result.diagnostics) {
    if (d.open) s.open++;
    else s.other++;
    if (d.severity === 'error') s.errors++;
    else if (d.severity === 'warn') s.warnings++;
    else s.infos++;
    s.byRule[d.ruleId] = (s.byRule[d.ruleId] ?? 0) + 1;
  }
  return s;
}
