import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CodeActionKind,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SymbolInformation,
  MessageType,
  ShowMessageNotification,
  TextDocumentSyncKind,
  TextDocuments,
  WatchKind,
  type ClientCapabilities,
  type CodeAction,
  type Connection,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CONFIG_FILE,
  ConfigError,
  IGNORE_FILE,
  clearConfigCache,
  findConfigs,
  parseConfig,
  resolveConfig,
  type EffectiveConfig,
  type LoadedConfig,
  type ResolvedRules,
} from '../core/config';
import { ReportDocument } from '../core/document';
import { documentOutline, foldingRanges, type OutlineSymbol } from '../core/structure';
import type { Diagnostic, Rule } from '../core/types';
import { DOCS_BASE, allRules, ruleDocsUrl } from '../rules';
import { DocumentChecker, type CheckOptions } from './checker';
import { ModelWorker } from './model-tier';
import { COMMANDS, FIX_ALL_KIND, fixAllEdits, kindRequested, quickFixes, workspaceEdit, type CheckResult } from './code-actions';
import { SOURCE, formatOf, pathToUri, toLspDiagnostic, toLspRange, uriToPath } from './convert';
import { addWordToConfig } from './dictionary';
import { DOCUMENT_STATS_REQUEST, documentStats, type DocumentStats } from './stats';
import { normaliseSettings, type LogLevel, type Settings } from './settings';
import { checkWorkspace } from './workspace-check';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export interface ServerOptions {
  /** The rules to run (tests inject their own). */
  rules?: readonly Rule[];
  /**
   * Where the model-tier rules run. Default: a worker thread with the built-in rules, unless `rules` is given
   * (then in the server's thread). An object: a worker thread, with `rulesModule` (a module exporting `rules`,
   * the same model rules as `rules`) replacing the built-in ones there. false: in the server's thread.
   */
  modelWorker?: boolean | { script?: string; rulesModule?: string };
}

interface DocState {
  checker: DocumentChecker;
  /** Bumped on every change: a run whose generation is behind has gone stale. */
  generation: number;
  timer?: NodeJS.Timeout;
  /** The latest complete check of this document. */
  result?: CheckResult;
  /** The fast phase of the check in progress (fixes are valid for its version while model rules run). */
  partial?: CheckResult;
  /** Resolved when a check of the current version completes. */
  waiters: Array<(r: CheckResult | undefined) => void>;
  running: boolean;
  /** The engine document of the latest version seen (shared by checks, outline and folding). */
  doc?: { version: number; doc: ReportDocument };
}

const LOG_RANK: Record<LogLevel, number> = { off: 0, error: 1, info: 2, debug: 3 };

