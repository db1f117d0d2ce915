import { paragraphRule } from '../core/paragraph-cache';
import type { Finding, Rule, RuleContext, Token } from '../core/types';

/**
 * unit — non-standard units and number forms (GB 3100-1993, GB/T 15835-2011).
 *
 * Flags, each with a fix where the correction is unique:
 * - 平米 → 平方米, 万方 → 万立方米, 立方 (as a unit) → 立方米, 公分 → 厘米 — only right after a number
 *   (万方数据, 四面八方, 地方, 水平米 are left alone; segmentation decides that 万方 is a unit);
 * - unit symbols in the wrong case (110KV → 110kV, 50KW → 50kW) and a transmission-line voltage in volts
 *   (110V输变电工程 → 110kV);
 * - two-digit years (08年 → 2008年, 18年3月 → 2018年3月);
 * - a percentage range with the sign only on its end (5～95% → 5%～95%);
 * - stacked estimates (约50多万元, 约有三成左右): suggestions to drop one of the two marks;
 * - a rate of change with no unit (较上年增长37，): suggestions 37% or 37个百分点.
 * Historic units still lawful in their context (公斤, 公里, 亩, 市斤) are not flagged.
 */

const NUM_BEFORE = /(?:[0-9０-９]|[零〇一二两三四五六七八九十百千万亿]|[xX*＊]|[多余几])$/;

/** Standard transmission and distribution voltages, in kV. */
const KV_LEVELS = new Set([6, 10, 20, 35, 66, 110, 220, 330, 500, 750, 800, 1000, 1100]);

function tokenAt(tokens: Token[], offset: number): Token | undefined {
  return tokens.find((t) => t.start <= offset && offset < t.end);
}

interface Hit extends Finding {}

function units(text: string, base: number, ctx: RuleContext, out: Hit[]): void {
  // 平米 / 万平米 → 平方米.
  for (const m of text.matchAll(/平米/g)) {
    const i = m.index!;
    const before = text.slice(Math.max(0, i - 4), i);
    if (!NUM_BEFORE.test(before) && !/每$/.test(before)) continue;
    out.push({
      message: '“平米”不是规范的单位名称，应为“平方米”',
      range: [base + i, base + i + 2],
      fix: { range: [base + i, base + i + 2], text: '平方米' },
    });
  }
  // 万方 → 万立方米 (3900万方), not 万方数据 / 万方面.
  let tokens: Token[] | undefined;
  for (const m of text.matchAll(/万方/g)) {
    const i = m.index!;
    const before = text.slice(Math.max(0, i - 4), i);
    if (!/(?:[0-9０-９]|[零〇一二两三四五六七八九十百千]|[xX*＊]|[多余几])$/.test(before)) continue;
    if (/^(?:面|案|式|法|向|针|位|略|数据|便)/.test(text.slice(i + 2, i + 4))) continue;
    tokens ??= ctx.segment(text);
    const t = tokenAt(tokens, i + 1);
    if (t && t.end > i + 2) continue; // 方 begins a longer word
    out.push({
      message: '“万方”不是规范的单位名称，应为“万立方米”',
      range: [base + i, base + i + 2],
      fix: { range: [base + i + 1, base + i + 2], text: '立方米' },
    });
  }
  // 3000立方 → 3000立方米 (but 立方米, 立方体, 立方公里 are fine).
  for (const m of text.matchAll(/立方(?![米体公厘分千])/g)) {
    const i = m.index!;
    if (!NUM_BEFORE.test(text.slice(Math.max(0, i - 4), i))) continue;
    out.push({
      message: '“立方”不是完整的单位名称，应为“立方米”',
      range: [base + i, base + i + 2],
      fix: { range: [base + i + 2, base + i + 2], text: '米' },
    });
  }
  // 公分 → 厘米 after an Arabic number.
  for (const m of text.matchAll(/(?<=[0-9０-９])\s*公分(?!母|子)/g)) {
    const i = m.index! + m[0].indexOf('公分');
    out.push({
      message: '“公分”不是规范的单位名称，应为“厘米”',
      range: [base + i, base + i + 2],
      fix: { range: [base + i, base + i + 2], text: '厘米' },
    });
  }
}

function symbols(text: string, base: number, out: Hit[]): void {
  // Case of unit symbols: KV/Kv/kv → kV; KW/Kw/kw → kW; KWH/kwh → kW·h.
  for (const m of text.matchAll(/(?<=[0-9０-９万亿]\s?)(KV|Kv|kv|KW|Kw|kw)(h|H)?(?![A-Za-z])/g)) {
    const i = m.index!;
    const isV = /v/i.test(m[1]);
    const right = isV ? 'kV' : m[2] ? 'kW·h' : 'kW';
    out.push({
      message: `单位符号“${m[0]}”应为“${right}”（词头 k 小写${isV ? '，伏特 V 大写' : '，瓦特 W 大写'}）`,
      range: [base + i, base + i + m[0].length],
      fix: { range: [base + i, base + i + m[0].length], text: right },
    });
  }
  // 110V输变电工程: the voltage of a grid line is in kV.
  for (const m of text.matchAll(/(?<![0-9.])([0-9]+)\s?(V|伏)(?=[^，。；]{0,4}(?:输变电|变电站|变电所|输电|线路|电网|开关站|主变))/g)) {
    const v = Number(m[1]);
    if (!KV_LEVELS.has(v)) continue;
    const i = m.index! + m[0].length - m[2].length;
    const right = m[2] === 'V' ? 'kV' : '千伏';
    out.push({
      message: `电网电压等级以千伏计：“${m[0]}”应为“${m[1]}${right}”`,
      range: [base + m.index!, base + m.index! + m[0].length],
      fix: { range: [base + i, base + i + m[2].length], text: right },
    });
  }
}

