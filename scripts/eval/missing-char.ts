/**
 * missing-char measurement (part of `npm run eval`), on the reports HELD OUT from model training
 * (scripts/lib/corpus.ts: every third report file):
 *   - recall and top-1 on single dropped characters injected into them (one character deleted from a jieba word
 *     of 2–4 Han characters, fixed seed; the paragraph is checked within its report, whose other paragraphs the rule
 *     reads for the completed word): recall = a finding within ±1 character of the deletion; top-1 = its first
 *     suggestion restores the original text;
 *   - false alarms per 10,000 characters on the same reports unmodified;
 *   - the dropped characters a reviewer marked in the seed drafts (seed/FINDINGS.md), found with the right
 *     correction first or not.
 * Options (environment): MISSING_SAMPLES (default 2000), MISSING_SEED (default 20251125).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import { shiftFinding } from '../../server/src/core/paragraph-cache';
import { segment } from '../../server/src/core/segmenter';
import { insertionGain, missingChar } from '../../server/src/rules/missing-char';
import { getLanguageModel } from '../../server/src/core/lm';
import type { Diagnostic } from '../../server/src/core/types';
import { SHARED, reportSplit, rng } from '../lib/corpus';
import { recordRuleError } from '../lib/eval-errors';

interface Row {
  section: string;
  metric: string;
  value: string;
}

const HAN = /^[\u4e00-\u9fff]+$/;

function check(text: string, options: Record<string, unknown> = {}): Diagnostic[] {
  const doc = new ReportDocument(text, 'plaintext');
  return lint(doc, [missingChar], { rules: new Map([['missing-char', { severity: 'warn', options }]]), onRuleError: recordRuleError });
}

export interface Sample {
  text: string;
  /** Offset where the character was deleted (the gap in `text`). */
  gap: number;
  ch: string;
  original: string;
  word: string;
  /** The report the paragraph comes from, with the character deleted, and where `text` starts in it. */
  doc: string;
  offset: number;
}

export function makeSamples(files: string[], n: number, seed: number): Sample[] {
  const random = rng(seed);
  const paras: Array<{ text: string; doc: string; offset: number }> = [];
  for (const f of files) {
    const doc = fs.readFileSync(f, 'utf8');
    let at = 0;
    for (const l of doc.split(/\r?\n/)) {
      if (l.trim().length >= 20) paras.push({ text: l.trim(), doc, offset: at + (l.length - l.trimStart().length) });
      at = doc.indexOf('\n', at + l.length) + 1;
    }
  }
  const out: Sample[] = [];
  let guard = 0;
  while (out.length < n && guard++ < n * 20) {
    const { text: p, doc, offset } = paras[Math.floor(random() * paras.length)];
    const words = segment(p).filter((t) => t.word.length >= 2 && t.word.length <= 4 && HAN.test(t.word));
    if (!words.length) continue;
    const w = words[Math.floor(random() * words.length)];
    const k = Math.floor(random() * w.word.length);
    const gap = w.start + k;
    const at = offset + gap;
    out.push({ text: p.slice(0, gap) + p.slice(gap + 1), gap, ch: p[gap], original: p, word: w.word, doc: doc.slice(0, at) + doc.slice(at + 1), offset });
  }
  return out;
}

/**
 * missing-char on the sample's paragraph in its report (the rule weighs whether the completed word occurs
 * elsewhere in the document); the findings' ranges relative to the paragraph, as `check` on `s.text` gives them.
 */
export function checkInDocument(s: Sample, options: Record<string, unknown> = {}): Diagnostic[] {
  const doc = new ReportDocument(s.doc, 'plaintext');
  const p = doc.paragraphAt(s.offset);
  if (!p) return [];
  const found = lint(doc, [missingChar], {
    rules: new Map([['missing-char', { severity: 'warn', options }]]),
    onRuleError: recordRuleError,
    paragraphSlice: { tier: 'model', from: p.index, to: p.index + 1 },
  });
  return found.map((d) => shiftFinding(d, -s.offset));
}

export interface SampleResult {
  found: boolean;
  top1: boolean;
  diag?: Diagnostic;
}

export function judge(s: Sample, found: Diagnostic[]): SampleResult {
  const hit = found.find((d) => d.range[0] - 1 <= s.gap && s.gap <= d.range[1] + 1);
  if (!hit) return { found: false, top1: false };
  const first = hit.suggestions?.[0]?.fix;
  const restored = first ? s.text.slice(0, first.range[0]) + first.text + s.text.slice(first.range[1]) : '';
  return { found: true, top1: restored === s.original, diag: hit };
}

/** The reviewer's dropped characters in the seed drafts: [as written, meant]. */
const SEED_CASES: Array<[string, string]> = [
  ['付诸施', '付诸实施'],
  ['与施主体', '与实施主体'],
  ['安置施方案', '安置实施方案'],
  ['同意后施', '同意后实施'],
  ['的际问题', '的实际问题'],
  ['完善料', '完善材料'],
  ['专项经支付', '专项经费支付'],
  ['有限司', '有限公司'],
  ['增强化', '增强文化'],
  ['镇历史化展览馆', '镇历史文化展览馆'],
  ['镇化创意产业园', '镇文化创意产业园'],
  ['暖民心短1.5万条', '暖民心短信1.5万条'],
  ['务工数据核查比', '务工数据核查比对'],
];

