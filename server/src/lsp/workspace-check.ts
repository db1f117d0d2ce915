import * as path from 'node:path';
import type { CancellationToken, Connection, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { EffectiveConfig } from '../core/config';
import { ReportDocument } from '../core/document';
import { lint } from '../core/runner';
import type { Diagnostic, Rule } from '../core/types';
import { discover } from '../cli/discover';
import { readForLint } from '../cli/read';
import { sortDiagnostics, type CheckOptions } from './checker';
import type { CheckResult } from './code-actions';
import { pathToUri, toLspDiagnostic } from './convert';

/**
 * Extensions the workspace check reads: plain text, Markdown and the extension's own `report` language (Word
 * files are the CLI's: their positions are paragraph numbers).
 */
export const WORKSPACE_EXTENSIONS = new Set(['.txt', '.md', '.report']);

export interface WorkspaceCheckOptions {
  connection: Connection;
  /** Workspace folder paths. */
  folders: string[];
  rules: readonly Rule[];
  token: CancellationToken;
  progress?: Pick<WorkDoneProgressReporter, 'begin' | 'report' | 'done'> & { token?: CancellationToken };
  /** For a document open in the editor: its check (already published); undefined when not open. */
  openDocument(uri: string): Promise<CheckResult | undefined> | undefined;
  configFor(file: string): Promise<EffectiveConfig>;
  isEnabled(file: string): Promise<boolean>;
  onRuleError(ruleId: string, e: unknown): void;
  /** Called for every closed file whose diagnostics were published, with the URI used. */
  onPublished?(file: string, uri: string): void;
  log(level: 'error' | 'info' | 'debug', message: string): void;
  /** Runs the model-tier rules off this thread (the server's worker); without it every rule runs here. */
  runModel?(uri: string, doc: ReportDocument, options: CheckOptions, ruleIds: string[]): Promise<Diagnostic[] | undefined | 'inline'>;
}

export interface WorkspaceCheckSummary {
  files: number;
  problems: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Placeholders and missing numbers. */
  open: number;
  /** Files that could not be read, with the reason. */
  failed: Array<{ file: string; error: string }>;
  cancelled: boolean;
}

/**
 * The *.txt and *.md files of the folders, as the CLI finds them (.reportlintignore, .gitignore and config
 * ignorePatterns respected). A folder that cannot be searched (e.g. a broken config) is reported in `failed`.
 */
export function workspaceFiles(folders: readonly string[], failed: Array<{ file: string; error: string }> = []): string[] {
  const out = new Set<string>();
  for (const folder of folders) {
    try {
      // The CLI's folder search finds *.txt and *.md; *.report files are the editor's own language.
      for (const f of discover(['.', '**/*.report'], folder).files) {
        if (WORKSPACE_EXTENSIONS.has(path.extname(f).toLowerCase())) out.add(f);
      }
    } catch (e) {
      failed.push({ file: folder, error: (e as Error).message });
    }
  }
  return [...out].sort();
}

/**
 * Checks every report file of the workspace folders and publishes the diagnostics of each, with $/progress
 * reporting. Open documents keep their live diagnostics. Gives way to other messages between files.
 */
export async function checkWorkspace(o: WorkspaceCheckOptions): Promise<WorkspaceCheckSummary> {
  const summary: WorkspaceCheckSummary = { files: 0, problems: 0, errors: 0, warnings: 0, infos: 0, open: 0, failed: [], cancelled: false };
  const files = workspaceFiles(o.folders, summary.failed);
  o.progress?.begin('report-lint：检查工作区', 0, `共 ${files.length} 个文件`, true);
  const cancelled = () => o.token.isCancellationRequested || !!o.progress?.token?.isCancellationRequested;
  try {
    for (let i = 0; i < files.length; i++) {
      if (cancelled()) {
        summary.cancelled = true;
        break;
      }
      const file = files[i];
      o.progress?.report(Math.round((i * 100) / files.length), `${i + 1}/${files.length} ${path.basename(file)}`);
      await new Promise((r) => setImmediate(r));
      const uri = pathToUri(file);
      let diags;
      const open = o.openDocument(uri);
      if (open) {
        diags = (await open)?.diagnostics ?? [];
      } else {
        if (!(await o.isEnabled(file))) continue;
        const read = readForLint(file);
        if ('error' in read) {
          summary.failed.push({ file, error: read.error });
          continue;
        }
        if ('skipped' in read) continue;
        const doc = new ReportDocument(read.doc.text, read.doc.format, uri);
        const eff = await o.configFor(file);
        const options: CheckOptions = { rules: eff.rules, dictionary: eff.dictionary, onRuleError: o.onRuleError };
        const modelIds = o.rules.filter((r) => r.meta.tier !== 'fast' && eff.rules.get(r.meta.id)?.severity !== 'off').map((r) => r.meta.id);
        const model = o.runModel && modelIds.length ? await o.runModel(uri, doc, options, modelIds) : 'inline';
        if (model === 'inline') diags = lint(doc, o.rules, options);
        else diags = sortDiagnostics([...lint(doc, o.rules.filter((r) => r.meta.tier === 'fast'), options), ...(model ?? [])]);
        void o.connection.sendDiagnostics({ uri, diagnostics: diags.map((d) => toLspDiagnostic(doc, 0, d)) });
        o.onPublished?.(file, uri);
      }
      summary.files++;
      for (const d of diags) {
        summary.problems++;
        if (d.severity === 'error') summary.errors++;
        else if (d.severity === 'warn') summary.warnings++;
        else summary.infos++;
        if (d.open) summary.open++;
      }
    }
  } finally {
    o.progress?.done();
  }
  o.log('info', `工作区检查：${summary.files} 个文件，${summary.problems} 个问题${summary.cancelled ? '（已取消）' : ''}`);
  return summary;
}
