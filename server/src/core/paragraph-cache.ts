import type { ReportDocument } from './document';
import type { Finding, Paragraph, Range, Rule, RuleContext, RuleMeta } from './types';

/**
 * Results of paragraph-scoped rules (`meta.scope: 'paragraph'`), keyed by the paragraph's content, so that
 * re-checking a long document after a small edit re-runs those rules only on the paragraphs that changed.
 *
 * The rule's `checkParagraph` runs on each changed paragraph; a rule without one has its `check` run on a view
 * of the document whose `paragraphs` are only the changed ones (every other property is the document's). The
 * findings are filed under their paragraph, stored relative to it, and moved to wherever the paragraph is in
 * later versions.
 *
 * Keep one cache per document. Each run keeps only the entries it used, so a cache never holds more than one
 * version of the document's paragraphs.
 */
export class ParagraphCache {
  private readonly byRule = new Map<string, { signature: string; entries: Map<string, Finding[]> }>();
  /** Paragraphs served from the cache / checked, over the cache's lifetime (for benchmarks and tests). */
  hits = 0;
  misses = 0;

  /**
   * The findings of `rule` on every paragraph of `ctx.doc`. `signature` must change whenever anything else the
   * rule depends on changes (settings, dictionary): then the rule's entries are discarded.
   */
  run(rule: Rule, ctx: RuleContext, signature: string, onError: (e: unknown) => void): Finding[] {
    const id = rule.meta.id;
    const { doc } = ctx;
    const prev = this.byRule.get(id);
    const old = prev && prev.signature === signature ? prev.entries : new Map<string, Finding[]>();
    const next = new Map<string, Finding[]>();
    const keys = doc.paragraphs.map((p) => paragraphKey(doc, p));
    const results: Array<Finding[] | undefined> = keys.map((k) => old.get(k));
    const missing = doc.paragraphs.filter((_, i) => !results[i]);
    this.hits += doc.paragraphs.length - missing.length;
    this.misses += missing.length;
    if (missing.length) {
      const fresh = this.checkParagraphs(rule, ctx, missing, onError);
      for (const p of missing) results[p.index] = fresh?.get(p.index);
    }
    const out: Finding[] = [];
    doc.paragraphs.forEach((p, i) => {
      const rel = results[i];
      if (!rel) return; // the rule threw: not cached, tried again next time
      next.set(keys[i], rel);
      for (const f of rel) out.push(shiftFinding(f, p.start));
    });
    this.byRule.set(id, { signature, entries: next });
    return out;
  }

  /**
   * Checks the paragraphs the cache lacks a few at a time, awaiting `yieldNow` whenever `budgetMs` has passed,
   * and stops early once `isStale()`; what was checked stays cached for the next run. Then `run` (through
   * `lint`) finds every paragraph cached. Lets a slow rule on a long document give way to newer edits.
   */
  async fill(
    rule: Rule,
    ctx: RuleContext,
    signature: string,
    o: { budgetMs: number; yieldNow: () => Promise<void>; isStale: () => boolean; onError: (e: unknown) => void },
  ): Promise<boolean> {
    const id = rule.meta.id;
    let entry = this.byRule.get(id);
    if (!entry || entry.signature !== signature) this.byRule.set(id, (entry = { signature, entries: new Map() }));
    const entries = entry.entries;
    const missing = ctx.doc.paragraphs.filter((p) => !entries.has(paragraphKey(ctx.doc, p)));
    let started = Date.now();
    for (let i = 0; i < missing.length; ) {
      if (Date.now() - started >= o.budgetMs) {
        await o.yieldNow();
        started = Date.now();
      }
      if (o.isStale()) return false;
      const batch = missing.slice(i, (i += 4));
      const fresh = this.checkParagraphs(rule, ctx, batch, o.onError);
      if (!fresh) continue;
      this.misses += batch.length;
      for (const p of batch) entries.set(paragraphKey(ctx.doc, p), fresh.get(p.index)!);
    }
    return true;
  }

  /** Runs the rule on `paras` only; findings relative to their paragraph, by paragraph index. */
  private checkParagraphs(rule: Rule, ctx: RuleContext, paras: Paragraph[], onError: (e: unknown) => void): Map<number, Finding[]> | undefined {
    let found: Finding[];
    try {
      if (rule.checkParagraph) {
        found = paras.flatMap((p) => rule.checkParagraph!(ctx, p));
      } else {
        const view = Object.create(ctx.doc, { paragraphs: { value: paras } }) as ReportDocument;
        found = rule.check({ ...ctx, doc: view });
      }
    } catch (e) {
      onError(e);
      return undefined;
    }
    const byPara = new Map<number, Finding[]>(paras.map((p) => [p.index, []]));
    let outside = 0;
    for (const f of found) {
      const p = paragraphOf(paras, f.range);
      if (!p) outside++;
      else byPara.get(p.index)!.push(shiftFinding(f, -p.start));
    }
    if (outside) onError(new Error(`${outside} 个结果超出所在段落（规则声明了 scope: 'paragraph'）`));
    return byPara;
  }

  clear(): void {
    this.byRule.clear();
  }
}

/** What identifies a paragraph's content: its masked text, and its raw text where that differs. */
function paragraphKey(doc: ReportDocument, p: Paragraph): string {
  const raw = doc.text.slice(p.start, p.end);
  return raw === p.text ? p.text : `${p.text}\u0000${raw}`;
}

/** The user's words as one string, for cache signatures (computed once per check). */
export function dictionaryKey(dictionary: Iterable<string>): string {
  return [...dictionary].sort().join('\n');
}

/** Everything besides the paragraph that a paragraph-scoped rule's findings may depend on. */
export function cacheSignature(format: string, options: Record<string, unknown>, dictKey: string): string {
  return `${format}\n${JSON.stringify(options)}\n${dictKey}`;
}

/** The paragraph of `paras` (sorted) that holds `range` entirely. */
function paragraphOf(paras: Paragraph[], range: Range): Paragraph | undefined {
  let lo = 0;
  let hi = paras.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paras[mid];
    if (range[0] < p.start) hi = mid - 1;
    else if (range[0] > p.end) lo = mid + 1;
    else return range[1] <= p.end ? p : undefined;
  }
  return undefined;
}

function shiftRange(r: Range, d: number): Range {
  return [r[0] + d, r[1] + d];
}

/** A copy of `f` with every offset (range, fix, suggestions, related) moved by `delta`. */
export function shiftFinding<T extends Finding>(f: T, delta: number): T {
  if (delta === 0) return f;
  const out: T = { ...f, range: shiftRange(f.range, delta) };
  if (f.fix) out.fix = { ...f.fix, range: shiftRange(f.fix.range, delta) };
  if (f.suggestions) out.suggestions = f.suggestions.map((s) => ({ ...s, fix: { ...s.fix, range: shiftRange(s.fix.range, delta) } }));
  if (f.related) out.related = f.related.map((r) => ({ ...r, range: shiftRange(r.range, delta) }));
  return out;
}

/**
 * Builds a rule of scope `paragraph` from its per-paragraph check: `check` runs it over every paragraph, and the
 * language server re-runs it only on changed paragraphs.
 */
export function paragraphRule(def: { meta: RuleMeta; checkParagraph(ctx: RuleContext, paragraph: Paragraph): Finding[] }): Rule {
  return {
    meta: { ...def.meta, scope: 'paragraph' },
    checkParagraph: def.checkParagraph,
    check(ctx) {
      return ctx.doc.paragraphs.flatMap((p) => def.checkParagraph(ctx, p));
    },
  };
}
