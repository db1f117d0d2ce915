import type { ReportDocument } from '../core/document';
import { byPosition, lint, type LintOptions } from '../core/runner';
import { ParagraphCache, cacheSignature, dictionaryKey } from '../core/paragraph-cache';
import { arbitrateWording } from '../core/arbitrate';
import { setUserWords, segment } from '../core/segmenter';
import type { Diagnostic, Rule, RuleContext } from '../core/types';
import type { ModelRunner } from './model-tier';

/** How long a rule runs before the server handles pending messages (a newer edit stops the run). */
const SLICE_MS = 50;

/** Everything a check needs besides the document: resolved rule levels, dictionary, --final. */
export type CheckOptions = Pick<LintOptions, 'rules' | 'dictionary' | 'final' | 'onRuleError'>;

export interface PhaseHooks {
  /** True once the document changed or closed: the check stops at the next step. */
  isStale(): boolean;
  /** Called with the diagnostics known after the fast rules (and with the model rules' diagnostics carried over
   * from the previous version where their paragraphs did not change), before the model rules run. */
  onFast(diagnostics: Diagnostic[]): void;
  /** Lets the server handle pending messages between rules. */
  yieldNow(): Promise<void>;
}

/**
 * Checks one open document, again and again as it is edited: fast rules first, then model rules — in a worker
 * thread when a `model` runner is given (the language server's case), else here one at a time, giving way between
 * rules so a newer edit cancels a stale run. Paragraph-scoped rules are cached per paragraph (the worker keeps
 * the model rules' cache).
 */
export class DocumentChecker {
  readonly cache = new ParagraphCache();
  /** The last complete check (all tiers). */
  last?: { doc: ReportDocument; version: number; diagnostics: Diagnostic[] };

  constructor(
    private readonly rules: readonly Rule[],
    private readonly model?: ModelRunner,
  ) {}

  private fillCache(rule: Rule, doc: ReportDocument, options: CheckOptions, dictionary: Set<string>, dictKey: string, hooks: PhaseHooks): Promise<boolean> {
    return fillCacheOf(this.cache, rule, doc, options, dictionary, dictKey, hooks);
  }

  /** Returns undefined when the run went stale. */
  async check(doc: ReportDocument, version: number, options: CheckOptions, hooks: PhaseHooks): Promise<Diagnostic[] | undefined> {
    const fastRules = this.rules.filter((r) => r.meta.tier === 'fast');
    const modelRules = this.rules.filter((r) => r.meta.tier !== 'fast' && options.rules?.get(r.meta.id)?.severity !== 'off');
    // With a worker for the model rules, this thread serves requests between fast rules (see below). The worker
    // starts once the fast findings are out: started at once it would compete with them for the CPU (measured
    // with bench:lsp on two busy cores: the fast findings came later and the complete check no sooner).
    const worker = !!this.model && modelRules.length > 0;
    // One fast rule at a time; on a long document, pending messages (requests, other documents, a newer edit)
    // are handled between rules once SLICE_MS has passed.
    const fast: Diagnostic[] = [];
    const dictionary = new Set(options.dictionary ?? []);
    const dictKey = dictionaryKey(dictionary);
    setUserWords(dictionary); // before any paragraph is segmented (lint does it too)
    let slice = Date.now();
    for (const rule of fastRules) {
      if (worker && rule.meta.scope === 'paragraph' && options.rules?.get(rule.meta.id)?.severity !== 'off') {
        // The paragraphs the cache lacks, a few at a time (the first check of a long document).
        if (!(await this.fillCache(rule, doc, options, dictionary, dictKey, hooks))) return undefined;
        slice = Date.now();
      }
      fast.push(...lint(doc, [rule], { ...options, cache: this.cache }));
      if (worker && Date.now() - slice >= SLICE_MS) {
        await hooks.yieldNow();
        slice = Date.now();
        if (hooks.isStale()) return undefined;
      }
    }
    if (hooks.isStale()) return undefined;
    sortDiagnostics(fast);
    if (!modelRules.length) {
      this.last = { doc, version, diagnostics: fast };
      return fast;
    }
    const modelIds = new Set(modelRules.map((r) => r.meta.id));
    const carried = this.last ? carryOver(this.last.doc, doc, this.last.diagnostics.filter((d) => modelIds.has(d.ruleId))) : [];
    hooks.onFast(sortDiagnostics([...fast, ...carried]));
    if (worker) {
      const found = await this.model!(doc, options, modelRules.map((r) => r.meta.id));
      if (found === undefined || hooks.isStale()) return undefined;
      if (found !== 'inline') {
        const all = sortDiagnostics([...fast, ...found]);
        this.last = { doc, version, diagnostics: all };
        return all;
      }
    }
    const model: Diagnostic[] = [];
    for (const rule of modelRules) {
      await hooks.yieldNow();
      if (hooks.isStale()) return undefined;
      // A slow rule on a long document: a few paragraphs at a time, so that a newer edit can stop it.
      if (rule.meta.scope === 'paragraph' && !(await this.fillCache(rule, doc, options, dictionary, dictKey, hooks))) return undefined;
      model.push(...lint(doc, [rule], { ...options, cache: this.cache }));
    }
    if (hooks.isStale()) return undefined;
    // (one rule at a time above: the two wording rules' readings of one place are weighed here, as lint does)
    const all = sortDiagnostics([...fast, ...arbitrateWording(model, doc.text)]);
    this.last = { doc, version, diagnostics: all };
    return all;
  }
}

