import type { Finding, Paragraph, Range, Rule, RuleContext, RuleMeta } from './types';

/**
 * Results of paragraph-scoped rules (`meta.scope: 'paragraph'`), keyed by the paragraph's content, so that
 * re-checking a long document after a small edit re-runs those rules only on the paragraphs that changed.
 * Findings are stored with offsets relative to their paragraph and moved to wherever the paragraph is now.
 *
 * Keep one cache per document. Each run keeps only the entries it used, so a cache never holds more than one
 * version of the document's paragraphs.
 */
export class ParagraphCache {
  private readonly byRule = new Map<string, { signature: string; entries: Map<string, Finding[]> }>();
  /** Paragraphs served from the cache / computed, over the cache's lifetime (for benchmarks and tests). */
  hits = 0;
  misses = 0;

  /**
   * The findings of `rule` on every paragraph of `ctx.doc`. `signature` must change whenever anything else the
   * rule depends on changes (settings, dictionary): then the rule's entries are discarded.
   */
  run(rule: Rule & { checkParagraph: NonNullable<Rule['checkParagraph']> }, ctx: RuleContext, signature: string, onError: (e: unknown) => void): Finding[] {
    const id = rule.meta.id;
    const prev = this.byRule.get(id);
    const old = prev && prev.signature === signature ? prev.entries : new Map<string, Finding[]>();
    const next = new Map<string, Finding[]>();
    const out: Finding[] = [];
    const { doc } = ctx;
    for (const p of doc.paragraphs) {
      const key = p.text === doc.text.slice(p.start, p.end) ? p.text : `${p.text}\u0000${doc.text.slice(p.start, p.end)}`;
      let rel = next.get(key) ?? old.get(key);
      if (rel) {
        this.hits++;
      } else {
        let found: Finding[];
        try {
          found = rule.checkParagraph(ctx, p);
        } catch (e) {
          onError(e);
          continue;
        }
        this.misses++;
        rel = found.map((f) => shiftFinding(f, -p.start));
      }
      next.set(key, rel);
      for (const f of rel) out.push(shiftFinding(f, p.start));
    }
    this.byRule.set(id, { signature, entries: next });
    return out;
  }

  clear(): void {
    this.byRule.clear();
  }
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
 * language server caches it per paragraph.
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
