import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ParagraphCache } from '../../server/src/core/paragraph-cache';
import type { Finding, Rule } from '../../server/src/core/types';
import { allRules } from '../../server/src/rules';
import { DocumentChecker, carryOver } from '../../server/src/lsp/checker';
import { commaRule, wordRule } from './helpers/fake-rules';

/** A paragraph-scoped rule that counts the paragraphs it really checks. */
function countingRule(): Rule & { calls: string[] } {
  const calls: string[] = [];
  const rule: Rule = {
    meta: { ...commaRule.meta, id: 'punctuation', scope: 'paragraph' },
    check(ctx): Finding[] {
      const out: Finding[] = [];
      for (const p of ctx.doc.paragraphs) {
        calls.push(p.text);
        for (let i = p.text.indexOf(','); i >= 0; i = p.text.indexOf(',', i + 1)) {
          out.push({ message: '半角逗号', range: [p.start + i, p.start + i + 1], fix: { range: [p.start + i, p.start + i + 1], text: '，' }, related: [{ range: [p.start, p.start + 1], message: '段首' }] });
        }
      }
      return out;
    },
  };
  return Object.assign(rule, { calls });
}

const paragraphs = Array.from({ length: 50 }, (_, i) => `第${i + 1}段,内容${i % 7}。`);

test('paragraph cache: after a one-character edit only the changed paragraph is re-checked', () => {
  const rule = countingRule();
  const cache = new ParagraphCache();
  const text = paragraphs.join('\n');
  const first = lint(new ReportDocument(text), [rule], { cache });
  assert.equal(rule.calls.length, 50);
  assert.equal(first.length, 50);

  // Insert one character in paragraph 10: every later paragraph moves by one.
  rule.calls.length = 0;
  const at = text.indexOf('第10段') + 1;
  const edited = text.slice(0, at) + '0' + text.slice(at);
  const doc = new ReportDocument(edited);
  const second = lint(doc, [rule], { cache });
  assert.deepEqual(rule.calls, ['第010段,内容2。']);
  // Same results as an uncached run, offsets of fixes and related information moved.
  assert.deepEqual(second, lint(doc, [rule]));
  for (const d of second) assert.equal(edited[d.range[0]], ',');
  assert.equal(cache.misses, 51);
});

test('paragraph cache: a change of settings or dictionary discards the entries', () => {
  const rule = countingRule();
  const cache = new ParagraphCache();
  const doc = new ReportDocument(paragraphs.slice(0, 5).join('\n'));
  lint(doc, [rule], { cache });
  lint(doc, [rule], { cache, dictionary: ['华阳新天地'] });
  lint(doc, [rule], { cache, rules: new Map([['punctuation', { severity: 'warn', options: { strict: true } }]]) });
  assert.equal(rule.calls.length, 15);
  lint(doc, [rule], { cache, rules: new Map([['punctuation', { severity: 'error', options: { strict: true } }]]) });
  assert.equal(rule.calls.length, 15, 'severity alone does not invalidate');
});

test('paragraph cache: a paragraph that throws is reported and the others are still checked', () => {
  const rule: Rule = {
    meta: { ...commaRule.meta, scope: 'paragraph' },
    check(ctx) {
      if (ctx.doc.paragraphs.some((p) => p.text.includes('炸'))) throw new Error('boom');
      return ctx.doc.paragraphs.map((p) => ({ message: 'x', range: [p.start, p.start + 1] }));
    },
  };
  const errors: string[] = [];
  const cache = new ParagraphCache();
  const onRuleError = (id: string, e: unknown) => errors.push(`${id}: ${(e as Error).message}`);
  assert.equal(lint(new ReportDocument('甲\n乙'), [rule], { cache, onRuleError }).length, 2);
  // The new paragraph makes the rule throw: the cached paragraphs still report, the error is passed on.
  assert.equal(lint(new ReportDocument('甲\n炸\n乙'), [rule], { cache, onRuleError }).length, 2);
  assert.deepEqual(errors, ['punctuation: boom']);
  // A finding outside its paragraph breaks the promise of scope: 'paragraph' and is reported.
  const stray: Rule = { meta: rule.meta, check: (ctx) => ctx.doc.paragraphs.map((p) => ({ message: 'x', range: [p.start, p.end + 2] })) };
  assert.deepEqual(lint(new ReportDocument('甲乙\n丙丁\n'), [stray], { cache: new ParagraphCache(), onRuleError }), []);
  assert.match(errors[1], /超出所在段落/);
});

