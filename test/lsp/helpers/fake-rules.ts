import type { Finding, Rule, RuleMeta } from '../../../server/src/core/types';

// Small deterministic rules for server tests that need fixes, suggestions, a model tier or a rule that throws,
// independent of how the real rules are tuned.

function meta(id: string, tier: 'fast' | 'model', extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    tier,
    defaultSeverity: 'warn',
    category: 'typography',
    title: id,
    fixable: true,
    docs: { summary: id, details: id, flagged: [], passed: [] },
    ...extra,
  };
}

/** Half-width comma between Han characters → full-width (a fix). */
export const commaRule: Rule = {
  meta: meta('punctuation', 'fast'),
  check(ctx) {
    const out: Finding[] = [];
    const t = ctx.doc.masked;
    for (let i = 1; i < t.length - 1; i++) {
      if (t[i] === ',' && /\p{Script=Han}/u.test(t[i - 1]) && /\p{Script=Han}/u.test(t[i + 1])) {
        out.push({ message: '半角逗号“,”应为全角“，”', range: [i, i + 1], fix: { range: [i, i + 1], text: '，' } });
      }
    }
    return out;
  },
};

/** 截止目前 → suggestions 截至目前 (best), 到目前; the dictionary silences it. A model-tier rule. */
export const wordRule: Rule = {
  meta: meta('wrong-char', 'model', { category: 'wording', fixable: false }),
  check(ctx) {
    if (ctx.dictionary.has('截止目前')) return [];
    const out: Finding[] = [];
    const t = ctx.doc.masked;
    for (let i = t.indexOf('截止目前'); i >= 0; i = t.indexOf('截止目前', i + 1)) {
      out.push({
        message: '“截止目前”应为“截至目前”',
        range: [i, i + 4],
        suggestions: [
          { desc: '改为“截至目前”', fix: { range: [i, i + 2], text: '截至' } },
          { desc: '改为“到目前”', fix: { range: [i, i + 2], text: '到' } },
        ],
      });
    }
    return out;
  },
};

/** Throws on any document containing 炸. */
export const boomRule: Rule = {
  meta: meta('count-mismatch', 'fast', { fixable: false }),
  check(ctx) {
    if (ctx.doc.text.includes('炸')) throw new Error('boom');
    return [];
  },
};

export const fakeRules: readonly Rule[] = [commaRule, wordRule, boomRule];
