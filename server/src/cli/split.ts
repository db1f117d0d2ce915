import * as os from 'node:os';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import type { LoadedConfig, RuleConfig } from '../core/config';
import { ReportDocument } from '../core/document';
import type { FileResult } from '../core/result';
import { byPosition, lint } from '../core/runner';
import type { Diagnostic } from '../core/types';
import { allRules } from '../rules';
import { effectiveConfig, lintFile, type CheckOptions, type RuleErrorHandler } from './lint-file';
import { readForLint } from './read';

/**
 * One large document checked by two threads: the model rules (missing-char, wrong-char), which cost most, are
 * paragraph-scoped, so a helper thread takes the later paragraphs of them while this thread runs every other
 * rule and the model rules on the earlier paragraphs. The helper's start-up (loading the segmenter and the model
 * again) overlaps this thread's fast rules. Used when the pool is not (one or a few files), for documents of
 * SPLIT_MIN_CHARS or more, on machines with four cores or more and two of them idle, and never with --fix (fixing re-checks in a loop).
 * The findings are exactly those of a single-threaded check (test/cli/split.test.ts).
 */
export const SPLIT_MIN_CHARS = 150_000;
/** This thread's share of the model rules' paragraphs (by characters): its fast rules (~0.5 s per MB) weigh about as much as the helper's start-up. */
const MAIN_SHARE = 0.5;

interface SplitInit {
  reportLintSplit: true;
  text: string;
  format: 'markdown' | 'plaintext';
  filePath: string;
  rules: Array<[string, RuleConfig]>;
  dictionary: string[];
  final: boolean;
  from: number;
  to: number;
}

type FromSplit = { type: 'done'; diagnostics: Diagnostic[] } | { type: 'failed' } | { type: 'ruleError'; ruleId: string; message: string };

/** The rules the helper shares: model tier, paragraph scope. */
const shared = () => allRules.filter((r) => r.meta.tier === 'model' && r.meta.scope === 'paragraph');

export function splitWanted(opts: CheckOptions): boolean {
  if (opts.fix || opts.fixDryRun) return false;
  const forced = process.env.REPORT_LINT_WORKERS;
  if (forced !== undefined && /^\d+$/.test(forced)) return Number(forced) >= 2;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  // A second thread pays only with cores to spare: this thread's garbage collector and the segmenter already
  // keep a second core partly busy. Measured on 2 cores (1 MB of reports): one thread 2.6 s; shared 2.5-3.0 s,
  // each thread running ~1.7× slower beside the other, 200 MB more. So: 4 cores or more, two of them idle.
  return cores >= 4 && os.loadavg()[0] <= cores - 2;
}

/** The first paragraph index of the helper's part: MAIN_SHARE of the characters before it. */
function splitPoint(doc: ReportDocument): number {
  const total = doc.paragraphs.reduce((n, p) => n + p.text.length, 0);
  let acc = 0;
  for (const p of doc.paragraphs) {
    if (acc >= total * MAIN_SHARE) return p.index;
    acc += p.text.length;
  }
  return doc.paragraphs.length;
}

/** Checks `file` like lintFile, sharing the model rules of a large document with a helper thread. */
export async function lintFileSplit(
  file: string,
  opts: CheckOptions,
  fixedConfig: LoadedConfig | undefined,
  onRuleError: RuleErrorHandler,
  script: string,
): Promise<FileResult> {
  const read = readForLint(file);
  if ('error' in read || 'skipped' in read || read.doc.text.length < SPLIT_MIN_CHARS) return lintFile(file, opts, fixedConfig, onRuleError);
  const doc = read.doc;
  let eff;
  try {
    eff = effectiveConfig(file, opts, fixedConfig);
  } catch {
    return lintFile(file, opts, fixedConfig, onRuleError); // reports the configuration problem
  }
  const k = splitPoint(doc);
  if (process.env.REPORT_LINT_VERBOSE) process.stderr.write(`report-lint: ${file}：模型规则由两个线程分担（第 ${k + 1} 段起由辅助线程检查）\n`);
  const n = doc.paragraphs.length;
  const base = { rules: eff.rules, dictionary: eff.dictionary, final: opts.final, onRuleError };
  const init: SplitInit = {
    reportLintSplit: true,
    text: doc.text,
    format: doc.format,
    filePath: file,
    rules: [...eff.rules],
    dictionary: [...eff.dictionary],
    final: opts.final,
    from: k,
    to: n,
  };
  const helper = new Promise<Diagnostic[] | undefined>((resolve) => {
    let w: Worker;
    try {
      w = new Worker(script, { workerData: init, stdout: false, stderr: false });
    } catch {
      resolve(undefined);
      return;
    }
    let done = false;
    w.on('message', (m: FromSplit) => {
      if (m.type === 'ruleError') {
        onRuleError(m.ruleId, new Error(m.message));
        return;
      }
      done = true;
      resolve(m.type === 'done' ? m.diagnostics : undefined);
      void w.terminate();
    });
    w.on('error', () => resolve(undefined));
    w.on('exit', () => {
      if (!done) resolve(undefined);
    });
  });
  let diags = lint(doc, allRules, { ...base, paragraphSlice: { tier: 'model', from: 0, to: k } });
  // Hand the event loop to the helper's messages; if it failed, its part is checked here.
  const rest = (await helper) ?? lint(doc, shared(), { ...base, paragraphSlice: { tier: 'model', from: k, to: n } });
  diags = diags.concat(rest);
  diags.sort(byPosition);
  if (opts.quiet) diags = diags.filter((d) => d.severity === 'error');
  return { filePath: file, doc, diagnostics: diags };
}

/** True in a helper thread started by lintFileSplit: then `runSplitHelper` serves it. */
export function isSplitHelper(): boolean {
  return !!parentPort && !!(workerData as SplitInit | undefined)?.reportLintSplit;
}

/** The helper side: the model rules on paragraphs [from, to) of the document it was given. */
export function runSplitHelper(): void {
  const init = workerData as SplitInit;
  const port = parentPort!;
  const seen = new Set<string>();
  try {
    const doc = new ReportDocument(init.text, init.format, init.filePath);
    const diagnostics = lint(doc, shared(), {
      rules: new Map(init.rules),
      dictionary: init.dictionary,
      final: init.final,
      paragraphSlice: { tier: 'model', from: init.from, to: init.to },
      onRuleError: (ruleId, e) => {
        const message = String((e as Error)?.message ?? e);
        if (seen.has(ruleId + message)) return;
        seen.add(ruleId + message);
        port.postMessage({ type: 'ruleError', ruleId, message } satisfies FromSplit);
      },
    });
    port.postMessage({ type: 'done', diagnostics } satisfies FromSplit);
  } catch {
    port.postMessage({ type: 'failed' } satisfies FromSplit); // the calling thread checks this part itself
  }
}