/** Wires the report-lint language server onto `connection` and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const rules = options.rules ?? allRules;
  const ruleIds: ReadonlySet<string> = new Set(rules.map((r) => r.meta.id));
  const defaultRuleSettings = (): ResolvedRules => new Map(rules.map((r) => [r.meta.id, { severity: r.meta.defaultSeverity, options: {} }]));
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  const settingsCache = new Map<string, Promise<Settings>>();
  let globalSettings: Settings = normaliseSettings(undefined);
  let pushedSettings: unknown; // for clients without workspace/configuration
  let caps: ClientCapabilities = {};
  let folders: WorkspaceFolder[] = [];
  const shownProblems = new Set<string>();
  /** Files the workspace check published diagnostics for (path → URI), for editors that spell URIs differently. */
  const diskPublished = new Map<string, string>();
  const loggedRuleErrors = new Set<string>();
  const workerOption = options.modelWorker ?? options.rules === undefined;

  const can = {
    configuration: false,
    watchDynamic: false,
    configDynamic: false,
    documentChanges: false,
    showDocument: false,
    workDoneProgress: false,
  };

  // ---- logging -------------------------------------------------------------------------------------------
  const log = (level: Exclude<LogLevel, 'off'>, message: string) => {
    if (LOG_RANK[globalSettings.logLevel] < LOG_RANK[level]) return;
    if (level === 'error') connection.console.error(message);
    else if (level === 'info') connection.console.info(message);
    else connection.console.log(message);
  };

  const onRuleError = (ruleId: string, error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const key = `${ruleId}\u0000${message}`;
    if (loggedRuleErrors.has(key)) return;
    if (loggedRuleErrors.size > 1000) loggedRuleErrors.clear();
    loggedRuleErrors.add(key);
    const stack = error instanceof Error && error.stack ? `\n${error.stack.split('\n').slice(1, 6).join('\n')}` : '';
    connection.console.error(`规则 ${ruleId} 出错，已跳过（其他规则照常检查）：${message}${stack}`);
  };

  const modelWorker = workerOption
    ? new ModelWorker({ ...(typeof workerOption === 'object' ? workerOption : {}), onRuleError, log: (level, message) => log(level, message) })
    : undefined;
  const hasModelRules = rules.some((r) => r.meta.tier !== 'fast');

  /** window/showMessage (a notification: no buttons, nothing to wait for). */
  const showMessage = (type: MessageType, message: string) => void connection.sendNotification(ShowMessageNotification.type, { type, message });

  // ---- settings ------------------------------------------------------------------------------------------
  function getSettings(uri: string): Promise<Settings> {
    if (!can.configuration) {
      const section = (pushedSettings as Record<string, unknown> | undefined)?.reportLint ?? pushedSettings;
      return Promise.resolve(normaliseSettings(section));
    }
    let s = settingsCache.get(uri);
    if (!s) {
      s = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'reportLint' })
        .then(normaliseSettings, (e) => {
          log('error', `读取设置失败，使用默认设置：${(e as Error).message}`);
          return normaliseSettings(undefined);
        });
      settingsCache.set(uri, s);
    }
    return s;
  }

  async function refreshGlobalSettings(): Promise<void> {
    if (!can.configuration) {
      globalSettings = normaliseSettings((pushedSettings as Record<string, unknown> | undefined)?.reportLint ?? pushedSettings);
      return;
    }
    try {
      globalSettings = normaliseSettings(await connection.workspace.getConfiguration('reportLint'));
    } catch {
      globalSettings = normaliseSettings(undefined);
    }
  }

  // ---- configuration files ---------------------------------------------------------------------------------
  function showProblemOnce(key: string, message: string): void {
    if (shownProblems.has(key)) return;
    shownProblems.add(key);
    showMessage(MessageType.Error, `report-lint：${message}（暂用默认设置）`);
    log('error', message);
  }

  /** Rule levels and dictionary for one document; a broken config file or setting is reported and left out. */
  function configFor(uri: string, settings: Settings): EffectiveConfig {
    const file = uriToPath(uri);
    const target = file ?? path.join(process.cwd(), 'untitled');
    const defaults = defaultRuleSettings();
    let configs: LoadedConfig[] = [];
    if (file) {
      try {
        configs = findConfigs(file);
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        showProblemOnce(`${e.file}\u0000${e.message}`, e.message);
        noteDiskConfigProblem(e.file);
      }
    }
    const good = configs.filter((c) => {
      try {
        resolveConfig(target, [c], defaults, ruleIds);
        return true;
      } catch (e) {
        showProblemOnce(`${c.file}\u0000${(e as Error).message}`, (e as Error).message);
        noteDiskConfigProblem(c.file);
        return false;
      }
    });
    try {
      return resolveConfig(target, good, defaults, ruleIds, { rules: settings.rules, dictionary: settings.dictionary });
    } catch (e) {
      showProblemOnce(`settings\u0000${(e as Error).message}`, `设置 reportLint.rules 有误：${(e as Error).message}`);
      return resolveConfig(target, good, defaults, ruleIds, { dictionary: settings.dictionary });
    }
  }

  const isConfigDocument = (uri: string) => path.basename(uriToPath(uri) ?? uri) === CONFIG_FILE;

  /** What is wrong with a config file's text, if anything (without the file name). */
  function configProblem(text: string, file: string): string | undefined {
    try {
      const config = parseConfig(text, file);
      resolveConfig(file, [{ file, dir: path.dirname(file), config }], defaultRuleSettings(), ruleIds);
      return undefined;
    } catch (e) {
      // The diagnostic sits in the file itself: its path would only repeat it.
      return (e as Error).message.split(file).join('').replace(/^[:：\s]+/, '');
    }
  }

  /** Shows (or clears) the problem of a config file at its top: in the editor and in the problems list. */
  function publishConfigProblem(uri: string, text: string, problem: string | undefined, version?: number): void {
    const firstLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
    void connection.sendDiagnostics({
      uri,
      version,
      diagnostics: problem
        ? [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } }, severity: DiagnosticSeverity.Error, source: SOURCE, message: `配置有误，report-lint 暂用默认设置：${problem}` }]
        : [],
    });
  }

  /** Validates an open .reportlintrc.json as typed. */
  function validateConfigDocument(doc: TextDocument): void {
    const file = uriToPath(doc.uri) ?? doc.uri;
    publishConfigProblem(doc.uri, doc.getText(), configProblem(doc.getText(), file), doc.version);
  }

  /** Broken config files found on disk while checking documents (file → problem), shown even when not open. */
  const diskConfigProblems = new Map<string, string>();

  function noteDiskConfigProblem(file: string | undefined): void {
    if (!file || documents.get(pathToUri(file)) || diskConfigProblems.has(file)) return;
    revalidateDiskConfig(file);
  }

  /** Reads a config file from disk and shows or clears its problem (not for files open in the editor). */
  function revalidateDiskConfig(file: string): void {
    const uri = pathToUri(file);
    if (documents.get(uri)) {
      diskConfigProblems.delete(file); // the open document is validated as typed
      return;
    }
    let text: string | undefined;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    const problem = text === undefined ? undefined : configProblem(text, file);
    if (problem === diskConfigProblems.get(file)) return;
    if (problem) diskConfigProblems.set(file, problem);
    else diskConfigProblems.delete(file);
    publishConfigProblem(uri, text ?? '', problem);
  }

  /** Config files or ignore files changed on disk: forget what was read and check everything again. */
  function configFilesChanged(): void {
    clearConfigCache();
    shownProblems.clear();
    for (const d of documents.all()) if (isConfigDocument(d.uri)) validateConfigDocument(d);
    for (const file of [...diskConfigProblems.keys()]) revalidateDiskConfig(file);
    recheckAll();
  }

  // ---- checking --------------------------------------------------------------------------------------------
  function stateOf(uri: string): DocState {
    let st = states.get(uri);
    if (!st) states.set(uri, (st = { checker: new DocumentChecker(rules, modelWorker?.runnerFor(uri)), generation: 0, waiters: [], running: false }));
    return st;
  }

  const isChecked = (doc: TextDocument, settings: Settings) => settings.enable && settings.languages.includes(doc.languageId) && !isConfigDocument(doc.uri);

  function publish(uri: string, doc: ReportDocument, version: number, diags: Diagnostic[]): void {
    void connection.sendDiagnostics({ uri, version, diagnostics: diags.map((d) => toLspDiagnostic(doc, version, d)) });
  }

  function settle(st: DocState, result: CheckResult | undefined): void {
    const waiters = st.waiters.splice(0);
    for (const w of waiters) w(result);
  }

  /** Schedules a check of `uri`: at once, or after the debounce delay. */
  async function schedule(uri: string, immediate: boolean): Promise<void> {
    const st = stateOf(uri);
    const gen = ++st.generation;
    clearTimeout(st.timer);
    st.timer = undefined;
    // The model rules stop working on the version this one replaces.
    if (hasModelRules && st.running) modelWorker?.cancel(uri);
    const settings = await getSettings(uri);
    if (gen !== st.generation) return;
    const delay = immediate ? 0 : settings.debounceMs;
    if (delay <= 0) void run(uri, gen);
    else st.timer = setTimeout(() => void run(uri, gen), delay);
  }

  async function run(uri: string, gen: number): Promise<void> {
    const st = states.get(uri);
    const textDoc = documents.get(uri);
    if (!st || !textDoc || gen !== st.generation) return;
    st.timer = undefined;
    st.running = true;
    const version = textDoc.version;
    const isStale = () => gen !== st.generation || states.get(uri) !== st || documents.get(uri)?.version !== version;
    try {
      const settings = await getSettings(uri);
      if (isStale()) return;
      if (!isChecked(textDoc, settings)) {
        const doc = new ReportDocument('', 'plaintext', uri);
        st.result = { version, doc, diagnostics: [] };
        void connection.sendDiagnostics({ uri, version, diagnostics: [] });
        settle(st, st.result);
        return;
      }
      const eff = configFor(uri, settings);
      const doc = engineDocument(textDoc);
      const started = Date.now();
      const diags = await st.checker.check(
        doc,
        version,
        { rules: eff.rules, dictionary: eff.dictionary, final: settings.final, onRuleError },
        {
          isStale,
          onFast: (d) => {
            publish(uri, doc, version, d);
            st.partial = { version, doc, diagnostics: d };
          },
          yieldNow: () => new Promise((r) => setImmediate(r)),
        },
      );
      if (!diags || isStale()) return;
      publish(uri, doc, version, diags);
      st.result = { version, doc, diagnostics: diags };
      log('debug', `已检查 ${uri}（版本 ${version}，${diags.length} 个问题，${Date.now() - started} ms；段落缓存 命中 ${st.checker.cache.hits} / 计算 ${st.checker.cache.misses}）`);
      settle(st, st.result);
    } catch (e) {
      // Never let one document bring the server down.
      log('error', `检查 ${uri} 时出错：${(e as Error).stack ?? e}`);
      if (!isStale()) settle(st, undefined);
    } finally {
      if (states.get(uri) === st && gen === st.generation) st.running = false;
    }
  }

  /**
   * The complete check of the document's current version. `now`: a check still waiting for its debounce delay
   * runs at once (fix-all); otherwise it is awaited (the draft meter must not defeat the debounce).
   */
  function ensureChecked(uri: string, now = true): Promise<CheckResult | undefined> {
    const doc = documents.get(uri);
    if (!doc) return Promise.resolve(undefined);
    const st = stateOf(uri);
    if (st.result && st.result.version === doc.version) return Promise.resolve(st.result);
    const p = new Promise<CheckResult | undefined>((resolve) => st.waiters.push(resolve));
    if ((st.timer && now) || (!st.timer && !st.running)) {
      clearTimeout(st.timer);
      st.timer = undefined;
      void run(uri, ++st.generation);
    }
    return p;
  }

  /** The engine document of an open document's current version (one object per version). */
  function engineDocument(td: TextDocument): ReportDocument {
    const st = stateOf(td.uri);
    if (st.doc?.version !== td.version) st.doc = { version: td.version, doc: new ReportDocument(td.getText(), formatOf(td.languageId, td.uri), td.uri) };
    return st.doc.doc;
  }

  /** The engine document for outline and folding requests, for documents the server checks. */
  async function structureDocument(uri: string): Promise<ReportDocument | undefined> {
    const td = documents.get(uri);
    if (!td || !isChecked(td, await getSettings(uri))) return undefined;
    const current = documents.get(uri);
    return current ? engineDocument(current) : undefined;
  }

  function recheckAll(): void {
    for (const d of documents.all()) {
      if (isConfigDocument(d.uri)) continue;
      void schedule(d.uri, true);
    }
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------
  connection.onInitialize((params): InitializeResult => {
    caps = params.capabilities;
    can.configuration = !!caps.workspace?.configuration;
    can.watchDynamic = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    can.configDynamic = !!caps.workspace?.didChangeConfiguration?.dynamicRegistration;
    can.documentChanges = !!caps.workspace?.workspaceEdit?.documentChanges;
    can.showDocument = !!caps.window?.showDocument?.support;
    can.workDoneProgress = !!caps.window?.workDoneProgress;
    folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(params.rootUri) }] : []);
    const init = params.initializationOptions as Record<string, unknown> | undefined;
    if (init?.settings) pushedSettings = init.settings;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        documentSymbolProvider: { label: 'report-lint' },
        foldingRangeProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'report-lint-server', version: VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (can.watchDynamic) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: `**/${CONFIG_FILE}`, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
          { globPattern: `**/${IGNORE_FILE}`, kind: WatchKind.Create | WatchKind.Change | WatchKind.Delete },
        ],
      });
    }
    if (can.configDynamic) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'reportLint' });
    if (caps.workspace?.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = [...folders.filter((f) => !e.removed.some((r) => r.uri === f.uri)), ...e.added];
      });
    }
    await refreshGlobalSettings();
    log('info', `report-lint-server ${VERSION} 已启动（${rules.length} 条规则）`);
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!can.configuration) pushedSettings = change.settings;
    settingsCache.clear();
    shownProblems.clear();
    await refreshGlobalSettings();
    // A document that is no longer checked gets its diagnostics cleared by its next run.
    recheckAll();
  });

  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => [CONFIG_FILE, IGNORE_FILE].includes(path.basename(uriToPath(c.uri) ?? c.uri)))) configFilesChanged();
  });

  documents.onDidChangeContent((e) => {
    if (isConfigDocument(e.document.uri)) {
      validateConfigDocument(e.document);
      return;
    }
    // The first content of a document (didOpen) is checked at once, later edits after the debounce delay.
    const first = !states.has(e.document.uri);
    if (first) {
      // The workspace check may have published this file under another spelling of its URI (%-encoding).
      const file = uriToPath(e.document.uri);
      const earlier = file ? diskPublished.get(file) : undefined;
      if (file && earlier !== undefined) {
        diskPublished.delete(file);
        if (earlier !== e.document.uri) void connection.sendDiagnostics({ uri: earlier, diagnostics: [] });
      }
    }
    void schedule(e.document.uri, first);
  });

  documents.onDidSave((e) => {
    if (isConfigDocument(e.document.uri)) configFilesChanged();
  });

  documents.onDidClose((e) => {
    if (isConfigDocument(e.document.uri)) {
      // Back to what is on disk: a broken file stays listed until it is fixed.
      const file = uriToPath(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
      if (file) {
        diskConfigProblems.delete(file);
        revalidateDiskConfig(file);
      }
      return;
    }
    const st = states.get(e.document.uri);
    if (st) {
      clearTimeout(st.timer);
      st.generation++;
      settle(st, undefined);
      states.delete(e.document.uri);
    }
    modelWorker?.close(e.document.uri);
    settingsCache.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // ---- outline and folding (the numbering structure) -----------------------------------------------------------
  const symbolName = (o: OutlineSymbol) => {
    const name = o.name.replace(/\s+/g, ' ').trim();
    const chars = Array.from(name);
    return chars.length > 80 ? chars.slice(0, 79).join('') + '…' : name || '（无标题）';
  };

  connection.onDocumentSymbol(async (params): Promise<DocumentSymbol[] | SymbolInformation[]> => {
    const doc = await structureDocument(params.textDocument.uri);
    if (!doc) return [];
    let outline: OutlineSymbol[];
    try {
      outline = documentOutline(doc);
    } catch (e) {
      log('error', `生成大纲时出错：${(e as Error).stack ?? e}`);
      return [];
    }
    const kind = (o: OutlineSymbol) => (o.kind === 'heading' ? SymbolKind.Namespace : SymbolKind.EnumMember);
    if (caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport) {
      const toSymbol = (o: OutlineSymbol): DocumentSymbol => ({
        name: symbolName(o),
        kind: kind(o),
        range: toLspRange(doc, o.range),
        selectionRange: toLspRange(doc, o.selectionRange),
        children: o.children.map(toSymbol),
      });
      return outline.map(toSymbol);
    }
    const flat: SymbolInformation[] = [];
    const walk = (list: OutlineSymbol[], container?: string) => {
      for (const o of list) {
        flat.push({ name: symbolName(o), kind: kind(o), location: { uri: params.textDocument.uri, range: toLspRange(doc, o.range) }, ...(container ? { containerName: container } : {}) });
        walk(o.children, symbolName(o));
      }
    };
    walk(outline);
    return flat;
  });

  connection.onFoldingRanges(async (params): Promise<FoldingRange[]> => {
    const doc = await structureDocument(params.textDocument.uri);
    if (!doc) return [];
    try {
      const ranges = foldingRanges(doc).map((f) => ({ startLine: f.startLine, endLine: f.endLine, kind: FoldingRangeKind.Region }));
      const limit = caps.textDocument?.foldingRange?.rangeLimit;
      return limit ? ranges.slice(0, limit) : ranges;
    } catch (e) {
      log('error', `计算折叠范围时出错：${(e as Error).stack ?? e}`);
      return [];
    }
  });

  // ---- code actions ----------------------------------------------------------------------------------------
  connection.onCodeAction(async (params): Promise<CodeAction[]> => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || isConfigDocument(doc.uri)) return [];
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (kindRequested(only, CodeActionKind.QuickFix)) {
      const st = states.get(doc.uri);
      const result = [st?.result, st?.partial].find((r) => r?.version === doc.version);
      actions.push(...quickFixes(params, { uri: doc.uri, version: doc.version, result, doc: engineDocument(doc), documentChanges: can.documentChanges }));
    }
    if (only && kindRequested(only, FIX_ALL_KIND)) {
      const result = await ensureChecked(doc.uri);
      const edits = result ? fixAllEdits(result) : [];
      if (result && edits.length) {
        actions.push({ title: '修正所有可安全修正的 report-lint 问题', kind: FIX_ALL_KIND, edit: workspaceEdit(doc.uri, result.version, edits, can.documentChanges) });
      }
    }
    return actions;
  });

  // ---- commands ----------------------------------------------------------------------------------------------
  const argUri = (a: unknown): string | undefined =>
    typeof a === 'string' ? a : typeof a === 'object' && a !== null && typeof (a as { uri?: unknown }).uri === 'string' ? (a as { uri: string }).uri : undefined;

  connection.onExecuteCommand(async (params, token, workDone) => {
    const args = params.arguments ?? [];
    switch (params.command) {
      case COMMANDS.fixAll: {
        const uri = argUri(args[0]);
        if (!uri || !documents.get(uri)) return { applied: 0 };
        const result = await ensureChecked(uri);
        const edits = result ? fixAllEdits(result) : [];
        if (!result || !edits.length) return { applied: 0 };
        const r = await connection.workspace.applyEdit({ label: 'report-lint：修正所有可安全修正的问题', edit: workspaceEdit(uri, result.version, edits, can.documentChanges) });
        return { applied: r.applied ? edits.length : 0 };
      }
      case COMMANDS.addToDictionary: {
        const uri = argUri(args[0]);
        const word = typeof args[1] === 'string' ? args[1].trim() : '';
        if (!word) return { added: false };
        try {
          const roots = folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
          const r = addWordToConfig(word, uri ? uriToPath(uri) : undefined, roots);
          log('info', r.added ? `已将“${word}”加入 ${r.file}` : `“${word}”已在 ${r.file} 中`);
          configFilesChanged();
          return { added: r.added, file: r.file };
        } catch (e) {
          showMessage(MessageType.Error, `report-lint：无法加入词典：${(e as Error).message}`);
          return { added: false, error: (e as Error).message };
        }
      }
      case COMMANDS.openRuleDocs: {
        // Without a known rule id (e.g. from the command palette): the documentation of every rule.
        const id = typeof args[0] === 'string' ? args[0] : '';
        const url = ruleIds.has(id) ? ruleDocsUrl(id) : DOCS_BASE;
        if (can.showDocument) {
          const r = await connection.window.showDocument({ uri: url, external: true });
          return { shown: r.success, url };
        }
        showMessage(MessageType.Info, `report-lint 规则说明：${url}`);
        return { shown: true, url };
      }
      case COMMANDS.checkWorkspace:
        return checkWorkspace({
          connection,
          folders: folders.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p),
          rules,
          token,
          progress: params.workDoneToken !== undefined ? workDone : can.workDoneProgress ? await connection.window.createWorkDoneProgress() : undefined,
          openDocument: (uri) => (documents.get(uri) ? ensureChecked(uri) : undefined),
          configFor: async (file) => configFor(pathToUri(file), await getSettings(pathToUri(file))),
          isEnabled: async (file) => (await getSettings(pathToUri(file))).enable,
          onRuleError,
          onPublished: (file, uri) => diskPublished.set(file, uri),
          runModel: modelWorker
            ? async (uri, doc, opts: CheckOptions, ruleIds) => {
                // Keyed apart from the open documents, and forgotten at once.
                const key = `${uri}#workspace`;
                try {
                  return await modelWorker.check(key, doc, opts, ruleIds);
                } finally {
                  modelWorker.close(key);
                }
              }
            : undefined,
          log,
        });
      default:
        return null;
    }
  });

  connection.onRequest(DOCUMENT_STATS_REQUEST, async (params: { uri: string }): Promise<DocumentStats | null> => {
    const doc = params?.uri ? documents.get(params.uri) : undefined;
    if (!doc) return null;
    const result = await ensureChecked(doc.uri, false);
    return result ? documentStats(doc.uri, result) : null;
  });

  connection.onShutdown(async () => {
    await modelWorker?.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
