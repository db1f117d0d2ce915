/**
 * `npm run eval` section: the `wrong-char` rule on ../shared/corpus/csc/dev.jsonl (sentences with gold
 * wrong-character corrections, about 42% of them correct as written).
 *
 * Sentence level, as usual for spelling correction:
 *  - detection: a flagged sentence is a true positive when it has errors and every flagged range touches a gold
 *    edit; precision = TP / flagged sentences, recall = TP / sentences with errors;
 *  - correction: a true positive when, in addition, applying every finding's top correction (its fix, else its
 *    first suggestion) turns the sentence into the gold target.
 * Reported on the whole file and on its two halves: even lines (the half the thresholds were tuned on) and odd
 * lines (held out), and on the sentences whose text does not occur in the language model's training text
 * (corpus/official: a leak check). False alarms on clean reports are in the main table (per rule).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import { wrongChar } from '../../server/src/rules/wrong-char';
import type { Diagnostic } from '../../server/src/core/types';
import type { EvalRow } from '../eval';
import { recordRuleError } from '../lib/eval-errors';

// Not imported from ../eval (a value import would run the whole harness): the same resolution of the corpus.
const CORPUS = path.join(process.env.REPORT_LINT_SHARED ?? path.resolve(__dirname, '../../../shared'), 'corpus');

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.name.endsWith('.txt')) out.push(p);
  }
  return out.sort();
}

export interface CscItem {
  src: string;
  tgt: string;
  edits: Array<[number, number, string, string]>;
  line: number;
  seen?: boolean;
}

export function loadDev(file = path.join(CORPUS, 'csc/dev.jsonl')): CscItem[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, line) => {
      const j = JSON.parse(l) as { src: string; tgt: string; edits?: Array<[number, number, string, string]> };
      return { src: j.src, tgt: j.tgt, edits: j.edits ?? [], line };
    });
}

/** Marks the items whose target text occurs in corpus/official (the model's training text): 16-char probes
 * (start, middle, end of the target; shorter sentences are never marked). */
export function markSeen(items: CscItem[]): void {
  const K = 16;
  const probes = new Map<string, CscItem[]>();
  for (const it of items) {
    const t = it.tgt;
    if (t.length < K) continue; // too short to tell a quotation from a common phrase
    const keys = [t.slice(0, K), t.slice(Math.max(0, (t.length >> 1) - (K >> 1)), (t.length >> 1) + (K >> 1)), t.slice(-K)];
    for (const k of keys) {
      const l = probes.get(k);
      if (l) l.push(it);
      else probes.set(k, [it]);
    }
  }
  const dir = path.join(CORPUS, 'official');
  if (!fs.existsSync(dir)) return;
  for (const f of listFiles(dir)) {
    const text = fs.readFileSync(f, 'utf8');
    for (let i = 0; i + K <= text.length; i++) {
      const hit = probes.get(text.slice(i, i + K));
      if (hit) for (const it of hit) it.seen = true;
    }
  }
}

export interface Outcome {
  item: CscItem;
  findings: Diagnostic[];
  flagged: boolean;
  detected: boolean;
  corrected: boolean;
  output: string;
}

function topCorrection(d: Diagnostic): { range: [number, number]; text: string } | undefined {
  return d.fix ?? d.suggestions?.[0]?.fix;
}

export function judge(item: CscItem, findings: Diagnostic[]): Outcome {
  const hasErr = item.src !== item.tgt;
  const touches = (d: Diagnostic) => item.edits.some(([s, e]) => d.range[0] < e && d.range[1] > s);
  const flagged = findings.length > 0;
  const detected = flagged && hasErr && findings.every(touches);
  let output = item.src;
  const fixes = findings.map(topCorrection).filter((f): f is NonNullable<typeof f> => !!f).sort((a, b) => b.range[0] - a.range[0]);
  let last = Infinity;
  for (const f of fixes) {
    if (f.range[1] > last) continue;
    output = output.slice(0, f.range[0]) + f.text + output.slice(f.range[1]);
    last = f.range[0];
  }
  return { item, findings, flagged, detected, corrected: detected && output === item.tgt, output };
}

export function runRule(items: CscItem[], options: Record<string, unknown> = {}): Outcome[] {
  const rules = new Map([[wrongChar.meta.id, { severity: wrongChar.meta.defaultSeverity, options }]]);
  return items.map((item) => {
    const doc = new ReportDocument(item.src, 'plaintext');
    return judge(item, lint(doc, [wrongChar], { rules, onRuleError: recordRuleError }));
  });
}

export interface Scores {
  n: number;
  errors: number;
  flagged: number;
  det: { p: number; r: number; f1: number };
  cor: { p: number; r: number; f1: number };
  cleanFlagged: number;
  clean: number;
}

function prf(tp: number, flagged: number, gold: number) {
  const p = flagged ? tp / flagged : 0;
  const r = gold ? tp / gold : 0;
  return { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0 };
}

export function score(outs: Outcome[]): Scores {
  const errors = outs.filter((o) => o.item.src !== o.item.tgt).length;
  const flagged = outs.filter((o) => o.flagged).length;
  const clean = outs.length - errors;
  return {
    n: outs.length,
    errors,
    flagged,
    det: prf(outs.filter((o) => o.detected).length, flagged, errors),
    cor: prf(outs.filter((o) => o.corrected).length, flagged, errors),
    cleanFlagged: outs.filter((o) => o.flagged && o.item.src === o.item.tgt).length,
    clean,
  };
}

const f3 = (x: number) => x.toFixed(3);

export function run({ verbose }: { verbose: boolean }): EvalRow[] {
  const items = loadDev();
  if (!items.length) return [{ section: 'wrong-char on csc/dev.jsonl', metric: 'skipped', value: 'no csc/dev.jsonl in the corpus' }];
  markSeen(items);
  const outs = runRule(items);
  if (verbose) {
    for (const o of outs) {
      if (!o.flagged && o.item.src === o.item.tgt) continue;
      const tag = o.corrected ? 'OK  ' : o.detected ? 'DET ' : o.flagged ? (o.item.src === o.item.tgt ? 'FA  ' : 'MISS') : 'NONE';
      const fs_ = o.findings.map((d) => `${o.item.src.slice(d.range[0], d.range[1])}@${d.range[0]}→${topCorrection(d)?.text ?? '?'}`).join(' ');
      const gold = o.item.edits.map(([s, , a, b]) => `${a}@${s}→${b}`).join(' ');
      if (tag !== 'NONE') console.log(`wrong-char ${tag} line ${o.item.line + 1}: ${fs_} | gold ${gold || '-'}`);
    }
  }
  const rows: EvalRow[] = [];
  const parts: Array<[string, Outcome[]]> = [
    ['all', outs],
    ['tuning half (even lines)', outs.filter((o) => o.item.line % 2 === 0)],
    ['held-out half (odd lines)', outs.filter((o) => o.item.line % 2 === 1)],
    ['not in LM training text', outs.filter((o) => !o.item.seen)],
  ];
  for (const [name, part] of parts) {
    const s = score(part);
    const section = `wrong-char csc/dev.jsonl: ${name} (${s.n} sentences, ${s.errors} with errors)`;
    rows.push({ section, metric: 'detection P / R / F1', value: `${f3(s.det.p)} / ${f3(s.det.r)} / ${f3(s.det.f1)}` });
    rows.push({ section, metric: 'correction P / R / F1', value: `${f3(s.cor.p)} / ${f3(s.cor.r)} / ${f3(s.cor.f1)}` });
    rows.push({ section, metric: 'correct sentences flagged', value: `${s.cleanFlagged} of ${s.clean}` });
  }
  return rows;
}