function years(text: string, base: number, out: Hit[]): void {
  const thisYear = new Date().getFullYear() % 100;
  // 08年 (a leading zero is never a duration), 18年3月 (a month after it is never a duration).
  for (const m of text.matchAll(/(?<![0-9０-９.:：/\-—～~第])([0-9]{2})年/g)) {
    const yy = m[1];
    const monthAfter = /^年(?:[0-9]{1,2}|[一二三四五六七八九十]{1,2})月/.test(text.slice(m.index! + 2));
    if (!(yy.startsWith('0') || monthAfter)) continue;
    const full = (Number(yy) <= thisYear + 1 ? '20' : '19') + yy;
    const i = m.index!;
    out.push({
      message: `年份应写全：“${yy}年”应为“${full}年”`,
      range: [base + i, base + i + 3],
      fix: { range: [base + i, base + i + 2], text: full },
    });
  }
}

function ranges(text: string, base: number, out: Hit[]): void {
  // 5～95% → 5%～95% (GB/T 15835-2011 5.3.2: both ends carry the sign).
  for (const m of text.matchAll(/(?<![0-9.．%％])([0-9]+(?:\.[0-9]+)?)(\s?[～~〜—–－-]{1,2}\s?)([0-9]+(?:\.[0-9]+)?)([%％])/g)) {
    const i = m.index!;
    const before = text.slice(Math.max(0, i - 1), i);
    if (/[A-Za-z]/.test(before)) continue;
    const a = Number(m[1]);
    const b = Number(m[3]);
    if (!(a < b) || /^(?:19|20)\d\d$/.test(m[1])) continue;
    const endOfFirst = i + m[1].length;
    const sign = m[4];
    out.push({
      message: `百分数范围的两端都应带“${sign}”：“${m[0]}”应为“${m[1]}${sign}${m[2]}${m[3]}${sign}”`,
      range: [base + i, base + i + m[0].length],
      fix: { range: [base + endOfFirst, base + endOfFirst], text: sign },
    });
  }
}

/**
 * A rate of change with no unit: 较上年增长37，其中… (37%? 37个百分点?). Only Arabic numbers right after a verb of
 * rising or falling and right before a clause mark; 增加/减少 (counts: 增加3，) and a thousands separator written
 * as a comma (增长2，737万) are left alone.
 */
const BARE_RATE = /(增长|下降|提高|降低|上升|回落|增幅|降幅|增速|下滑)(了|为|达|达到)?([0-9０-９]+(?:[.．][0-9０-９]+)?)(?=[，。；,;！!]|$)/g;

function bareRates(text: string, base: number, out: Hit[]): void {
  for (const m of text.matchAll(BARE_RATE)) {
    const start = m.index! + m[1].length + (m[2]?.length ?? 0);
    const end = start + m[3].length;
    if (/^[，,][0-9０-９]{3}(?![0-9０-９])/.test(text.slice(end, end + 5))) continue;
    if (/[0-9０-９.．]$/.test(text.slice(0, m.index!))) continue;
    out.push({
      message: `“${m[1]}${m[2] ?? ''}${m[3]}”缺少单位：增减幅度应带“%”或“个百分点”`,
      range: [base + start, base + end],
      suggestions: [
        { desc: `改为“${m[3]}%”`, fix: { range: [base + end, base + end], text: '%' } },
        { desc: `改为“${m[3]}个百分点”`, fix: { range: [base + end, base + end], text: '个百分点' } },
      ],
    });
  }
}

const NUMERAL = '(?:百分之)?[0-9０-９.．,，零〇一二两三四五六七八九十百千万亿点]+';
const STACKED = new RegExp(`(大约|大概|约)([有为占达]?)(${NUMERAL})(?:([多余])|([^\\s，。；、：,;!?！？0-9]{0,6}?)(左右|上下))`, 'g');

