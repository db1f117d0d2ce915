import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import type { Diagnostic, Rule } from '../../server/src/core/types';

/** An invalid case: the text, and what must be found in it. */
export interface InvalidCase {
  text: string;
  /** The flagged substrings, in order (each must be exactly the finding's range). */
  errors: Array<string | { text: string; message?: RegExp | string; fix?: string; suggestions?: string[]; occurrence?: number }>;
  /** The whole text after applying every fix (optional). */
  output?: string;
  format?: 'markdown' | 'plaintext';
  options?: Record<string, unknown>;
  dictionary?: string[];
  name?: string;
}

export interface ValidCase {
  text: string;
  format?: 'markdown' | 'plaintext';
  options?: Record<string, unknown>;
  dictionary?: string[];
  name?: string;
}

function run(rule: Rule, c: { text: string; format?: 'markdown' | 'plaintext'; options?: Record<string, unknown>; dictionary?: string[] }): Diagnostic[] {
  const doc = new ReportDocument(c.text, c.format ?? 'plaintext');
  const rules = new Map([[rule.meta.id, { severity: rule.meta.defaultSeverity, options: c.options ?? {} }]]);
  return lint(doc, [rule], {
    rules,
    dictionary: c.dictionary,
    onRuleError: (id, e) => {
      throw e;
    },
  });
}

function describe(d: Diagnostic, text: string): string {
  return `“${text.slice(d.range[0], d.range[1])}” @${d.range[0]}: ${d.message}`;
}

/**
 * ESLint-style table tests: every `valid` text yields no finding of the rule; every `invalid` text yields
 * exactly the listed findings (by flagged text, in order), with the given messages, fixes and suggestions.
 */
export function ruleTester(rule: Rule, cases: { valid: Array<string | ValidCase>; invalid: InvalidCase[] }): void {
  for (const v of cases.valid) {
    const c = typeof v === 'string' ? { text: v } : v;
    test(`${rule.meta.id} valid: ${c.name ?? c.text.slice(0, 40)}`, () => {
      const found = run(rule, c);
      assert.deepEqual(found.map((d) => describe(d, c.text)), [], 'expected no findings');
    });
  }
  for (const c of cases.invalid) {
    test(`${rule.meta.id} invalid: ${c.name ?? c.text.slice(0, 40)}`, () => {
      const found = run(rule, c);
      const got = found.map((d) => c.text.slice(d.range[0], d.range[1]));
      const want = c.errors.map((e) => (typeof e === 'string' ? e : e.text));
      assert.deepEqual(got, want, `findings: ${found.map((d) => describe(d, c.text)).join(' | ')}`);
      c.errors.forEach((e, i) => {
        if (typeof e === 'string') return;
        const d = found[i];
        if (e.message !== undefined) {
          if (typeof e.message === 'string') assert.equal(d.message, e.message);
          else assert.match(d.message, e.message);
        }
        if (e.fix !== undefined) {
          assert.ok(d.fix, `expected a fix on ${describe(d, c.text)}`);
          assert.equal(d.fix!.text, e.fix);
        }
        if (e.suggestions !== undefined) {
          assert.deepEqual((d.suggestions ?? []).map((s) => s.fix.text), e.suggestions);
        }
      });
      if (c.output !== undefined) {
        const { applyFixes } = require('../../server/src/core/fix') as typeof import('../../server/src/core/fix');
        const out = applyFixes(c.text, found.filter((d) => d.fix).map((d) => d.fix!)).output;
        assert.equal(out, c.output);
      }
    });
  }
}
