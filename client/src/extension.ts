/**
 * The VS Code client of report-lint: starts the language server (dist/server.js) over node IPC and adds what only
 * an editor has — commands with progress, the draft meter in the status bar, a clear message when the server cannot
 * start. No linting logic lives here.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DraftMeter } from './draftMeter';
import { format } from './format';

export const CLIENT_ID = 'reportLint';
const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'report'];
/** The server may crash and be restarted this many times within RESTART_WINDOW_MS before we give up. */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 3 * 60_000;

let client: LanguageClient | undefined;
let meter: DraftMeter | undefined;
let output: vscode.LogOutputChannel | undefined;

/** What the extension returns from activate(): used by the extension-host tests. */
export interface ReportLintApi {
  /** Resolves once the language server is running (rejects if it cannot start). */
  ready(): Promise<void>;
  /** The running client, or undefined when the server is stopped. */
  client(): LanguageClient | undefined;
  /** The draft meter's text for the active editor ('' when hidden). */
  meterText(): string;
}

function languages(): string[] {
  const configured = vscode.workspace.getConfiguration('reportLint').get<unknown>('languages');
  if (Array.isArray(configured)) {
    const ids = configured.filter((l): l is string => typeof l === 'string' && l.trim() !== '');
    return ids;
  }
  return DEFAULT_LANGUAGES;
}

/** The `reportLint` section as plain JSON (for initializationOptions; the server also pulls it per document). */
function plainSettings(): Record<string, unknown> {
  const section = vscode.workspace.getConfiguration('reportLint');
  const keys = ['enable', 'rules', 'dictionary', 'debounceMs', 'languages', 'final', 'logLevel', 'trace'];
  return Object.fromEntries(keys.map((k) => [k, section.get(k)]).filter(([, v]) => v !== undefined));
}

function documentSelector(ids: string[]): LanguageClientOptions['documentSelector'] {
  return ids.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

/**
 * Restarts a server that crashed after it had been running, at most MAX_RESTARTS times in RESTART_WINDOW_MS;
 * a server that never came up is not restarted (it would fail the same way). No crash loop.
 */
class RestartLimiter implements ErrorHandler {
  private restarts: number[] = [];
  /** Set once the server has answered initialize. */
  running = false;
  constructor(private readonly onGiveUp: () => void) {}
  error(): ReturnType<ErrorHandler['error']> {
    return { action: ErrorAction.Continue, handled: true };
  }
  closed(): ReturnType<ErrorHandler['closed']> {
    if (!this.running) return { action: CloseAction.DoNotRestart, handled: true };
    const now = Date.now();
    this.restarts = this.restarts.filter((t) => now - t < RESTART_WINDOW_MS);
    this.restarts.push(now);
    if (this.restarts.length <= MAX_RESTARTS) {
      output?.warn(format('语言服务器意外停止，正在重启。'));
      return { action: CloseAction.Restart, handled: true };
    }
    this.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }
}

/**
 * The language client, with its error notifications kept in the log: when the server cannot start or keeps
 * crashing, the user gets our one notification in Chinese instead of several generic ones.
 */
class ReportLintClient extends LanguageClient {
  override error(message: string, data?: unknown): void {
    super.error(message, data, false);
  }
}

/** True once the user has been told that the server is down; reset when it runs again. */
let failureShown = false;

/** Tells the user once, in plain words, that drafts are not being checked; the technical detail goes to the log. */
async function notifyFailure(summary: string, detail?: string): Promise<void> {
  output?.error(detail ? `${summary} ${detail}` : summary);
  if (failureShown) return;
  failureShown = true;
  const showLog = '查看日志';
  const restart = '重启';
  const choice = await vscode.window.showErrorMessage(`报告审校：${summary}草稿暂不检查。`, showLog, restart);
  if (choice === showLog) output?.show(true);
  else if (choice === restart) void vscode.commands.executeCommand('reportLint.restartServer');
}

function createClient(context: vscode.ExtensionContext, limiter: RestartLimiter): LanguageClient | undefined {
  const serverModule = context.asAbsolutePath('dist/server.js');
  if (!fs.existsSync(serverModule)) {
    void notifyFailure(format('缺少语言服务器 {0}（请先运行“npm run build”）。', serverModule));
    return undefined;
  }
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6012'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(languages()),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { settings: plainSettings() },
    synchronize: {
      // Pushes the whole `reportLint` section on every change (the server also pulls it per document).
      configurationSection: 'reportLint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.reportlintrc.json,.reportlintignore}'),
    },
    errorHandler: limiter,
    // No retry: startClient reports the failure once.
    initializationFailedHandler: () => false,
    middleware: {
      executeCommand: async (command, args, next) => {
        switch (command) {
          case 'reportLint.checkWorkspace':
            return checkWorkspace(args, next);
          case 'reportLint.fixAll':
            return next(command, args.length ? args : activeDocumentArgs());
          case 'reportLint.openRuleDocs':
            return openRuleDocs(args, next);
          default:
            return next(command, args);
        }
      },
    },
  };
  return new ReportLintClient(CLIENT_ID, 'Report Lint', serverOptions, clientOptions);
}

