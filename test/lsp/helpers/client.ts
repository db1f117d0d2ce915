import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type CodeAction,
  type Diagnostic,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type ShowDocumentParams,
  type ShowMessageParams,
  type TextDocumentContentChangeEvent,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(ROOT, 'dist/server.js');

/** How long a test waits for a notification before failing (generous: CI machines are slow). */
export const TIMEOUT = 15_000;

export const CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    workspaceFolders: true,
    applyEdit: true,
    workspaceEdit: { documentChanges: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    didChangeConfiguration: { dynamicRegistration: true },
    executeCommand: { dynamicRegistration: false },
  },
  window: { workDoneProgress: true, showDocument: { support: true }, showMessage: {} },
  textDocument: {
    synchronization: { didSave: true, dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    foldingRange: { lineFoldingOnly: true },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
  },
};

export interface StartOptions {
  /** Workspace folder (absolute path). */
  root: string;
  /** `reportLint` settings answered to workspace/configuration. */
  settings?: Record<string, unknown>;
  capabilities?: ClientCapabilities;
  /** How to reach the built server: stdio (default) or node IPC (as the VS Code client does). */
  transport?: 'stdio' | 'ipc';
  /** In-process server (for tests that inject rules): a function wiring the server onto the given streams. */
  inProcess?: (input: NodeJS.ReadableStream, output: NodeJS.WritableStream) => { dispose(): void };
}

/**
 * A small LSP client for tests: spawns the built server (`node dist/server.js --stdio`) or wires one in
 * process, answers the requests a real editor answers, and records what the server sends.
 */
export class TestClient {
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly registrations: Registration[] = [];
  readonly appliedEdits: ApplyWorkspaceEditParams[] = [];
  readonly shownDocuments: ShowDocumentParams[] = [];
  readonly progress: Array<{ token: string | number; value: { kind: string; message?: string; percentage?: number } }> = [];
  readonly configurationRequests: unknown[] = [];
  /** Open documents as the client sees them. */
  readonly docs = new Map<string, TextDocument>();
  settings: Record<string, unknown>;
  /** Settings every `changeSettings` starts from (its `rules` are merged). */
  readonly baseSettings: Record<string, unknown>;
  initializeResult?: InitializeResult;
  private listeners: Array<() => void> = [];
  private stderr = '';

