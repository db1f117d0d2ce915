import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportDocument } from '../core/document';
import type { Diagnostic } from '../core/types';
import type { CheckOptions } from './checker';
import type { CheckRequest, FromWorker, ModelWorkerData, ToWorker } from './model-worker';

/**
 * Runs the model tier of one check; undefined when the run went stale (a newer version, a close); 'inline' when
 * the caller must run the model rules itself (the worker cannot be started).
 */
export type ModelRunner = (doc: ReportDocument, options: CheckOptions, ruleIds: string[]) => Promise<Diagnostic[] | undefined | 'inline'>;

/** Workers in a row that die before they are ready (cannot start), after which the model rules run in the server. */
const MAX_START_FAILURES = 3;

export interface ModelWorkerOptions {
  /** The worker script (default: dist/model-worker.js beside the server bundle, or model-worker.ts in source). */
  script?: string;
  /** A module whose `rules` export the worker runs instead of the built-in rules (tests). */
  rulesModule?: string;
  /** Where the rule errors the worker reports go (it reports each one once). */
  onRuleError(ruleId: string, error: unknown): void;
  log(level: 'error' | 'info' | 'debug', message: string): void;
}

interface Pending {
  request: CheckRequest;
  resolve(d: Diagnostic[] | undefined | 'inline'): void;
  /** Workers that died while this request was in flight. */
  attempts: number;
}

/** The worker script next to this module: the bundle's sibling, or the TypeScript source under tsx. */
function defaultScript(): string {
  const js = path.join(__dirname, 'model-worker.js');
  if (fs.existsSync(js)) return js;
  return path.join(__dirname, 'model-worker.ts');
}

/**
 * The language server's side of the model-tier worker thread (model-worker.ts): sends each check there and
 * resolves with its diagnostics. The worker starts on the first check; if it dies it is started again at the
 * next check and the checks it had in hand are sent once more (a check that kills two workers gives no model
 * findings). Rule errors reported by the worker reach the check's `onRuleError`.
 */
export class ModelWorker {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  private deaths = 0;
  /** Workers in a row that died without a word (cannot start). */
  private failures = 0;
  private givenUp = false;
  /** Last heap use the worker reported (bytes), for the debug log and benchmarks. */
  heapUsed = 0;

  constructor(private readonly options: ModelWorkerOptions) {}

  /** A runner for one document (its requests cancel each other). */
  runnerFor(uri: string): ModelRunner {
    return (doc, options, ruleIds) => this.check(uri, doc, options, ruleIds);
  }

  check(uri: string, doc: ReportDocument, options: CheckOptions, ruleIds: string[]): Promise<Diagnostic[] | undefined | 'inline'> {
    if (this.disposed) return Promise.resolve(undefined);
    if (this.givenUp) return Promise.resolve('inline');
    const request: CheckRequest = {
      type: 'check',
      id: this.nextId++,
      uri,
      text: doc.text,
      format: doc.format,
      ruleIds,
      rules: options.rules,
      dictionary: [...(options.dictionary ?? [])],
      final: options.final,
    };
    return new Promise((resolve) => {
      // A newer request for the same document makes an older one stale in the worker; resolve it here at once.
      for (const [id, p] of this.pending) {
        if (p.request.uri === uri) {
          this.pending.delete(id);
          p.resolve(undefined);
        }
      }
      this.pending.set(request.id, { request, resolve, attempts: 0 });
      this.post(request);
    });
  }

  /** The document changed: the worker stops its run at the next slice. */
  cancel(uri: string): void {
    for (const [id, p] of this.pending) {
      if (p.request.uri === uri) {
        this.pending.delete(id);
        p.resolve(undefined);
      }
    }
    if (this.worker) this.send({ type: 'cancel', uri });
  }

  /** The document closed: the worker forgets its cache. */
  close(uri: string): void {
    this.cancel(uri);
    if (this.worker) this.send({ type: 'close', uri });
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const p of this.pending.values()) p.resolve(undefined);
    this.pending.clear();
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private send(m: ToWorker): void {
    try {
      this.worker?.postMessage(m);
    } catch (e) {
      this.options.log('error', `无法向模型规则线程发送消息：${(e as Error).message}`);
    }
  }

  private post(request: CheckRequest): void {
    this.ensureWorker();
    this.send(request);
  }

  private ensureWorker(): void {
    if (this.worker || this.disposed) return;
    const script = this.options.script ?? defaultScript();
    const workerData: ModelWorkerData = { reportLintModelWorker: true, rulesModule: this.options.rulesModule };
    let w: Worker;
    if (script.endsWith('.ts')) {
      // Source mode (tests under tsx): the worker loads TypeScript through tsx's require hook.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const tsx = require.resolve('tsx/cjs');
      w = new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(script)});`, { eval: true, workerData });
    } else {
      w = new Worker(script, { workerData });
    }
    w.unref();
    this.worker = w;
    let gone = false;
    let heard = false;
    const died = (why: string) => {
      if (gone) return;
      gone = true;
      if (this.worker === w) this.worker = undefined;
      if (this.disposed) return;
      this.deaths++;
      this.failures = heard ? 0 : this.failures + 1;
      if (this.failures >= MAX_START_FAILURES) {
        this.givenUp = true;
        this.options.log('error', `模型规则线程无法运行（${why}），模型规则改在语言服务器主线程中运行`);
        for (const p of this.pending.values()) p.resolve('inline');
        this.pending.clear();
        return;
      }
      // Once per death, not per document: the checks in flight are retried on a new worker.
      this.options.log('error', `模型规则线程意外退出（${why}），已重新启动${this.deaths > 1 ? `（第 ${this.deaths} 次）` : ''}`);
      const retry: Pending[] = [];
      for (const [id, p] of this.pending) {
        p.attempts++;
        if (p.attempts >= 2) {
          // The same check killed two workers: no model findings for this version.
          this.pending.delete(id);
          p.resolve([]);
        } else retry.push(p);
      }
      for (const p of retry) this.post(p.request);
    };
    w.on('message', (m: FromWorker) => {
      heard = true;
      if (m.type === 'ready') return;
      if (m.type === 'ruleError') {
        const e = new Error(m.message);
        if (m.stack) e.stack = m.stack;
        this.options.onRuleError(m.ruleId, e);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.type === 'stale') p.resolve(undefined);
      else {
        this.heapUsed = m.heapUsed;
        this.options.log('debug', `模型规则线程：${p.request.uri} 用时 ${m.ms} ms，堆 ${(m.heapUsed / 1048576).toFixed(0)} MB，段落缓存 命中 ${m.hits} / 计算 ${m.misses}`);
        p.resolve(m.diagnostics);
      }
    });
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => died(`退出码 ${code}`));
  }
}