function stacked(text: string, base: number, ctx: RuleContext, out: Hit[]): void {
  if (!/约|大概/.test(text)) return;
  let tokens: Token[] | undefined;
  for (const m of text.matchAll(STACKED)) {
    const i = m.index!;
    tokens ??= ctx.segment(text);
    const t = tokenAt(tokens, i);
    // 节约50多万元, 制约, 签约: 约 inside another word is not an estimate.
    if (!t || t.start !== i || !/^(?:约|大约|大概|约有|约为|约占|大约有)$/.test(t.word)) continue;
    const number = m[3];
    if (!/[0-9０-９零〇一二两三四五六七八九十百千]/.test(number)) continue;
    const markEnd = i + m[0].length;
    const second = m[4] ?? m[6];
    const markStart = markEnd - second.length;
    // A lone 余 followed by a unit-less word (约3年余下的) is not an estimate mark.
    if (m[4] && /^[下额量粮]/.test(text[markEnd] ?? '')) continue;
    const firstLen = m[1].length;
    out.push({
      message: `“${m[1]}”与“${second}”重复表示约数，应删去其一`,
      range: [base + i, base + markEnd],
      suggestions: [
        { desc: `删去“${second}”`, fix: { range: [base + markStart, base + markEnd], text: '' } },
        { desc: `删去“${m[1]}${m[2]}”`, fix: { range: [base + i, base + i + firstLen + m[2].length], text: '' } },
      ],
    });
  }
}

const FULL_DIGITS = /[０-９]+(?:[．.][０-９]+)?/g;
const HALF_DIGIT = /[0-9]/;
const FULL_DIGIT = /[０-９]/;

/**
 * Arabic numerals of both widths in one document (１２３ beside 45): GB/T 15835 asks for one form throughout a text
 * (局部体例一致). Published reports use either form consistently, so only a mix is reported: full-width numbers in a
 * text that mostly uses half-width ones, with the half-width form as the fix. A document-level check, so it runs in
 * `finalize` (a regular-expression pass over the paragraphs on each check).
 */
function mixedDigitWidths(findings: Finding[], ctx: RuleContext): Finding[] {
  const all = ctx.doc.text;
  if (!HALF_DIGIT.test(all) || !FULL_DIGIT.test(all)) return findings;
  // numbers of each width, in the checked text (masked code and the like do not count)
  let half = 0;
  let full = 0;
  for (const p of ctx.doc.paragraphs) {
    half += p.text.match(/[0-9]+/g)?.length ?? 0;
    full += p.text.match(/[０-９]+/g)?.length ?? 0;
  }
  // (a text mostly in full-width numbers is left alone: its few half-width ones are often codes, 9704-2012)
  if (!half || !full || full > half) return findings;
  const out = [...findings];
  for (const p of ctx.doc.paragraphs) {
    for (const m of p.text.matchAll(FULL_DIGITS)) {
      const written = m[0];
      const fixed = halfWidth(written);
      const range: [number, number] = [p.start + m.index!, p.start + m.index! + written.length];
      out.push({ message: `全角数字“${written}”应为半角“${fixed}”（全文数字多用半角，应统一）`, range, fix: { range, text: fixed } });
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** Full-width digits and decimal point of `s` in half-width. */
function halfWidth(s: string): string {
  let out = '';
  for (const ch of s) out += ch === '．' ? '.' : ch >= '０' && ch <= '９' ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch;
  return out;
}

const unitRule: Rule = paragraphRule({
  meta: {
    id: 'unit',
    defaultSeverity: 'info',
    category: 'quantity',
    title: '不规范的单位和数字用法',
    fixable: true,
    tier: 'fast',
    scope: 'paragraph',
    docs: {
      summary: '不规范的计量单位和数字写法（GB 3100、GB/T 15835）：平米、万方、公分、110KV、08年、5～95%、约…多、增长37（缺%）。',
      details:
        '报告中的计量单位应使用法定名称和符号：平方米而不是平米，万立方米而不是万方，厘米而不是公分，kV、kW 的词头 k 小写；' +
        '电网电压以千伏（kV）计。年份应写全（2008年，不写08年）；百分数范围两端都带百分号（5%～95%）；' +
        '“约”和“多”“余”“左右”不能叠用；增长、下降的幅度要带“%”或“个百分点”（增长37，→ 增长37%）；同一文档中阿拉伯数字全角、半角混用时（１２３家、45家），多用半角的文档中的全角数字改为半角。只在数字之后检查单位，“万方数据”“地方”“四面八方”不会被报告；公斤、公里、亩等仍属合法用法，不报告。',
      flagged: ['新建1栋5500平米的标准化厂房。', '累计补水3900万方。', '配合做好110V输变电工程。', '08年以来累计投入资金12亿元。', '合格率为5～95%。', '共投入资金约50多万元。', '村集体收入较上年增长37，其中3个村超过百万元。'],
      passed: ['新建厂房5500平方米。', '累计补水3900万立方米。', '完成110kV输变电工程。', '引进万方数据库。', '各地方要统筹推进。', '节约资金50多万元。', '粮食产量比上年增加2，737万斤。', '村集体收入较上年增长37%。'],
    },
  },
  checkParagraph(ctx, para) {
    const out: Hit[] = [];
    const text = para.text;
    if (!/[0-9０-９零〇一二两三四五六七八九十百千万]/.test(text)) return out;
    units(text, para.start, ctx, out);
    symbols(text, para.start, out);
    years(text, para.start, out);
    ranges(text, para.start, out);
    stacked(text, para.start, ctx, out);
    bareRates(text, para.start, out);
    return out.sort((a, b) => a.range[0] - b.range[0]);
  },
});

export const unit: Rule = { ...unitRule, finalize: mixedDigitWidths };