test('every rule of scope paragraph gives the same findings through the cache, after edits', () => {
  const scoped = allRules.filter((r) => r.meta.scope === 'paragraph');
  assert.ok(scoped.length >= 1);
  const examples = path.resolve(__dirname, '../../examples');
  for (const name of fs.readdirSync(examples).filter((n) => /\.(txt|md)$/.test(n))) {
    const format = name.endsWith('.md') ? 'markdown' : 'plaintext';
    let text = fs.readFileSync(path.join(examples, name), 'utf8');
    const cache = new ParagraphCache();
    for (let step = 0; step < 6; step++) {
      const doc = new ReportDocument(text, format);
      const opts = { onRuleError: (id: string, e: unknown) => assert.fail(`${id}: ${e}`) };
      assert.deepEqual(lint(doc, scoped, { ...opts, cache }), lint(doc, scoped, opts), `${name}, step ${step}`);
      // Next version: one character in, in a different place each time; and a paragraph duplicated.
      const at = Math.floor((text.length * (step + 1)) / 7);
      text = step === 3 ? text + '\n' + text.split('\n')[1] : text.slice(0, at) + '约' + text.slice(at);
    }
  }
});

test('carryOver keeps findings of unchanged paragraphs before and after the edit, moved', () => {
  const oldDoc = new ReportDocument('截止目前甲。\n乙丙。\n截止目前丁。');
  const diags = lint(oldDoc, [wordRule]);
  assert.equal(diags.length, 2);
  const newDoc = new ReportDocument('截止目前甲。\n乙丙丙丙。\n截止目前丁。');
  const moved = carryOver(oldDoc, newDoc, diags);
  assert.deepEqual(moved.map((d) => d.range), [[0, 4], [13, 17]]);
  assert.deepEqual(moved[1].suggestions!.map((s) => s.fix.range), [[13, 15], [13, 15]]);
  // The changed paragraph's findings are dropped.
  const changed = new ReportDocument('截止目前乙。\n乙丙。\n截止目前丁。');
  assert.deepEqual(carryOver(oldDoc, changed, diags).map((d) => d.range), [[11, 15]]);
});

test('DocumentChecker: a stale run stops before the model rules', async () => {
  let modelCalls = 0;
  const model: Rule = { meta: wordRule.meta, check: (ctx) => (modelCalls++, wordRule.check(ctx)) };
  const checker = new DocumentChecker([commaRule, model]);
  const doc = new ReportDocument('明年,截止目前。');
  let fast: unknown[] = [];
  let stale = false;
  const hooks = { isStale: () => stale, onFast: (d: unknown[]) => (fast = d), yieldNow: async () => void (stale = true) };
  assert.equal(await checker.check(doc, 1, {}, hooks), undefined);
  assert.equal(fast.length, 1);
  assert.equal(modelCalls, 0);
  stale = false;
  const all = await checker.check(doc, 2, {}, { ...hooks, yieldNow: async () => {} });
  assert.deepEqual(all!.map((d) => d.ruleId), ['punctuation', 'wrong-char']);
  assert.equal(checker.last!.version, 2);
});

test('DocumentChecker: a slow paragraph-scoped model rule gives way between slices, and keeps what it checked', async () => {
  const seen: string[] = [];
  const slow: Rule = {
    meta: { ...wordRule.meta, scope: 'paragraph' },
    check(ctx) {
      const until = Date.now() + 15; // 15 ms a call: several slices on this document
      while (Date.now() < until);
      for (const p of ctx.doc.paragraphs) seen.push(p.text);
      return wordRule.check(ctx).filter((f) => ctx.doc.paragraphs.some((p) => f.range[0] >= p.start && f.range[1] <= p.end));
    },
  };
  const checker = new DocumentChecker([commaRule, slow]);
  const text = Array.from({ length: 80 }, (_, i) => `第${i}段，截止目前完成。`).join('\n');
  const doc = new ReportDocument(text);
  let yields = 0;
  const stopAfterTwo = { isStale: () => yields >= 3, onFast: () => {}, yieldNow: async () => void yields++ };
  assert.equal(await checker.check(doc, 1, {}, stopAfterTwo), undefined, 'stopped by the newer edit');
  const checkedBefore = seen.length;
  assert.ok(checkedBefore > 0 && checkedBefore < 80, `checked ${checkedBefore} of 80 before stopping`);
  // The next run checks only the rest, and gives the same findings as a check from scratch.
  const all = await checker.check(doc, 2, {}, { isStale: () => false, onFast: () => {}, yieldNow: async () => {} });
  assert.equal(seen.length, 80);
  assert.deepEqual(all, lint(doc, [commaRule, slow]));
});

test('DocumentChecker: the model rules run one at a time, and one slip read two ways still shows once', async () => {
  // missing-char reads 纠分 as 纠纷分, wrong-char as 纠纷 (core/arbitrate.ts keeps the better reading)
  const wording = allRules.filter((r) => r.meta.id === 'missing-char' || r.meta.id === 'wrong-char');
  const checker = new DocumentChecker(wording);
  const text = '依法化解各类矛盾纠分，维护社会稳定。';
  const doc = new ReportDocument(text, 'plaintext');
  const found = await checker.check(doc, 1, {}, { isStale: () => false, onFast: () => {}, yieldNow: async () => {} });
  assert.deepEqual(found?.map((d) => `${d.ruleId} ${text.slice(d.range[0], d.range[1])}`), ['wrong-char 分']);
});