/** Arguments for a per-document server command run from the palette: the active document. */
function activeDocumentArgs(): unknown[] {
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? [doc.uri.toString(), doc.version] : [];
}

async function checkWorkspace(args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: format('报告审校：正在检查整个工作区……'), cancellable: false },
    async () => {
      const result = await next('reportLint.checkWorkspace', args);
      const summary = summarise(result);
      if (summary) void vscode.window.showInformationMessage(summary);
      return result;
    },
  );
}

/** A one-line summary of what checkWorkspace returned ({ files, problems, open, cancelled }). */
export function summarise(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  const r = result as Record<string, unknown>;
  if (typeof r.files !== 'number' || typeof r.problems !== 'number') return undefined;
  const head = r.cancelled === true ? format('报告审校：检查已取消。') + ' ' : '';
  if (typeof r.open === 'number' && r.open > 0) {
    return head + format('报告审校：已检查 {0} 个文件，发现 {1} 处问题，其中待填 {2} 处。', r.files, r.problems, r.open);
  }
  return head + format('报告审校：已检查 {0} 个文件，发现 {1} 处问题。', r.files, r.problems);
}

async function openRuleDocs(args: unknown[], next: (command: string, args: unknown[]) => Promise<unknown>): Promise<unknown> {
  if (args.length) return next('reportLint.openRuleDocs', args);
  // From the palette: offer the rules of the findings under the cursor, else ask the server with no argument.
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const here = vscode.languages
      .getDiagnostics(editor.document.uri)
      .filter((d) => d.source === 'report-lint' && d.range.contains(editor.selection.active));
    const codes = [...new Map(here.map((d) => [codeOf(d), d] as const)).values()].filter((d) => codeOf(d));
    if (codes.length) {
      const picked =
        codes.length === 1
          ? codes[0]
          : (await vscode.window.showQuickPick(
              codes.map((d) => ({ label: codeOf(d)!, description: d.message, d })),
              { placeHolder: format('查看哪条规则的文档？') },
            ))?.d;
      if (!picked) return undefined;
      const href = typeof picked.code === 'object' ? picked.code.target : undefined;
      if (href) return vscode.env.openExternal(href);
      return next('reportLint.openRuleDocs', [codeOf(picked)]);
    }
  }
  return next('reportLint.openRuleDocs', args);
}

function codeOf(d: vscode.Diagnostic): string | undefined {
  if (d.code === undefined) return undefined;
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function startClient(context: vscode.ExtensionContext): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'reportLint.languages', languages());
  const limiter = new RestartLimiter(() => {
    void notifyFailure(format('语言服务器几分钟内停止了 {0} 次，不再自动重启，', MAX_RESTARTS + 1));
  });
  client = createClient(context, limiter);
  if (!client) return;
  const c = client;
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) {
      limiter.running = true;
      failureShown = false;
    }
    meter?.refresh();
  });
  try {
    await c.start();
  } catch (error) {
    if (client === c) client = undefined;
    // The server did not come up (died at start, failed the handshake, could not be spawned).
    void notifyFailure('语言服务器无法启动，', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function stopClient(): Promise<void> {
  const c = client;
  client = undefined;
  if (c && c.state !== State.Stopped) {
    try {
      await c.stop(5000);
    } catch (error) {
      output?.error(String(error));
    }
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<ReportLintApi> {
  output = vscode.window.createOutputChannel('Report Lint', { log: true });
  context.subscriptions.push(output);
  meter = new DraftMeter(() => (client?.state === State.Running ? client : undefined), languages);
  context.subscriptions.push(meter);

  let starting: Promise<void> = startClient(context).catch(() => undefined);
  const restart = async (): Promise<void> => {
    await starting;
    await stopClient();
    starting = startClient(context).catch(() => undefined);
    await starting;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('reportLint.restartServer', restart),
    vscode.commands.registerCommand('reportLint.showOutput', () => output?.show(true)),
    vscode.commands.registerCommand('reportLint.showProblems', () => meter?.showProblems(context.workspaceState)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // The document selector is fixed when the client starts: a new language list needs a restart.
      // Everything else in the section reaches the server as a configuration change.
      if (e.affectsConfiguration('reportLint.languages')) void restart();
      else if (e.affectsConfiguration('reportLint')) meter?.refresh();
    }),
    { dispose: () => void stopClient() },
  );

  // The server's commands (检查整个工作区 …) are registered once it has started: wait for it (bounded), so that
  // a command that activated the extension finds them.
  await Promise.race([starting, new Promise((resolve) => setTimeout(resolve, 15_000))]);

  return {
    ready: async () => {
      await starting;
      if (!client || client.state !== State.Running) throw new Error('report-lint language server is not running');
    },
    client: () => client,
    meterText: () => meter?.text() ?? '',
  };
}

export async function deactivate(): Promise<void> {
  await stopClient();
}
