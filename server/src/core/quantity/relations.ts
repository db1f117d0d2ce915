import type { Finding, RelatedInfo } from '../types';
import { formatNumber } from './numerals';
import { extractQuantities, formatIn, sameUnit, type Quantity } from './quantities';
import type { Token } from '../types';

/**
 * Arithmetic relations a report states, checked within one paragraph:
 * - a total and its parts (共/合计/累计 … 其中 A、B、C): the parts never add up to more than the total; when the
 *   parts are the whole breakdown (no 等/其他, two or more parts, a 合计/共计-style total, and nothing after
 *   them is left out) they add up to it;
 * - a part's percentage of a stated base (完成80亿元，占年度计划100亿元的80%) and of the total it belongs to
 *   (其中A 50户，占31.8%);
 * - growth between two stated values (由50亿元增至60亿元，增长20%; 60亿元，比上年的50亿元增长20%), as a rate, a
 *   difference, or percentage points;
 * - shares of one whole: a structure ratio (10.2:40.5:49.3) adds to 100, 分别占 a%、b%、c% never exceeds 100.
 * Every check tolerates the rounding the text shows (half a unit in the last printed digit of every operand,
 * one unit in the result). Open values (placeholders), estimates (约, 多, 余, 以上) and compound or deflated
 * rates (年均, 实际增长) are not checked.
 */

const SENTENCE_END = /[。！？!?\n]/;
/** Words before a number that make it a change, a rate or a comparison rather than a part. */
const NOT_A_PART = /(?:总|增长|增加|增至|增幅|减少|下降|降低|降至|提高|提升|上升|回落|比|较|同比|环比|超过|超出|超|占|人均|户均|平均|年均|每|折合|相当于|节约|节省|其余|剩余|以外|之外|余额|累计|达到|至|到|由|从|约|近|逾|不足|不到|标准|补助|补贴|奖励|预计|计划|目标|力争)/;
/** Descriptors of overlapping categories: attributes of people and labels of firms or places. */
const ATTRIBUTE = /以上|以下|岁|学历|女|男|少数民族|民主党派|无党派|职称|高级|中级|初级|大专|本科|研究生|硕士|博士|退役|残疾|党员|团员|规上|规模以上|高新|专精特新|上市|龙头|示范|重点|骨干|星级|首次/;
const TOTAL_WORD = /(?:共计|合计|总计|总共|总数|总额|总量|共有|共|累计|全年|全部|总)/;

interface Ctx {
  /** Every relation evaluated, as text (for measurement and debugging). */
  trace?: string[];
  text: string;
  base: number;
  qs: readonly Quantity[];
  out: Finding[];
}

/** Text between the previous clause separator and `pos` (what introduces a number). */
function lead(text: string, pos: number, max = 12): string {
  let i = pos;
  while (i > 0 && pos - i < max && !/[，,、；;：:。！？（）()\n]/.test(text[i - 1])) i--;
  // 补助资金, 奖补资金: the name of a fund, not a rate of aid (每人补助500元).
  return text.slice(i, pos).replace(/(?:补助|补贴|奖励|奖补)(?=资金|金|款|经费)/g, '');
}

function sentenceBounds(text: string, pos: number): [number, number] {
  let s = pos;
  while (s > 0 && !SENTENCE_END.test(text[s - 1])) s--;
  let e = pos;
  while (e < text.length && !SENTENCE_END.test(text[e])) e++;
  return [s, e];
}

function rel(ctx: Ctx, q: Quantity, message: string): RelatedInfo {
  return { range: [ctx.base + q.start, ctx.base + q.end], message };
}

function fmt(value: number, like: Quantity, extra = 0): string {
  const d = Math.max(0, Math.min(4, Math.round(-Math.log10(Math.max(like.ulp / like.factor, 1e-4))) + extra));
  return formatIn(value, like, d);
}

function known(q: Quantity): q is Quantity & { value: number } {
  return q.value !== null && !q.approx;
}

// ---------------------------------------------------------------------------------------------------------------
// Totals and parts.

const QIZHONG = /其中(?!之一|的|有些|一些|一部分|部分|不少|多数|大多|大部分|绝大|少数|个别|包括|既|[，,]?既|蕴含|有的)|包括(?=[^，。；]{0,12}?[0-9零一二两三四五六七八九十])/g;

