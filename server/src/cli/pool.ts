import * as fs from 'node:fs';
import * as os from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { loadConfigFile, type LoadedConfig } from '../core/config';
import { ReportDocument } from '../core/document';
import type { FileResult } from '../core/result';
import type { Diagnostic } from '../core/types';
import { lintFile, type CheckOptions, type RuleErrorHandler } from './lint-file';

/** Runs in parallel above either bound (below them, starting threads costs more than it saves). */
export const PARALLEL_MIN_FILES = 50;
export const PARALLEL_MIN_BYTES = 2 * 1024 * 1024;

interface WorkerInit {
  reportLintWorker: true;
  check: CheckOptions;
  configFile?: string;
}

/** What a worker sends back for one file: plain data (the document is rebuilt from its text). */
interface WireResult {
  filePath: string;
  diagnostics: Diagnostic[];
  error?: string;
  skipped?: string;
  output?: string;
  fixed?: number;
  text?: string;
  format?: 'markdown' | 'plaintext';
}

type FromWorker = { type: 'result'; index: number; result: WireResult } | { type: 'ruleError'; ruleId: string; message: string };

/** How many threads to use for `files` (0 = check in this thread). REPORT_LINT_WORKERS=N overrides. */
export function poolSize(files: string[]): number {
  const forced = process.env.REPORT_LINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Math.min(Number(forced), files.length);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  if (cores < 2) return 0;
  let bytes = 0;
  if (files.length <= PARALLEL_MIN_FILES) {
    for (const f of files) {
      try {
        bytes += fs.statSync(f).size;
      } catch {
        // reported when read
      }
      if (bytes > PARALLEL_MIN_BYTES) break;
    }
    if (bytes <= PARALLEL_MIN_BYTES || files.length < 2) return 0;
  }
  return Math.max(0, Math.min(cores, 8, files.length));
}

/**
 * Checks `files` on a pool of worker threads (each loads the rules once), handing out the largest files first
 * and keeping results in the order of `files`, so the report is the same as a single-threaded run. A worker that
 * dies is replaced by the calling thread for the files it had not finished.
 */
export async function lintInWorkers(
  files: string[],
  size: number,
  script: string,
  check: CheckOptions,
  configFile: string | undefined,
  fixedConfig: LoadedConfig | undefined,
  onRuleError: RuleErrorHandler,
): Promise<FileResult[]> {
  const results: Array<FileResult | undefined> = new Array(files.length);
  const sizes = files.map((f) => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  });
  const queue = files.map((_, i) => i).sort((a, b) => sizes[b] - sizes[a] || a - b);
  const init: WorkerInit = { reportLintWorker: true, check, configFile };
  const runOne = (w: Worker, inFlight: { index: number | undefined }) => {
    const next = queue.shift();
    inFlight.index = next;
    if (next === undefined) return false;
    w.postMessage({ index: next, file: files[next] });
    return true;
  };
  await Promise.all(
    Array.from({ length: size }, () => {
      return new Promise<void>((resolve) => {
        const w = new Worker(script, { workerData: init, stdout: false, stderr: false });
        const inFlight: { index: number | undefined } = { index: undefined };
        let finished = false;
        const finish = () => {
          if (finished) return;
          finished = true;
          void w.terminate();
          resolve();
        };
        w.on('message', (m: FromWorker) => {
          if (m.type === 'ruleError') {
            onRuleError(m.ruleId, new Error(m.message));
            return;
          }
          results[m.index] = fromWire(m.result);
          if (!runOne(w, inFlight)) finish();
        });
        w.on('error', () => {
          // The file in flight is checked again below, in this thread.
          if (inFlight.index !== undefined) queue.unshift(inFlight.index);
          finish();
        });
        w.on('exit', () => {
          if (!finished && inFlight.index !== undefined && results[inFlight.index] === undefined) queue.unshift(inFlight.index);
          finish();
        });
        if (!runOne(w, inFlight)) finish();
      });
    }),
  );
  // Whatever no worker finished (all of them failed to start or died) is checked here.
  for (let i = 0; i < files.length; i++) {
    if (!results[i]) results[i] = lintFile(files[i], check, fixedConfig, onRuleError);
  }
  return results as FileResult[];
}

function toWire(r: FileResult): WireResult {
  const w: WireResult = { filePath: r.filePath, diagnostics: r.diagnostics };
  if (r.error !== undefined) w.error = r.error;
  if (r.skipped !== undefined) w.skipped = r.skipped;
  if (r.output !== undefined) w.output = r.output;
  if (r.fixed !== undefined) w.fixed = r.fixed;
  if (r.doc) {
    w.text = r.doc.text;
    w.format = r.doc.format;
  }
  return w;
}

function fromWire(w: WireResult): FileResult {
  const { text, format, ...rest } = w;
  const r: FileResult = { ...rest };
  if (text !== undefined) r.doc = new ReportDocument(text, format ?? 'plaintext', w.filePath);
  return r;
}

/** True in a thread started by lintInWorkers: then `runWorker` serves it. */
export function isPoolWorker(): boolean {
  return !!parentPort && !!(workerData as WorkerInit | undefined)?.reportLintWorker;
}

/** The worker side: checks each file it is sent and posts the result back. */
export function runWorker(): void {
  const init = workerData as WorkerInit;
  const port = parentPort!;
  let fixedConfig: LoadedConfig | undefined;
  let configProblem: string | undefined;
  try {
    fixedConfig = init.configFile ? loadConfigFile(init.configFile) : undefined;
  } catch (e) {
    configProblem = `配置错误：${(e as Error).message}`;
  }
  const seen = new Set<string>();
  const onRuleError: RuleErrorHandler = (ruleId, e) => {
    const message = String((e as Error)?.message ?? e);
    if (seen.has(ruleId + message)) return;
    seen.add(ruleId + message);
    port.postMessage({ type: 'ruleError', ruleId, message } satisfies FromWorker);
  };
  port.on('message', (m: { index: number; file: string }) => {
    const result: FileResult = configProblem ? { filePath: m.file, diagnostics: [], error: configProblem } : lintFile(m.file, init.check, fixedConfig, onRuleError);
    port.postMessage({ type: 'result', index: m.index, result: toWire(result) } satisfies FromWorker);
  });
}
