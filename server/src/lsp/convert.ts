import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  type Diagnostic as LspDiagnostic,
  type Range as LspRange,
  type TextEdit,
} from 'vscode-languageserver';
import { ReportDocument, type DocFormat } from '../core/document';
import type { Diagnostic, Fix, Range } from '../core/types';
import { ruleDocsUrl } from '../rules';

export const SOURCE = 'report-lint';

/** Rules whose findings offer "add the word to the workspace dictionary" (the flagged text is a word). */
export const WORDING_RULES: ReadonlySet<string> = new Set(['missing-char', 'wrong-char']);

/** What a diagnostic carries for code actions (LSP `data`). */
export interface DiagnosticData {
  /** Version of the document the diagnostic was computed on: its edits only apply to that version. */
  version: number;
  fix?: TextEdit & { title: string };
  suggestions?: Array<TextEdit & { title: string }>;
  /** The word that "add to the workspace dictionary" would add. */
  word?: string;
  /** The finding marks text still to be filled (placeholder, missing number). */
  open?: boolean;
}

const SEVERITY: Record<Diagnostic['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warn: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspRange(doc: ReportDocument, r: Range): LspRange {
  return { start: doc.positionAt(r[0]), end: doc.positionAt(r[1]) };
}

export function toTextEdit(doc: ReportDocument, fix: Fix): TextEdit {
  return { range: toLspRange(doc, fix.range), newText: fix.text };
}

/** A short Chinese title for applying `fix` on `doc`: 改为“…” / 删除“…” / 插入“…”. */
export function fixTitle(doc: ReportDocument, fix: Fix): string {
  const old = doc.text.slice(fix.range[0], fix.range[1]);
  if (!fix.text) return `删除“${old}”`;
  if (!old) return `插入“${fix.text}”`;
  return `改为“${fix.text}”`;
}

/** The word a finding lets the user add to the dictionary, if any. */
export function dictionaryWord(doc: ReportDocument, d: Diagnostic): string | undefined {
  const w = d.word ?? (WORDING_RULES.has(d.ruleId) ? doc.text.slice(d.range[0], d.range[1]) : undefined);
  const word = w?.trim();
  return word && word.length <= 30 && !/[\s\u001A]/.test(word) ? word : undefined;
}

/** Converts an engine diagnostic to LSP, positions in UTF-16 as the engine's offsets. */
export function toLspDiagnostic(doc: ReportDocument, version: number, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { version };
  if (d.fix) data.fix = { ...toTextEdit(doc, d.fix), title: fixTitle(doc, d.fix) };
  if (d.suggestions?.length) data.suggestions = d.suggestions.map((s) => ({ ...toTextEdit(doc, s.fix), title: s.desc }));
  const word = dictionaryWord(doc, d);
  if (word) data.word = word;
  if (d.open) data.open = true;
  const out: LspDiagnostic = {
    range: toLspRange(doc, d.range),
    severity: SEVERITY[d.severity],
    source: SOURCE,
    code: d.ruleId,
    codeDescription: { href: ruleDocsUrl(d.ruleId) },
    message: d.message,
    data,
  };
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({ location: { uri: doc.uri, range: toLspRange(doc, r.range) }, message: r.message }));
  }
  return out;
}

/** The file system path of a `file:` URI, or undefined for other schemes (untitled:, …). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** Markdown for `markdown` documents and *.md files, plain text otherwise. */
export function formatOf(languageId: string, uri: string): DocFormat {
  if (languageId === 'markdown') return 'markdown';
  const p = uri.replace(/[?#].*$/, '');
  return /\.(md|markdown|mdx)$/i.test(p) ? 'markdown' : 'plaintext';
}
