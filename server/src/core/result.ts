import type { ReportDocument } from './document';
import type { Diagnostic, Fix, Suggestion } from './types';

/** One checked file: the unit every output format works from. */
export interface FileResult {
  filePath: string;
  /** Absent when the file could not be read: then `error` says why. */
  doc?: ReportDocument;
  diagnostics: Diagnostic[];
  /** A message for a file that could not be checked (unreadable, undecodable). */
  error?: string;
  /** A file skipped on purpose (binary): reported, but not a failure. */
  skipped?: string;
  /** The fixed text, when --fix/--fix-dry-run changed something. */
  output?: string;
  /** How many fixes --fix applied (or --fix-dry-run would apply) to this file. */
  fixed?: number;
}

export const SEVERITY_NUMBER = { info: 0, warn: 1, error: 2 } as const;

export interface JsonMessage {
  ruleId: string | null;
  severity: 0 | 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  length: number;
  fix?: Fix;
  suggestions?: Suggestion[];
}

export interface JsonFileResult {
  filePath: string;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  messages: JsonMessage[];
  output?: string;
}

/** The ESLint-shaped JSON of SPEC.md. Columns and offsets are UTF-16 code units, lines and columns 1-based. */
export function toJson(r: FileResult): JsonFileResult {
  const messages: JsonMessage[] = [];
  if (r.error) {
    messages.push({ ruleId: null, severity: 2, message: r.error, line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 });
  }
  for (const d of r.diagnostics) {
    const s = r.doc!.positionAt(d.range[0]);
    const e = r.doc!.positionAt(d.range[1]);
    const m: JsonMessage = {
      ruleId: d.ruleId,
      severity: SEVERITY_NUMBER[d.severity],
      message: d.message,
      line: s.line + 1,
      column: s.character + 1,
      endLine: e.line + 1,
      endColumn: e.character + 1,
      offset: d.range[0],
      length: d.range[1] - d.range[0],
    };
    if (d.fix) m.fix = d.fix;
    if (d.suggestions?.length) m.suggestions = d.suggestions;
    messages.push(m);
  }
  const count = (sev: number) => messages.filter((m) => m.severity === sev).length;
  const out: JsonFileResult = {
    filePath: r.filePath,
    errorCount: count(2),
    warningCount: count(1),
    infoCount: count(0),
    fixableErrorCount: r.diagnostics.filter((d) => d.fix && d.severity === 'error').length,
    fixableWarningCount: r.diagnostics.filter((d) => d.fix && d.severity === 'warn').length,
    messages,
  };
  if (r.output !== undefined) out.output = r.output;
  return out;
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  fixable: number;
  files: number;
}

export function totals(results: FileResult[]): Totals {
  const t: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0, files: results.length };
  for (const r of results) {
    if (r.error) t.errors++;
    for (const d of r.diagnostics) {
      if (d.severity === 'error') t.errors++;
      else if (d.severity === 'warn') t.warnings++;
      else t.infos++;
      if (d.fix) t.fixable++;
    }
  }
  return t;
}
