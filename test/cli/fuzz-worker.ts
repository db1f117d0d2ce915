// Runs in a worker thread for fuzz.test.ts, so that the main thread can stop a document that hangs.
import { parentPort, workerData } from 'node:worker_threads';
import { ReportDocument } from '../../server/src/core/document';
import { applyFixes } from '../../server/src/core/fix';
import { lint } from '../../server/src/core/runner';
import type { Diagnostic, Fix } from '../../server/src/core/types';
import { fixDocument, safeFixes } from '../../server/src/cli/fix';
import { allRules } from '../../server/src/rules';
import { rng } from '../../scripts/lib/corpus';

export interface FuzzJob {
  seed: number;
  count: number;
  budgetMs: number;
}



const COMMON = '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严';
const PUNCT = '，。、；：？！“”‘’（）《》【】…—～·,.;:?!"\'()[]<>%‰';
const ASTRAL = ['😀', '𠀀', '𪚥', '🇨🇳', '👨‍👩‍👧', '𝟙', '\u{10FFFF}', '\u{E0001}'];
const WEIRD = ['\u0000', '\u001A', '\uFEFF', '\u200B', '\u200D', '\u0301', '\uFFFD', '\uD800', '\uDC00', '\t', '\u3000', '\u00A0', '\u2028', '\u000B', '\u000C'];
const MARKERS = [
  (n: number) => `${cn(n)}、`,
  (n: number) => `（${cn(n)}）`,
  (n: number) => `${n}.`,
  (n: number) => `${n}、`,
  (n: number) => `（${n}）`,
  (n: number) => `(${n})`,
  (n: number) => String.fromCodePoint(0x2460 + ((n - 1) % 20)),
  (n: number) => `${cn(n)}是`,
  (n: number) => `第${cn(n)}，`,
  (n: number) => `${n}）`,
];
const FRAGMENTS = [
  '截至xx月底', '增长*%以上', '***.**万元', '○○同志', '【待补充】', 'TODO', '共个项目', '约亩', '完成投资12.5亿元，同比增长8.3%',
  '共157户，其中3户', '分为三大板块：', '平米', '110V', '付诸施', '截止目前', '营业额已完成XX万的营业额', '# 标题', '**重点**', '`code`',
  '[链接](http://example.com)', '<!-- report-lint-disable -->', '<!-- report-lint-enable -->', '<!-- report-lint-disable-next-line placeholder -->',
  '<!-- 未闭合', '> 引用', '- 列表', '| 表 | 格 |', '|---|---|', '```', '---', '2024年1—6月', '3.5万平方米', '第三季度', '（一）', '一、',
];

function cn(n: number): string {
  const d = '零一二三四五六七八九';
  if (n <= 10) return n === 10 ? '十' : d[n];
  if (n < 20) return '十' + d[n - 10];
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}

export function generate(seed: number): { text: string; format: 'markdown' | 'plaintext' } {
  const r = rng(seed);
  const pick = <T>(a: readonly T[] | string): T => a[Math.floor(r() * a.length)] as T;
  const eol = () => pick(['\n', '\n', '\r\n', '\r', '\n\n', '\r\n\r\n']);
  const x0 = r();
  const kind = x0 < 0.1 ? 0 : x0 < 0.3 ? 1 : x0 < 0.315 ? 2 : 3;
  let text = '';
  const para = (len: number) => {
    let s = '';
    while (s.length < len) {
      const x = r();
      if (x < 0.55) s += pick(COMMON);
      else if (x < 0.7) s += pick(PUNCT);
      else if (x < 0.78) s += String(Math.floor(r() * 10000) / (r() < 0.5 ? 1 : 100));
      else if (x < 0.86) s += pick(FRAGMENTS);
      else if (x < 0.9) s += pick(ASTRAL);
      else if (x < 0.93) s += pick(WEIRD);
      else if (x < 0.96) s += String.fromCharCode(Math.floor(r() * 0x10000));
      else s += 'xX*○□×'[Math.floor(r() * 6)].repeat(1 + Math.floor(r() * 4));
    }
    return s;
  };
  if (kind === 0) {
    // Pure garbage: any UTF-16 code unit, lone surrogates included.
    const n = Math.floor(r() * 1200);
    for (let i = 0; i < n; i++) text += String.fromCharCode(Math.floor(r() * 0x10000));
  } else if (kind === 1) {
    // Deeply nested numbering, sometimes skipping, repeating or going back.
    const depth = 1 + Math.floor(r() * 60);
    const counters: number[] = [];
    for (let i = 0; i < 5 + r() * 50; i++) {
      const level = Math.floor(r() * depth);
      counters.length = level + 1;
      counters[level] = (counters[level] ?? 0) + (r() < 0.9 ? 1 : Math.floor(r() * 5) - 2);
      const marker = MARKERS[level % MARKERS.length](Math.max(0, counters[level]));
      text += '  '.repeat(level % 8) + marker + para(Math.floor(r() * 24)) + eol();
    }
  } else if (kind === 2) {
    // One huge line.
    text = para(10000 + Math.floor(r() * 40000));
  } else {
    // A report-like draft with headings, lists, counts and stray syntax.
    const n = 1 + Math.floor(r() * 10);
    for (let i = 0; i < n; i++) {
      if (r() < 0.3) text += pick(MARKERS)(1 + Math.floor(r() * 12));
      text += para(Math.floor(r() * 120)) + eol();
    }
  }
  // Mutations: cut, duplicate, swap and splice slices.
  const mutations = r() < 0.5 ? Math.floor(r() * 8) : 0;
  for (let m = 0; m < mutations && text.length > 2; m++) {
    const a = Math.floor(r() * text.length);
    const b = Math.min(text.length, a + Math.floor(r() * 50));
    const op = Math.floor(r() * 4);
    if (op === 0) text = text.slice(0, a) + text.slice(b);
    else if (op === 1) text = text.slice(0, b) + text.slice(a, b) + text.slice(b);
    else if (op === 2) text = text.slice(a, b) + text.slice(0, a) + text.slice(b);
    else text = text.slice(0, a) + pick([...WEIRD, ...ASTRAL, eol(), pick(FRAGMENTS)]) + text.slice(a);
  }
  return { text, format: r() < 0.5 ? 'markdown' : 'plaintext' };
}

