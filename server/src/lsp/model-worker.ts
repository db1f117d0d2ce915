import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { ReportDocument, type DocFormat } from '../core/document';
import type { ResolvedRules } from '../core/config';
import { ParagraphCache, cacheSignature, dictionaryKey } from '../core/paragraph-cache';
import { arbitrateWording } from '../core/arbitrate';
import { lint } from '../core/runner';
import { setUserWords, segment } from '../core/segmenter';
import type { Diagnostic, Rule, RuleContext } from '../core/types';

/**
 * The model tier of the language server, in a worker thread: the rules of tier `model` (missing-char,
 * wrong-char) load a language model and take seconds on a long document the first time, so they run here, off
 * the thread that answers the editor. One paragraph cache per open document; a newer check of a document (or a
 * cancel) stops the older one between slices.
 *
 * This file is its own bundle (dist/model-worker.js); the server starts it with `ModelWorker`
 * (model-tier.ts).
 */

/** How long a model rule runs before the worker reads pending messages (a newer version cancels the run). */
const SLICE_MS = 50;

export interface ModelWorkerData {
  reportLintModelWorker: true;
  /** A module whose `rules` export replaces the built-in rules (tests); resolved with require. */
  rulesModule?: string;
}

export interface CheckRequest {
  type: 'check';
  id: number;
  uri: string;
  text: string;
  format: DocFormat;
  /** The model rules to run (ids), already filtered by severity. */
  ruleIds: string[];
  rules?: ResolvedRules;
  dictionary: string[];
  final?: boolean;
}

export type ToWorker = CheckRequest | { type: 'cancel'; uri: string } | { type: 'close'; uri: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; diagnostics: Diagnostic[]; heapUsed: number; ms: number; hits: number; misses: number }
  | { type: 'stale'; id: number }
  | { type: 'ruleError'; ruleId: string; message: string; stack?: string };

/**
 * A full garbage collection, where the engine lets us ask for one. Loading the language model and a cold check
 * of a long document leave some 80 MB of garbage that V8 would keep for a long while; this thread does nothing
 * else, so it can afford the pause (tens of ms) to give the memory back.
 */
function fullGc(): (() => void) | undefined {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** Heap growth (bytes) since the last collection after which a check is followed by a full collection. */
const GC_GROWTH = 48 * 1024 * 1024;

/** Serves check requests on `port` with `rules` (the model tier of them). */
export function serveModelChecks(port: NonNullable<typeof parentPort>, rules: readonly Rule[]): void {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const caches = new Map<string, ParagraphCache>();
  /** The newest request per document: a run whose id is not it has gone stale. */
  const latest = new Map<string, number>();
  const queue: CheckRequest[] = [];
  let busy = false;
  const reported = new Set<string>();
  const yieldNow = () => new Promise<void>((r) => setImmediate(r));
  const gc = fullGc();
  let heapAfterGc = process.memoryUsage().heapUsed;

  const onRuleError = (ruleId: string, e: unknown) => {
    const message = e instanceof Error ? e.message : String(e);
    const key = `${ruleId}\u0000${message}`;
    if (reported.has(key)) return;
    if (reported.size > 1000) reported.clear();
    reported.add(key);
    port.postMessage({ type: 'ruleError', ruleId, message, stack: e instanceof Error ? e.stack : undefined } satisfies FromWorker);
  };

  async function check(req: CheckRequest): Promise<Diagnostic[] | undefined> {
    const isStale = () => latest.get(req.uri) !== req.id;
    let cache = caches.get(req.uri);
    if (!cache) caches.set(req.uri, (cache = new ParagraphCache()));
    const doc = new ReportDocument(req.text, req.format, req.uri);
    const options = { rules: req.rules, dictionary: req.dictionary, final: req.final, onRuleError, cache };
    const dictionary = new Set(req.dictionary);
    const dictKey = dictionaryKey(dictionary);
    // The user's words reach this thread's segmenter before any paragraph is cut (lint would add them later).
    setUserWords(dictionary);
    const out: Diagnostic[] = [];
    for (const id of req.ruleIds) {
      const rule = byId.get(id);
      if (!rule) continue;
      await yieldNow();
      if (isStale()) return undefined;
      if (rule.meta.scope === 'paragraph') {
        // A long document: a few paragraphs at a time, reading messages in between (a newer edit stops it).
        const ruleOptions = req.rules?.get(id)?.options ?? {};
        const ctx: RuleContext = { doc, segment, dictionary, options: ruleOptions };
        const sig = cacheSignature(doc.format, ruleOptions, dictKey);
        const onError = (e: unknown) => onRuleError(id, e);
        if (!(await cache.fill(rule, ctx, sig, { budgetMs: SLICE_MS, yieldNow, isStale, onError }))) return undefined;
      }
      out.push(...lint(doc, [rule], options));
    }
    // (one rule at a time above: the two wording rules' readings of one place are weighed here, as lint does)
    return isStale() ? undefined : arbitrateWording(out, doc.text);
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    try {
      for (let req = queue.shift(); req; req = queue.shift()) {
        if (latest.get(req.uri) !== req.id) {
          port.postMessage({ type: 'stale', id: req.id } satisfies FromWorker);
          continue;
        }
        const started = Date.now();
        let diagnostics: Diagnostic[] | undefined;
        try {
          diagnostics = await check(req);
        } catch (e) {
          // Never reached by a rule's own error (lint isolates those); an engine bug: report, return nothing.
          onRuleError(req.ruleIds.join(','), e);
          diagnostics = [];
        }
        const cache = caches.get(req.uri);
        if (gc && queue.length === 0 && process.memoryUsage().heapUsed > heapAfterGc + GC_GROWTH) {
          gc();
          heapAfterGc = process.memoryUsage().heapUsed;
        }
        if (diagnostics === undefined) port.postMessage({ type: 'stale', id: req.id } satisfies FromWorker);
        else {
          port.postMessage({
            type: 'result',
            id: req.id,
            diagnostics,
            heapUsed: process.memoryUsage().heapUsed,
            ms: Date.now() - started,
            hits: cache?.hits ?? 0,
            misses: cache?.misses ?? 0,
          } satisfies FromWorker);
        }
      }
    } finally {
      busy = false;
    }
  }

  port.on('message', (m: ToWorker) => {
    if (m.type === 'check') {
      latest.set(m.uri, m.id);
      queue.push(m);
      void drain();
    } else if (m.type === 'cancel') {
      latest.set(m.uri, -1);
    } else if (m.type === 'close') {
      latest.delete(m.uri);
      caches.delete(m.uri);
    }
  });
}

function main(): void {
  const data = workerData as ModelWorkerData;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const rules: readonly Rule[] = data.rulesModule ? require(data.rulesModule).rules : require('../rules').allRules;
  serveModelChecks(parentPort!, rules);
  parentPort!.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (!isMainThread && parentPort && (workerData as ModelWorkerData | undefined)?.reportLintModelWorker) main();
