import { ReportDocument } from './document';
import { segment, setUserWords } from './segmenter';
import { Suppressions } from './suppress';
import type { Diagnostic, Finding, Rule, RuleContext, Severity } from './types';
import type { ResolvedRules } from './config';
import { cacheSignature, dictionaryKey, type ParagraphCache } from './paragraph-cache';
import { timedRule, timedShared, timingEnabled } from './timing';
import { arbitrateWording } from './arbitrate';

/** segment, timed as a shared section when REPORT_LINT_TIMING is on. */
const timedSegment = (text: string) => timedShared('（分词）', () => segment(text));

export interface LintOptions {
  /** Rule settings; rules missing from the map run at their default severity. */
  rules?: ResolvedRules;
  dictionary?: Iterable<string>;
  /** Which tiers to run (default: all). The editor runs `fast` first and `model` after. */
  tiers?: ReadonlyArray<'fast' | 'model'>;
  /** `--final`: findings that mark open text (placeholders, missing numbers) become errors. */
  final?: boolean;
  /** Called when a rule throws; the other rules' findings are still returned. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /**
   * Per-document cache for rules of scope `paragraph` (the language server keeps one per open document): only
   * changed paragraphs are re-checked.
   */
  cache?: ParagraphCache;
  /**
   * Run the paragraph-scoped rules of `tier` only on the paragraphs [from, to) (the CLI shares a large document's
   * model rules between two threads this way); every other rule sees the whole document.
   */
  paragraphSlice?: { tier: 'fast' | 'model'; from: number; to: number };
}

/** Runs `rules` over `doc` and returns diagnostics sorted by position, with configuration applied. */
export function lint(doc: ReportDocument, rules: readonly Rule[], options: LintOptions = {}): Diagnostic[] {
  const dictionary = new Set(options.dictionary ?? []);
  setUserWords(dictionary);
  const suppressions = new Suppressions(doc);
  const dictKey = options.cache ? dictionaryKey(dictionary) : '';
  const out: Diagnostic[] = [];
  for (const rule of rules) {
    if (options.tiers && !options.tiers.includes(rule.meta.tier)) continue;
    const setting = options.rules?.get(rule.meta.id);
    const severity: Severity = setting?.severity ?? rule.meta.defaultSeverity;
    if (severity === 'off') continue;
    const slice = options.paragraphSlice;
    const view =
      slice && slice.tier === rule.meta.tier && rule.meta.scope === 'paragraph'
        ? (Object.create(doc, { paragraphs: { value: doc.paragraphs.slice(slice.from, slice.to) } }) as ReportDocument)
        : doc;
    const ctx: RuleContext = { doc: view, segment: timingEnabled() ? timedSegment : segment, dictionary, options: setting?.options ?? {} };
    let findings: Finding[];
    try {
      if (options.cache && rule.meta.scope === 'paragraph') {
        const signature = cacheSignature(doc.format, ctx.options, dictKey);
        findings = timedRule(rule.meta.id, () => options.cache!.run(rule, ctx, signature, (e) => options.onRuleError?.(rule.meta.id, e)));
      } else {
        findings = timedRule(rule.meta.id, () => rule.check(ctx));
      }
      if (rule.finalize) findings = timedRule(rule.meta.id, () => rule.finalize!(findings, ctx));
    } catch (e) {
      options.onRuleError?.(rule.meta.id, e);
      continue;
    }
    for (const f of findings) {
      const [s, e] = f.range;
      if (!(s >= 0 && e >= s && e <= doc.text.length)) {
        options.onRuleError?.(rule.meta.id, new Error(`range out of document: [${s}, ${e}]`));
        continue;
      }
      if (!suppressions.empty && suppressions.isSuppressed(rule.meta.id, s, doc.positionAt(s).line)) continue;
      const sev = options.final && f.open ? 'error' : severity;
      out.push({ ...f, ruleId: rule.meta.id, severity: sev });
    }
  }
  return arbitrateWording(out.sort(byPosition), doc.text);
}

/** The order of diagnostics in every report: by start, end, then rule id. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1] || a.ruleId.localeCompare(b.ruleId);
}

/** Convenience for tests and simple callers. */
export function lintText(text: string, rules: readonly Rule[], format: 'markdown' | 'plaintext' = 'plaintext', options: LintOptions = {}): Diagnostic[] {
  return lint(new ReportDocument(text, format), rules, options);
}
