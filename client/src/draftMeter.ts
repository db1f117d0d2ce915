/**
 * The draft meter: a status-bar item for the active report draft — how many places are still to be filled
 * (placeholders, missing numbers: findings with `open: true`) and how many other problems it has. The counts come
 * from the server (`reportLint/documentStats`), refreshed whenever the file's diagnostics change. A click opens the
 * Problems view, showing only the active file.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { format } from './format';

export const DOCUMENT_STATS = 'reportLint/documentStats';
const ACTIVE_FILE_FILTER_KEY = 'reportLint.problemsActiveFileFilter';
const TOGGLE_ACTIVE_FILE = 'workbench.actions.workbench.panel.markers.view.toggleActiveFile';

export interface DocumentStats {
  open: number;
  other: number;
}

/** Reads the server's answer; anything malformed gives undefined (the meter hides rather than shows nonsense). */
export function parseStats(raw: unknown): DocumentStats | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const open = r.open;
  const other = r.other;
  if (typeof open !== 'number' || typeof other !== 'number' || !(open >= 0) || !(other >= 0)) return undefined;
  return { open, other };
}

export function meterText(stats: DocumentStats): string {
  return format('待填 {0} 处 · 其他 {1} 处', stats.open, stats.other);
}

export class DraftMeter implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Increases with every refresh: an answer to an older request is dropped. */
  private generation = 0;

  constructor(
    private readonly client: () => LanguageClient | undefined,
    private readonly languages: () => string[],
  ) {
    this.item = vscode.window.createStatusBarItem('reportLint.draftMeter', vscode.StatusBarAlignment.Left, 50);
    this.item.name = format('报告审校草稿进度');
    this.item.command = 'reportLint.showProblems';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.schedule();
      }),
      vscode.workspace.onDidCloseTextDocument(() => this.schedule()),
    );
    this.refresh();
  }

  /** The meter's current text ('' when hidden); used by tests. */
  text(): string {
    return this.visible ? this.item.text.replace(/^\$\([^)]*\)\s*/, '') : '';
  }

  private visible = false;

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 100);
  }

  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    const client = this.client();
    if (!doc || !client || !this.languages().includes(doc.languageId) || !['file', 'untitled'].includes(doc.uri.scheme)) {
      this.hide();
      return;
    }
    client.sendRequest(DOCUMENT_STATS, { uri: doc.uri.toString() }).then(
      (raw) => {
        if (generation !== this.generation) return;
        const stats = parseStats(raw);
        if (stats) this.show(stats);
        else this.hide();
      },
      () => {
        if (generation === this.generation) this.hide();
      },
    );
  }

  private show(stats: DocumentStats): void {
    this.item.text = `$(checklist) ${meterText(stats)}`;
    this.item.tooltip = new vscode.MarkdownString(
      format('报告审校：本文件还有 {0} 处待填写（占位符、漏掉的数字），其他问题 {1} 处。点击查看。',
        stats.open,
        stats.other,
      ),
    );
    this.item.backgroundColor = stats.open > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.accessibilityInformation = { label: meterText(stats), role: 'button' };
    this.item.show();
    this.visible = true;
  }

  private hide(): void {
    this.item.hide();
    this.visible = false;
  }

  /**
   * Opens the Problems view showing only the active file. VS Code has no API to read or set the view's filter,
   * only a toggle: we switch "show active file only" on once and remember that we did, so later clicks never
   * switch it off again.
   */
  async showProblems(state: vscode.Memento): Promise<void> {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (state.get<boolean>(ACTIVE_FILE_FILTER_KEY)) return;
    try {
      await vscode.commands.executeCommand(TOGGLE_ACTIVE_FILE);
      await state.update(ACTIVE_FILE_FILTER_KEY, true);
    } catch {
      // An editor without this action: the unfiltered view is still useful.
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