/** Checks the paragraphs the cache lacks for `rule`, giving way every SLICE_MS; false once the run went stale. */
function fillCacheOf(
  cache: ParagraphCache,
  rule: Rule,
  doc: ReportDocument,
  options: CheckOptions,
  dictionary: Set<string>,
  dictKey: string,
  hooks: PhaseHooks,
): Promise<boolean> {
  const ruleOptions = options.rules?.get(rule.meta.id)?.options ?? {};
  const ctx: RuleContext = { doc, segment, dictionary, options: ruleOptions };
  const onError = (e: unknown) => options.onRuleError?.(rule.meta.id, e);
  const sig = cacheSignature(doc.format, ruleOptions, dictKey);
  return cache.fill(rule, ctx, sig, { budgetMs: SLICE_MS, yieldNow: hooks.yieldNow, isStale: hooks.isStale, onError });
}

export function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return d.sort(byPosition);
}

/**
 * The diagnostics of `oldDoc` that lie in paragraphs the edit did not touch, moved to where those paragraphs
 * are in `newDoc`. Paragraphs are matched as the common prefix and suffix of the two paragraph lists.
 */
export function carryOver(oldDoc: ReportDocument, newDoc: ReportDocument, diags: readonly Diagnostic[]): Diagnostic[] {
  if (!diags.length) return [];
  const a = oldDoc.paragraphs;
  const b = newDoc.paragraphs;
  const same = (i: number, j: number) =>
    a[i].text === b[j].text && oldDoc.text.slice(a[i].start, a[i].end) === newDoc.text.slice(b[j].start, b[j].end);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && same(prefix, prefix)) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && same(a.length - 1 - suffix, b.length - 1 - suffix)) suffix++;
  const delta = (i: number): number | undefined => {
    if (i < prefix) return b[i].start - a[i].start;
    if (i >= a.length - suffix) return b[i - a.length + b.length].start - a[i].start;
    return undefined;
  };
  const out: Diagnostic[] = [];
  for (const d of diags) {
    const p = oldDoc.paragraphAt(d.range[0]);
    if (!p || d.range[1] > p.end) continue;
    const shift = delta(p.index);
    if (shift === undefined) continue;
    const mv = (r: [number, number]): [number, number] => [r[0] + shift, r[1] + shift];
    const inPara = (r: [number, number]) => r[0] >= p.start && r[1] <= p.end;
    const moved: Diagnostic = { ...d, range: mv(d.range) };
    if (d.fix) moved.fix = inPara(d.fix.range) ? { ...d.fix, range: mv(d.fix.range) } : undefined;
    if (!moved.fix) delete moved.fix;
    if (d.suggestions) moved.suggestions = d.suggestions.filter((s) => inPara(s.fix.range)).map((s) => ({ ...s, fix: { ...s.fix, range: mv(s.fix.range) } }));
    if (d.related) moved.related = d.related.filter((r) => inPara(r.range)).map((r) => ({ ...r, range: mv(r.range) }));
    out.push(moved);
  }
  return out;
}