  private constructor(
    readonly conn: ProtocolConnection,
    readonly root: string,
    settings: Record<string, unknown>,
    private readonly proc?: ChildProcess,
    private readonly inProc?: { dispose(): void },
  ) {
    this.settings = settings;
    this.baseSettings = settings;
    proc?.stderr?.on('data', (d) => (this.stderr += d));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      const list = this.published.get(p.uri) ?? [];
      list.push(p);
      this.published.set(p.uri, list);
      this.notify();
    });
    conn.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
      this.notify();
    });
    conn.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
      this.notify();
    });
    conn.onNotification('$/progress', (p: { token: string | number; value: { kind: string } }) => {
      this.progress.push(p);
      this.notify();
    });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ section?: string; scopeUri?: string }> }) => {
      this.configurationRequests.push(p);
      return p.items.map((i) => (i.section === 'reportLint' ? this.settings : null));
    });
    conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      this.registrations.push(...p.registrations);
      this.notify();
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      this.shownDocuments.push(p);
      this.notify();
      return { success: true };
    });
    conn.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.appliedEdits.push(p);
      this.notify();
      return { applied: true };
    });
    conn.listen();
  }

  static async start(o: StartOptions): Promise<TestClient> {
    let conn: ProtocolConnection;
    let client: TestClient;
    const settings = { debounceMs: 0, ...o.settings };
    if (o.inProcess) {
      const toServer = new PassThrough();
      const toClient = new PassThrough();
      const server = o.inProcess(toServer, toClient);
      conn = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
      client = new TestClient(conn, o.root, settings, undefined, server);
    } else if (o.transport === 'ipc') {
      if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
      const proc = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
      conn = createProtocolConnection(new IPCMessageReader(proc), new IPCMessageWriter(proc));
      client = new TestClient(conn, o.root, settings, proc);
    } else {
      if (!existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
      const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
      conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
      client = new TestClient(conn, o.root, settings, proc);
    }
    const rootUri = pathToFileURL(o.root).href;
    client.initializeResult = await conn.sendRequest('initialize', {
      processId: o.inProcess ? null : process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(o.root) }],
      capabilities: o.capabilities ?? CAPABILITIES,
    });
    await conn.sendNotification('initialized', {});
    return client;
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves when `check()` returns a value (checked now and after every message), or fails after `timeout`. */
  waitFor<T>(what: string, check: () => T | undefined | false, timeout = TIMEOUT): Promise<T> {
    return new Promise((resolve, reject) => {
      const listener = () => {
        let v: T | undefined | false;
        try {
          v = check();
        } catch (e) {
          done();
          reject(e);
          return;
        }
        if (v !== undefined && v !== false) {
          done();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}${this.stderr ? `\nserver stderr:\n${this.stderr}` : ''}`));
      }, timeout);
      const done = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
      };
      this.listeners.push(listener);
      listener();
    });
  }

  /** Number of diagnostics publications so far for `uri` (pass to `diagnostics` to wait for newer ones). */
  mark(uri: string): number {
    return this.published.get(uri)?.length ?? 0;
  }

  /**
   * The first diagnostics publication for `uri` after the `since`-th that satisfies `pred` (default: any);
   * by default one for the client's current version of the document.
   */
  diagnostics(uri: string, since = 0, pred?: (d: Diagnostic[], p: PublishDiagnosticsParams) => boolean): Promise<Diagnostic[]> {
    return this.waitFor(`diagnostics for ${uri}`, () => {
      const list = this.published.get(uri) ?? [];
      for (let i = since; i < list.length; i++) {
        const p = list[i];
        const doc = this.docs.get(uri);
        const ok = pred ? pred(p.diagnostics, p) : !doc || p.version === undefined || p.version === doc.version;
        if (ok) return p.diagnostics;
      }
      return undefined;
    });
  }

  uri(rel: string): string {
    return pathToFileURL(path.join(this.root, rel)).href;
  }

  async open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<number> {
    const since = this.mark(uri);
    this.docs.set(uri, TextDocument.create(uri, languageId, version, text));
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
    return since;
  }

  /** Sends an incremental (or full, without range) change; returns the publication mark before it. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    const since = this.mark(uri);
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.docs.set(uri, next);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: next.version }, contentChanges: changes });
    return since;
  }

  async replaceText(uri: string, text: string): Promise<number> {
    return this.change(uri, [{ text }]);
  }

  async close(uri: string): Promise<void> {
    this.docs.delete(uri);
    await this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, only } });
  }

  executeCommand(command: string, args: unknown[]): Promise<any> {
    return this.conn.sendRequest('workspace/executeCommand', { command, arguments: args });
  }

  /** Applies a code action's or applyEdit's edits for `uri` to the client's copy and tells the server. */
  async applyEdits(uri: string, edits: TextEdit[]): Promise<number> {
    const doc = this.docs.get(uri)!;
    return this.replaceText(uri, TextDocument.applyEdits(doc, edits));
  }

  async changeSettings(settings: Record<string, unknown>): Promise<void> {
    const base = this.baseSettings;
    this.settings = { ...base, ...settings, rules: { ...(base.rules as object), ...(settings.rules as object) } };
    await this.conn.sendNotification('workspace/didChangeConfiguration', { settings: { reportLint: this.settings } });
  }

  async stop(): Promise<void> {
    const exited = this.proc && this.proc.exitCode === null ? new Promise((r) => this.proc!.once('exit', r)) : undefined;
    try {
      if (this.proc) {
        await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await this.conn.sendNotification('exit');
      }
    } catch {
      // the server may already be gone
    }
    this.conn.dispose();
    this.inProc?.dispose();
    if (exited) {
      const t = setTimeout(() => this.proc!.kill(), 3000);
      await exited;
      clearTimeout(t);
    }
  }

  get serverStderr(): string {
    return this.stderr;
  }
}

/** The edits of a code action or workspace edit for `uri` (documentChanges or changes). */
export function editsOf(edit: { documentChanges?: any[]; changes?: Record<string, TextEdit[]> } | undefined, uri: string): TextEdit[] {
  if (!edit) return [];
  if (edit.documentChanges) return edit.documentChanges.filter((c) => c.textDocument?.uri === uri).flatMap((c) => c.edits);
  return edit.changes?.[uri] ?? [];
}