function totalsAndParts(ctx: Ctx): void {
  const { text, qs } = ctx;
  for (const m of text.matchAll(QIZHONG)) {
    const k = m.index!;
    const [sStart, sEnd] = sentenceBounds(text, k);
    let partsEnd = sEnd;
    const nextQ = text.slice(k + 2, sEnd).search(/其中/);
    if (nextQ >= 0) partsEnd = k + 2 + nextQ;
    // 其中A…；B…: a semicolon ends the breakdown, unless 其中： announces a list of clauses.
    if (!/^[：:]/.test(text.slice(k + m[0].length))) {
      const semi = text.slice(k, partsEnd).search(/[；;]/);
      if (semi >= 0) partsEnd = k + semi;
    }
    // Parts: quantities after 其中 that are not changes, rates or comparisons.
    const candidates = qs.filter((q) => q.start > k && q.end <= partsEnd && q.kind !== 'percent' && q.kind !== 'points' && q.kind !== 'time');
    const parts: Quantity[] = [];
    let unitOf: Quantity | undefined;
    for (const q of candidates) {
      if (NOT_A_PART.test(lead(text, q.start))) continue;
      if (inBrackets(text, q.start, k)) continue;
      if (!unitOf) unitOf = q;
      if (sameUnit(q, unitOf)) parts.push(q);
    }
    if (!unitOf || !parts.length) continue;
    // Total: the last quantity of the same unit before 其中 in the sentence, close to it.
    const before = qs.filter((q) => q.end <= k && q.start >= sStart && sameUnit(q, unitOf!));
    const total = before[before.length - 1];
    if (!total || k - total.end > 30) continue;
    if (NOT_A_PART.test(lead(text, total.start)) && !TOTAL_WORD.test(lead(text, total.start))) continue;
    if (/其中/.test(text.slice(sStart, total.start)) && qs.some((q) => q.start > sStart && q.end < total.start)) {
      // The total is itself a part of an earlier breakdown: fine, it is still the total of this one.
    }
    if (!known(total) || parts.some((p) => !known(p))) continue;
    if (/(?:以上|以下|左右|多|余)$/.test(text.slice(total.end, total.end + 2))) continue;
    const sum = parts.reduce((s, p) => s + p.value!, 0);
    ctx.trace?.push(`total ${total.raw} = ${parts.map((p) => p.raw).join(' + ')}`);
    const tol = total.ulp / 2 + parts.reduce((s, p) => s + p.ulp / 2, 0) + Math.max(total.ulp, ...parts.map((p) => p.ulp)) * 1e-9;
    const arithmetic = parts.map((p) => formatNumber(p.value! / total.factor, 4)).join(' + ');
    const sumDecimals = Math.max(0, ...[total, ...parts].map((q) => Math.round(-Math.log10(Math.max(q.ulp / total.factor, 1e-4)))));
    const fmtSum = (v: number) => formatIn(v, total, sumDecimals);
    const related = [rel(ctx, total, '总数'), ...parts.map((p, i) => rel(ctx, p, `分项${i + 1}`))];
    // 外出务工5515人，本地务工1025人，其中脱贫人口1100人: 其中 may refer to the parallel figures together.
    let siblings = 0;
    if (!TOTAL_WORD.test(lead(text, total.start))) {
      for (let j = before.length - 2; j >= 0; j--) {
        const gap = text.slice(before[j].end, before[j + 1].start);
        if (gap.length > 16 || /其中|[。；;]/.test(gap) || !known(before[j])) break;
        siblings += before[j].value!;
      }
    }
    // Parts described by attributes may overlap (女党员48名，35岁以下党员32名; 高新技术企业、规上企业): their
    // sum may exceed the total, so only a single part above the total is certain there.
    const overlapping = parts.length > 1 && parts.some((p) => ATTRIBUTE.test(lead(text, p.start, 16)));
    const biggest = parts.reduce((a, b) => (b.value! > a.value! ? b : a));
    if (overlapping ? biggest.value! > total.value! + siblings + total.ulp / 2 + biggest.ulp / 2 : sum > total.value! + siblings + tol) {
      ctx.out.push({
        message: parts.length === 1 || overlapping
          ? `分项大于总数：其中${biggest.raw}，总数只有${total.raw}`
          : `分项之和超过总数：${arithmetic} = ${fmtSum(sum)}，文中总数为${total.raw}`,
        range: [ctx.base + total.start, ctx.base + total.end],
        related,
      });
      continue;
    }
    if (sum < total.value! - tol && parts.length >= 2 && !overlapping && exhaustive(text, total, k, parts, partsEnd)) {
      ctx.out.push({
        message: `合计应为${fmtSum(sum)}（${arithmetic}），文中为${total.raw}`,
        range: [ctx.base + total.start, ctx.base + total.end],
        related,
      });
    }
    partShares(ctx, total, parts, partsEnd);
  }
}

