import {
  CodeActionKind,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { ReportDocument } from '../core/document';
import { applyFixes } from '../core/fix';
import { disableNextLineComment } from '../core/suppress';
import type { Diagnostic } from '../core/types';
import { SOURCE, toTextEdit, type DiagnosticData } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.reportLint`;

export const COMMANDS = {
  fixAll: 'reportLint.fixAll',
  addToDictionary: 'reportLint.addToDictionary',
  openRuleDocs: 'reportLint.openRuleDocs',
  checkWorkspace: 'reportLint.checkWorkspace',
} as const;

/** The diagnostics of one complete check of one document version. */
export interface CheckResult {
  version: number;
  doc: ReportDocument;
  diagnostics: Diagnostic[];
}

/** Does a request restricted to `only` kinds accept actions of `kind`? (Kinds are hierarchical: a.b ⊂ a.) */
export function kindRequested(only: string[] | undefined, kind: string): boolean {
  if (!only) return kind === CodeActionKind.QuickFix;
  return only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

export function workspaceEdit(uri: string, version: number, edits: TextEdit[], documentChanges: boolean): WorkspaceEdit {
  return documentChanges ? { documentChanges: [{ textDocument: { uri, version }, edits }] } : { changes: { [uri]: edits } };
}

/** The edits of every safe fix in `result` (of `ruleId` only, if given), non-overlapping, as `--fix` applies them. */
export function fixAllEdits(result: CheckResult, ruleId?: string): TextEdit[] {
  const fixes = result.diagnostics.filter((d) => d.fix && (!ruleId || d.ruleId === ruleId)).map((d) => d.fix!);
  return applyFixes(result.doc.text, fixes).applied.map((f) => toTextEdit(result.doc, f));
}

/** The line break the document uses (its first one), "\n" when it has none. */
export function lineBreakOf(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

const NEXT_LINE_DIRECTIVE = /^([ \t\u3000]*)<!--\s*report-lint-disable-next-line\b([^>]*?)\s*-->[ \t]*$/;

/**
 * The edit that disables `ruleId` on line `line`: a `<!-- report-lint-disable-next-line RULE -->` line inserted
 * above it with the same indentation and line break, or the rule added to such a directive already there.
 * In Markdown, a line that continues a paragraph gets `<!-- report-lint-disable-line RULE -->` at its end
 * instead: a comment line there would split the paragraph in two when rendered.
 */
export function ignoreLineEdit(doc: ReportDocument, line: number, ruleId: string): TextEdit {
  const start = doc.lineStart(line);
  if (line > 0) {
    const prevStart = doc.lineStart(line - 1);
    const prevEnd = doc.lineEnd(line - 1);
    const m = NEXT_LINE_DIRECTIVE.exec(doc.text.slice(prevStart, prevEnd));
    const ids = m?.[2].split(/[\s,，]+/).filter(Boolean) ?? [];
    if (m && ids.length) {
      return {
        range: { start: doc.positionAt(prevStart), end: doc.positionAt(prevEnd) },
        newText: `${m[1]}<!-- report-lint-disable-next-line ${[...ids, ruleId].join(' ')} -->`,
      };
    }
  }
  const end = doc.lineEnd(line);
  if (doc.format === 'markdown') {
    const para = doc.paragraphAt(start) ?? doc.paragraphAt(end - 1);
    if (para && para.start < start && /\S/.test(doc.text.slice(start, end))) {
      const existing = /\s*<!--\s*report-lint-disable-line\b([^>]*?)\s*-->\s*$/.exec(doc.text.slice(start, end));
      const ids = existing?.[1].split(/[\s,，]+/).filter(Boolean) ?? [];
      const from = existing ? start + existing.index : end;
      const pos = doc.positionAt(from);
      return { range: { start: pos, end: doc.positionAt(end) }, newText: ` <!-- report-lint-disable-line ${[...ids, ruleId].join(' ')} -->` };
    }
  }
  const indent = /^[ \t\u3000]*/.exec(doc.text.slice(start, end))![0];
  // The line's own break, so that a file with mixed breaks stays as it was around the edit.
  const own = doc.text.slice(end, line + 1 < doc.lineCount ? doc.lineStart(line + 1) : doc.text.length);
  const eol = own || lineBreakOf(doc.text);
  const pos = doc.positionAt(start);
  return { range: { start: pos, end: pos }, newText: `${indent}${disableNextLineComment(ruleId)}${eol}` };
}

export interface ActionContext {
  uri: string;
  /** The document's current version. */
  version: number;
  /** The latest check of the current version, if any (complete, or its fast phase while model rules run). */
  result?: CheckResult;
  /** The engine document of the current version. */
  doc: ReportDocument;
  documentChanges: boolean;
}

/**
 * Quick fixes for the report-lint diagnostics of a code action request: fix and suggestions of each, "fix all
 * RULE problems", "ignore RULE on this line", "add word to the dictionary", "open rule documentation".
 * Edits are only offered for diagnostics computed on the current version.
 */
export function quickFixes(params: CodeActionParams, ctx: ActionContext): CodeAction[] {
  const fixes: CodeAction[] = [];
  const fixAll: CodeAction[] = [];
  const ignores: CodeAction[] = [];
  const words: CodeAction[] = [];
  const docs: CodeAction[] = [];
  const seen = new Set<string>();
  const once = (key: string) => !seen.has(key) && !!seen.add(key);
  const edit = (edits: TextEdit[]) => workspaceEdit(ctx.uri, ctx.version, edits, ctx.documentChanges);
  const current = ctx.result && ctx.result.version === ctx.version ? ctx.result : undefined;

  for (const d of params.context.diagnostics as LspDiagnostic[]) {
    if (d.source !== SOURCE || d.code === undefined) continue;
    const ruleId = String(d.code);
    const data = d.data as DiagnosticData | undefined;
    const fresh = !!data && data.version === ctx.version;
    if (fresh && data.fix) {
      fixes.push({ title: data.fix.title, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics: [d], edit: edit([{ range: data.fix.range, newText: data.fix.newText }]) });
    }
    if (fresh) {
      for (const s of data.suggestions ?? []) {
        fixes.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: edit([{ range: s.range, newText: s.newText }]) });
      }
    }
    if (current && once(`fixall:${ruleId}`)) {
      const n = current.diagnostics.filter((x) => x.ruleId === ruleId && x.fix).length;
      const edits = n > 1 ? fixAllEdits(current, ruleId) : [];
      if (edits.length > 1) {
        fixAll.push({ title: `修正本文件中所有 ${ruleId} 问题（${edits.length} 处）`, kind: CodeActionKind.QuickFix, edit: edit(edits) });
      }
    }
    if (fresh && once(`ignore:${ruleId}:${d.range.start.line}`)) {
      ignores.push({
        title: `忽略此行的 ${ruleId}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: edit([ignoreLineEdit(ctx.doc, d.range.start.line, ruleId)]),
      });
    }
    if (data?.word && once(`word:${data.word}`)) {
      words.push({
        title: `将“${data.word}”加入工作区词典`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: '加入工作区词典', command: COMMANDS.addToDictionary, arguments: [ctx.uri, data.word] },
      });
    }
    if (once(`docs:${ruleId}`)) {
      docs.push({
        title: `查看规则 ${ruleId} 的说明`,
        kind: CodeActionKind.QuickFix,
        command: { title: '查看规则说明', command: COMMANDS.openRuleDocs, arguments: [ruleId] },
      });
    }
  }
  return [...fixes, ...fixAll, ...ignores, ...words, ...docs];
}