function seedRows(verbose: boolean): Row[] {
  const file = path.join(SHARED, 'seed', 'report-excerpts.txt');
  if (!fs.existsSync(file)) return [];
  const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
  let right = 0;
  let flagged = 0;
  const missed: string[] = [];
  for (const [written, meant] of SEED_CASES) {
    const line = lines.find((l) => l.includes(written));
    if (line === undefined) {
      missed.push(`${written}(not in seed)`);
      continue;
    }
    const at = line.indexOf(written);
    const found = check(line);
    const d = found.find((f) => f.range[0] < at + written.length + 1 && f.range[1] > at - 1);
    const first = d?.suggestions?.[0]?.fix;
    const fixed = first ? line.slice(0, first.range[0]) + first.text + line.slice(first.range[1]) : '';
    const ok = !!first && fixed.includes(meant);
    if (d) flagged++;
    if (ok) right++;
    else missed.push(d ? `${written}(${d.message})` : written);
    if (verbose) console.log(`missing-char seed: ${written} → ${d ? d.message + ' ' + (d.suggestions ?? []).map((s) => s.fix.text).join('/') : '(silent)'}`);
  }
  const seedFile = lines.join('\n');
  const all = check(seedFile);
  if (verbose) for (const d of all) console.log(`missing-char seed finding: ${JSON.stringify(seedFile.slice(d.range[0] - 6, d.range[1] + 6))} ${d.message}`);
  return [
    { section: 'missing-char: seed drafts', metric: 'reviewer-marked drops found, right fix first', value: `${right} / ${SEED_CASES.length} (flagged ${flagged})` },
    { section: 'missing-char: seed drafts', metric: 'missed or wrong first', value: missed.join(' · ') || '—' },
    { section: 'missing-char: seed drafts', metric: 'all findings in the seed drafts', value: String(all.length) },
  ];
}

/** The model's preference on the pairs of the brief (log10 gain of inserting the character; > 0: prefers it). */
function pairRows(): Row[] {
  const lm = getLanguageModel();
  const g = (text: string, gap: number, ch: string) => insertionGain(text, gap, ch, lm).total.toFixed(2);
  return [
    { section: 'missing-char: model', metric: '增强[文]化发展 gain over 增强化发展', value: g('进一步增强化发展动力', 5, '文') },
    { section: 'missing-char: model', metric: '遇到的[实]际问题 / 遇到的[国]际问题 gain', value: `${g('解决遇到的际问题', 5, '实')} / ${g('解决遇到的际问题', 5, '国')}` },
  ];
}

export function run({ verbose }: { verbose: boolean }): Row[] {
  const { test } = reportSplit();
  if (!test.length) return [];
  const n = Number(process.env.MISSING_SAMPLES ?? 2000);
  const seed = Number(process.env.MISSING_SEED ?? 20251125);
  const section = `missing-char: held-out reports (${test.length} files)`;
  // false alarms on the clean held-out reports
  let chars = 0;
  let fa = 0;
  for (const f of test) {
    const text = fs.readFileSync(f, 'utf8');
    chars += text.length;
    const found = check(text);
    fa += found.length;
    if (verbose) for (const d of found) console.log(`missing-char FA ${path.basename(f)}: ${JSON.stringify(text.slice(d.range[0] - 8, d.range[1] + 8))} ${d.message}`);
  }
  // injected drops
  const samples = makeSamples(test, n, seed);
  let found = 0;
  let top1 = 0;
  const byLen = new Map<number, [number, number]>();
  for (const s of samples) {
    const r = judge(s, checkInDocument(s));
    if (r.found) found++;
    if (r.top1) top1++;
    const l = byLen.get(s.word.length) ?? [0, 0];
    l[0]++;
    if (r.found) l[1]++;
    byLen.set(s.word.length, l);
    if (verbose && !r.found) console.log(`missing-char MISS ${s.word}-${s.ch}: ${s.text.slice(Math.max(0, s.gap - 8), s.gap)}_${s.text.slice(s.gap, s.gap + 8)}`);
    if (verbose && r.found && !r.top1) console.log(`missing-char WRONG ${s.word}: ${r.diag!.message}`);
  }
  const pct = (a: number, b: number) => (b ? (a / b).toFixed(3) : '—');
  return [
    { section, metric: 'false alarms /10k (clean, held out)', value: `${((fa / chars) * 10000).toFixed(3)} (${fa} in ${chars} chars)` },
    { section, metric: `recall on ${samples.length} dropped characters`, value: `${pct(found, samples.length)} (${found})` },
    { section, metric: 'right character first, of all drops', value: `${pct(top1, samples.length)} (${top1})` },
    { section, metric: 'right character first, of those found', value: pct(top1, found) },
    { section, metric: 'recall by word length 2/3/4', value: [2, 3, 4].map((k) => pct(byLen.get(k)?.[1] ?? 0, byLen.get(k)?.[0] ?? 0)).join(' / ') },
    ...seedRows(verbose),
    ...pairRows(),
  ];
}