function inBrackets(text: string, pos: number, from: number): boolean {
  const seg = text.slice(from, pos);
  return seg.lastIndexOf('（') > seg.lastIndexOf('）') || seg.lastIndexOf('(') > seg.lastIndexOf(')');
}

/**
 * The parts are the whole breakdown: the total is announced as such (共/合计/总计 …), the list of parts has no
 * 等/其他/主要/重点 and every clause after 其中 up to the end of the sentence holds one of the parts.
 */
function exhaustive(text: string, total: Quantity, k: number, parts: Quantity[], end: number): boolean {
  if (!/(?:共计|合计|总计|总共|共有|共|总数|总额)[^，。；]{0,12}$/.test(text.slice(Math.max(0, total.start - 14), total.start))) return false;
  const body = text.slice(k, end);
  if (/等|其他|其它|主要|重点|以及其|包括|部分/.test(body)) return false;
  // Each clause holds exactly one part.
  const clauses = body.slice(2).split(/[，,、；;]/).filter((c) => c.trim());
  if (clauses.length !== parts.length) return false;
  return true;
}

const SHARE_AFTER = /^[，,]?(?:占|占比|占比为|占总数的|占总量的|占总额的|占全部的|占总户数的|占总人数的)([0-9.]+)[%％]/;

/** 其中A 50户，占31.8%: the share of the total it belongs to. */
function partShares(ctx: Ctx, total: Quantity, parts: Quantity[], end: number): void {
  for (const p of parts) {
    const tail = ctx.text.slice(p.end, Math.min(end, p.end + 16));
    const m = SHARE_AFTER.exec(tail);
    if (!m) continue;
    const pct = ctx.qs.find((q) => q.kind === 'percent' && q.start === p.end + tail.indexOf(m[1]));
    if (!pct || !known(pct)) continue;
    checkRatio(ctx, p, total, pct, '总数');
  }
}

/** pct ≈ part / base × 100, with the rounding of all three. */
function checkRatio(ctx: Ctx, part: Quantity & { value: number | null }, base: Quantity, pct: Quantity, baseName: string): void {
  if (!known(part) || !known(base) || !known(pct) || base.value === 0) return;
  const lo = ((part.value - part.ulp / 2) / (base.value + base.ulp / 2)) * 100;
  const hi = ((part.value + part.ulp / 2) / Math.max(base.value - base.ulp / 2, 1e-12)) * 100;
  const p = pct.value;
  ctx.trace?.push(`ratio ${part.raw} / ${base.raw} = ${pct.raw}`);
  if (within(p, pct.ulp, lo, hi)) return;
  const expected = (part.value / base.value) * 100;
  ctx.out.push({
    message: `占比应为${showLike(expected, pct)}%（${fmt(part.value, part)} ÷ ${fmt(base.value, base)}），文中为${pct.raw}`,
    range: [ctx.base + pct.start, ctx.base + pct.end],
    related: [rel(ctx, part, '部分'), rel(ctx, base, baseName)],
  });
}

/** The stated result, rounded as printed (± half a unit in its last digit), can come from [lo, hi]. */
function within(stated: number, ulp: number, lo: number, hi: number): boolean {
  const half = (ulp / 2) * 1.0001 + 1e-9;
  return stated + half >= lo && stated - half <= hi;
}

/** An expected value with one decimal more than the stated one (trailing zeros dropped: 20, 12.5, 9.76). */
function showLike(expected: number, stated: Quantity): string {
  return formatNumber(Math.abs(expected), decimals(stated) + 1);
}

function decimals(q: Quantity): number {
  return q.ulp >= 1 ? 0 : Math.round(-Math.log10(q.ulp));
}

// ---------------------------------------------------------------------------------------------------------------
// Percentage of a stated base: 完成80亿元，占年度计划100亿元的80%.