/** The message and the first frame of a stack. */
function firstLines(stack: string): string {
  return stack.split('\n').slice(0, 2).join(' | ');
}

function inRange(r: readonly number[] | undefined, len: number): boolean {
  return !!r && r.length === 2 && Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[0] <= r[1] && r[1] <= len;
}

/** Checks one document; returns the problems found (empty when all is well). */
export function checkOne(text: string, format: 'markdown' | 'plaintext'): string[] {
  const problems: string[] = [];
  const onRuleError = (id: string, e: unknown) => problems.push(`rule ${id} threw: ${firstLines((e as Error)?.stack ?? String(e))}`);
  const doc = new ReportDocument(text, format);
  const all = new Map(allRules.map((r) => [r.meta.id, { severity: 'warn' as const, options: {} }]));
  const diags: Diagnostic[] = lint(doc, allRules, { rules: all, final: true, onRuleError });
  const len = text.length;
  for (const d of diags) {
    const where = `${d.ruleId} [${d.range}]`;
    if (!inRange(d.range, len)) problems.push(`${where}: range outside the document (length ${len})`);
    if (typeof d.message !== 'string' || !d.message.trim()) problems.push(`${where}: empty message`);
    if (d.fix && !inRange(d.fix.range, len)) problems.push(`${where}: fix range outside the document`);
    if (d.fix && typeof d.fix.text !== 'string') problems.push(`${where}: fix text is not a string`);
    for (const s of d.suggestions ?? []) if (!inRange(s.fix.range, len) || typeof s.fix.text !== 'string') problems.push(`${where}: bad suggestion`);
    for (const rel of d.related ?? []) if (!inRange(rel.range, len)) problems.push(`${where}: related range outside the document`);
  }
  // Fixes apply cleanly: non-overlapping, and nothing outside their ranges changes.
  const { output, applied } = applyFixes(text, safeFixes(text, diags));
  let rebuilt = '';
  let last = 0;
  for (const f of [...applied].sort((a: Fix, b: Fix) => a.range[0] - b.range[0])) {
    if (f.range[0] < last) problems.push(`overlapping fixes applied at ${f.range}`);
    rebuilt += text.slice(last, f.range[0]) + f.text;
    last = f.range[1];
  }
  rebuilt += text.slice(last);
  if (rebuilt !== output) problems.push('applyFixes changed text outside the fix ranges');
  if (applied.length) {
    const check = (dd: ReportDocument) => lint(dd, allRules, { rules: all, onRuleError });
    const once = fixDocument(doc, check);
    const twice = fixDocument(once.doc, check);
    if (twice.changed) problems.push(`fixing twice changed the text again (${twice.fixed} more fixes)`);
  }
  return problems;
}

if (parentPort && workerData) {
  const job = workerData as FuzzJob;
  const port = parentPort;
  const started = Date.now();
  let done = 0;
  let slowest = { ms: 0, index: -1, length: 0 };
  for (let i = 0; i < job.count; i++) {
    if (Date.now() - started > job.budgetMs) break;
    const { text, format } = generate(job.seed + i);
    port.postMessage({ type: 'start', index: i });
    const t0 = performance.now();
    let problems: string[];
    try {
      problems = checkOne(text, format);
    } catch (e) {
      problems = [`threw: ${firstLines((e as Error)?.stack ?? String(e))}`];
    }
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, index: i, length: text.length };
    if (problems.length) {
      port.postMessage({ type: 'fail', index: i, seed: job.seed + i, format, problems: problems.slice(0, 5), excerpt: JSON.stringify(text.slice(0, 300)) });
    }
    done++;
  }
  port.postMessage({ type: 'done', done, slowest });
}