function statedBase(ctx: Ctx): void {
  const { text, qs } = ctx;
  for (let i = 1; i < qs.length; i++) {
    const pct = qs[i];
    const base = qs[i - 1];
    if (pct.kind !== 'percent' || base.kind === 'percent' || text.slice(base.end, pct.start) !== '的') continue;
    // The part: the quantity of the same unit before the base, with 占/为/是/完成/达 between them.
    const part = qs[i - 2];
    if (!part || !sameUnit(part, base)) continue;
    const between = text.slice(part.end, base.start);
    if (between.length > 24 || /[。；;]/.test(between) || (between.match(/[，,]/g)?.length ?? 0) > 1) continue;
    if (!/(?:占|为|是|完成|达到|达)[^，,]*$/.test(between) || /比|较|增|减|降|超|提高/.test(between)) continue;
    if (/年均|平均|人均/.test(between)) continue;
    checkRatio(ctx, part, base, pct, '基数');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Growth: 由50亿元增至60亿元，增长20%; 60亿元，比上年的50亿元增长20%.

const UP = /增长|增加|提高|提升|上升|扩大|多了?|增/;
const DOWN = /下降|减少|降低|回落|缩小|缩减|少了?|降|减/;
const FROM_TO = /^(?:增加|增长|提高|提升|上升|扩大|增|升|下降|减少|降低|回落|缩小|降|减)?(?:到|至|为)$/;
const CHANGE_AFTER = /^[，,]?(?:同比|比上年|较上年)?(增长|增加|提高|提升|上升|扩大|下降|减少|降低|回落|缩小|缩减)了?$/;

/** The period a quantity's clause names: a year, or -1 for 上年/去年/上年同期 (the year before). */
function periodOf(text: string, q: Quantity): number | undefined {
  const clause = lead(text, q.start, 24);
  // 比上年增加225亿元 is a change, not the value of the year before.
  if (/增|减|降|提高|提升|上升|比|较|多|少|超/.test(clause)) return undefined;
  const year = /((?:19|20)\d\d)年(?![0-9])/.exec(clause);
  if (year) return Number(year[1]);
  if (/上年|去年|上一年/.test(clause)) return -1;
  if (/今年|本年|当年|全年/.test(clause)) return 0;
  return undefined;
}

/** [earlier, later] when a and b sit in two clauses naming consecutive periods. */
function periods(text: string, a: Quantity, b: Quantity): [Quantity, Quantity] | undefined {
  const between = text.slice(a.end, b.start);
  if (!/^[^。；;]{0,30}$/.test(between) || !/[，,]/.test(between)) return undefined;
  const pa = periodOf(text, a);
  const pb = periodOf(text, b);
  if (pa === undefined || pb === undefined || pa === pb) return undefined;
  if (pa > 0 && pb > 0) {
    if (Math.abs(pa - pb) !== 1) return undefined;
    return pa < pb ? [a, b] : [b, a];
  }
  if (pa === -1 && pb >= 0) return [a, b];
  if (pb === -1 && pa >= 0) return [b, a];
  return undefined;
}

/** 32.6万吨，比上年增加1.2万吨，增长3.8%: the rate of a stated change on the value it changed from. */
function changeAndRate(ctx: Ctx, a: Quantity, d: Quantity, c: Quantity): void {
  const { text } = ctx;
  const ad = /^[，,]?(?:比|较)(?:上年|去年|上年同期|去年同期|同期|上年度)(增加|增长|减少|下降|多|少)了?$/.exec(text.slice(a.end, d.start));
  if (!ad || !/^[，,](?:增长|下降|减少|提高|降低)了?$/.test(text.slice(d.end, c.start))) return;
  if (c.kind !== 'percent' || !known(a) || !known(d) || !known(c)) return;
  if (/实际|年均|平均|可比|扣除/.test(text.slice(Math.max(0, a.start - 12), c.end + 2))) return;
  const down = /减少|下降|少/.test(ad[1]);
  const sign = down ? -1 : 1;
  // Base = value − change; rate = change / base, with the rounding of both.
  const dLo = d.value - d.ulp / 2;
  const dHi = d.value + d.ulp / 2;
  const aLo = a.value - a.ulp / 2;
  const aHi = a.value + a.ulp / 2;
  const baseLo = aLo - sign * (sign > 0 ? dHi : dLo);
  const baseHi = aHi - sign * (sign > 0 ? dLo : dHi);
  if (baseLo <= 0) return;
  const lo = (dLo / baseHi) * 100;
  const hi = (dHi / baseLo) * 100;
  ctx.trace?.push(`change ${a.raw} ${ad[1]} ${d.raw}: ${c.raw}`);
  if (within(c.value, c.ulp, lo, hi)) return;
  const base = a.value - sign * d.value;
  ctx.out.push({
    message: `${ad[1]}${d.raw}（上年约${fmt(base, a)}）应${down ? '下降' : '增长'}${showLike((d.value / base) * 100, c)}%，文中为${c.raw}`,
    range: [ctx.base + c.start, ctx.base + c.end],
    related: [rel(ctx, a, '本期'), rel(ctx, d, '增减量')],
  });
}

function growth(ctx: Ctx): void {
  const { text, qs } = ctx;
  for (let i = 0; i + 2 < qs.length; i++) {
    const a = qs[i];
    const b = qs[i + 1];
    const c = qs[i + 2];
    if (!sameUnit(a, b)) continue;
    changeAndRate(ctx, a, b, c);
    const intro = text.slice(Math.max(0, a.start - 6), a.start);
    const ab = text.slice(a.end, b.start);
    let from: Quantity;
    let to: Quantity;
    if (/(?:由|从)(?:上年|去年|上一年|\d{4}年|[^，。；]{0,4})?的?$/.test(intro) && FROM_TO.test(ab)) {
      from = a;
      to = b;
    } else if (/^[，,]?(?:比|较)(?:上年|去年|上年度|上一年|\d{4}年|同期)?(?:同期)?的?$/.test(ab)) {
      from = b;
      to = a;
    } else {
      // 2023年完成60亿元，2022年为50亿元，同比增长20%: two periods, each named in its own clause.
      const order = periods(text, a, b);
      if (!order) continue;
      [from, to] = order;
    }
    const bc = text.slice(b.end, c.start);
    const verb = CHANGE_AFTER.exec(bc);
    if (!verb) continue;
    const context = text.slice(Math.max(0, a.start - 12), c.end + 2);
    if (/实际|年均|平均|每年|名义|可比|扣除|剔除|按可比/.test(context)) continue;
    if (!known(from) || !known(to) || !known(c) || from.value === 0) continue;
    ctx.trace?.push(`growth ${from.raw} -> ${to.raw}: ${verb[1]} ${c.raw}`);
    const down = DOWN.test(verb[1]) && !UP.test(verb[1]);
    const related = [rel(ctx, from, '基期'), rel(ctx, to, '报告期')];
    // Interval of the true values allowed by the printed rounding.
    const fLo = from.value - from.ulp / 2;
    const fHi = from.value + from.ulp / 2;
    const tLo = to.value - to.ulp / 2;
    const tHi = to.value + to.ulp / 2;
    const sign = down ? -1 : 1;
    const stated = c.value * sign;
    if (c.kind === 'percent' && !(from.kind === 'percent')) {
      const lo = (tLo / fHi - 1) * 100;
      const hi = (tHi / Math.max(fLo, 1e-12) - 1) * 100;
      if (within(stated, c.ulp, lo, hi)) continue;
      const expected = (to.value / from.value - 1) * 100;
      ctx.out.push({
        message: `由${from.raw}到${to.raw}应${expected >= 0 ? '增长' : '下降'}${showLike(expected * sign, c)}%，文中为${verb[1]}${c.raw}`,
        range: [ctx.base + c.start, ctx.base + c.end],
        related,
      });
    } else if (c.kind === 'points' && from.kind === 'percent') {
      const lo = tLo - fHi;
      const hi = tHi - fLo;
      if (within(stated, c.ulp, lo, hi)) continue;
      const expected = to.value - from.value;
      ctx.out.push({
        message: `由${from.raw}到${to.raw}应${expected >= 0 ? '提高' : '下降'}${showLike(expected * sign, c)}个百分点，文中为${verb[1]}${c.raw}`,
        range: [ctx.base + c.start, ctx.base + c.end],
        related,
      });
    } else if (c.kind === 'percent' && from.kind === 'percent') {
      // 由5%提高到6%，提高20%: relative change or (loosely) points — flag only when it is neither.
      const rel1 = (to.value / from.value - 1) * 100;
      const pts = to.value - from.value;
      const tol = c.ulp + Math.abs(rel1) * ((from.ulp + to.ulp) / Math.min(from.value, to.value || 1));
      if (Math.abs(stated - rel1) <= tol || Math.abs(stated - pts) <= c.ulp + from.ulp / 2 + to.ulp / 2) continue;
      ctx.out.push({
        message: `由${from.raw}到${to.raw}应${pts >= 0 ? '提高' : '下降'}${formatNumber(Math.abs(pts), 2)}个百分点（相对${rel1 >= 0 ? '增长' : '下降'}${formatNumber(Math.abs(rel1), 1)}%），文中为${verb[1]}${c.raw}`,
        range: [ctx.base + c.start, ctx.base + c.end],
        related,
      });
    } else if (sameUnit(c, from)) {
      const lo = tLo - fHi;
      const hi = tHi - fLo;
      if (within(stated, c.ulp, lo, hi)) continue;
      const expected = to.value - from.value;
      ctx.out.push({
        message: `由${from.raw}到${to.raw}应${expected >= 0 ? '增加' : '减少'}${fmt(Math.abs(expected), c)}，文中为${verb[1]}${c.raw}`,
        range: [ctx.base + c.start, ctx.base + c.end],
        related,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Shares of one whole.

const RATIO = /([0-9]+(?:\.[0-9]+)?)(?:[:：]([0-9]+(?:\.[0-9]+)?)){2,}/g;

function shares(ctx: Ctx): void {
  const { text } = ctx;
  for (const m of text.matchAll(RATIO)) {
    const i = m.index!;
    if (/[0-9.:：]/.test(text[i - 1] ?? '') || /[0-9]/.test(text[i + m[0].length] ?? '')) continue;
    if (!/(?:结构|比例|之比|比重|构成)[^，。；]{0,8}$/.test(text.slice(Math.max(0, i - 14), i))) continue;
    const terms = m[0].split(/[:：]/);
    const values = terms.map(Number);
    const sum = values.reduce((s, v) => s + v, 0);
    ctx.trace?.push(`ratio-form ${m[0]}`);
    if (sum < 90 || sum > 110) continue; // a ratio of small integers (3:4:3), not percentages
    const ulps = terms.map((t) => (t.includes('.') ? Math.pow(10, -(t.length - t.indexOf('.') - 1)) : 1));
    const tol = ulps.reduce((s, u) => s + u / 2, 0) + 1e-9;
    if (Math.abs(sum - 100) <= tol) continue;
    ctx.out.push({
      message: `各部分之和应为100，文中为${terms.join(' + ')} = ${formatNumber(sum, 2)}`,
      range: [ctx.base + i, ctx.base + i + m[0].length],
    });
  }
  // 分别占 a%、b%和c%: shares of one whole cannot exceed 100%.
  const { qs } = ctx;
  for (const m of text.matchAll(/分别占(?:[^，。；0-9]{0,12}的)?/g)) {
    const from = m.index! + m[0].length;
    const list: Quantity[] = [];
    let pos = from;
    for (const q of qs) {
      if (q.start < from) continue;
      if (q.kind !== 'percent' || !/^[、和及与,，]?$/.test(text.slice(pos, q.start))) break;
      list.push(q);
      pos = q.end;
    }
    if (list.length < 2 || list.some((q) => !known(q))) continue;
    const sum = list.reduce((s, q) => s + q.value!, 0);
    ctx.trace?.push(`shares ${list.map((q) => q.raw).join(' + ')}`);
    const tol = list.reduce((s, q) => s + q.ulp / 2, 0) + 1e-9;
    if (sum <= 100 + tol) continue;
    ctx.out.push({
      message: `同一整体的各部分占比之和超过100%：${list.map((q) => formatNumber(q.value!, 4)).join(' + ')} = ${formatNumber(sum, 2)}%`,
      range: [ctx.base + list[0].start, ctx.base + list[list.length - 1].end],
      related: list.map((q, i) => rel(ctx, q, `部分${i + 1}`)),
    });
  }
}

/** All sum-mismatch findings of one paragraph (`base` is the paragraph's document offset). */
export function checkRelations(text: string, base: number, segment?: (t: string) => Token[], trace?: string[]): Finding[] {
  if (!/[0-9零一二两三四五六七八九十]/.test(text)) return [];
  const qs = extractQuantities(text, { segment });
  const ctx: Ctx = { text, base, qs, out: [], trace };
  totalsAndParts(ctx);
  statedBase(ctx);
  growth(ctx);
  shares(ctx);
  // One finding per range.
  const seen = new Set<string>();
  return ctx.out
    .filter((f) => {
      const key = f.range.join(':');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.range[0] - b.range[0]);
}
