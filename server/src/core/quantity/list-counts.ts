import type { Finding, Token } from '../types';
import { extractQuantities, type Quantity } from './quantities';

/**
 * count-mismatch, the list part: a stated count against the items listed next to it.
 * - list, then count: 蓝田村、小溪村、古竹村3个行政村 · 由行政、工会和职工代表三方组成 · A、B、C等3个城市;
 * - count, then a bracketed list: 完工项目6个（a，b，c，d，e，f）;
 * - count, then a list announced by a colon or 分别为/包括/即: 3个重点项目分别为A、B和C.
 * A list ending in 等 is a lower bound (the count may be larger, never smaller). 和/及/与 may join the last two
 * items or sit inside one item, so a list's length is a range; only a count outside it is reported. Items that
 * hold numbers are a breakdown, not a list, and are left alone. An open count (x个, 个 with the number left out)
 * is completed from the list with a fix.
 */

/** Measure words a count of listed items takes (3个, 三方, 两级, 三大). */
const LIST_MEASURE = /^(?:大|个|方|家|项|类|种|级|批|所|座|条|名|位|支|部|届|户|村|镇|乡|县|区|市|省|国|片|块|处|地|场|件|套|台|辆|艘|条|款|门|项|张|本|栋|幢|座|院|校|园|站)/;
const LIST_JOINERS = /以及|及|和|与|同|或/g;
const CLAUSE_STOP = /[，,。；;：:！？!?（）()“”"《》【】\n]/;

interface ListInfo {
  start: number;
  end: number;
  /** Fewest and most items the list can hold (和 joining two items or inside one). */
  min: number;
  max: number;
  /** Ends in 等: the count is a lower bound. */
  open: boolean;
  /** A count of two groups is also right when 和 joins two groups (中央和省、市、自治区两级). */
  groups?: number;
  items: string[];
}

const CN_COUNT = new RegExp('[一二两三四五六七八九十百千]' + LIST_MEASURE.source.slice(1));

function hasNumber(s: string, segment?: (t: string) => Token[]): boolean {
  if (/[0-9０-９xX*×]/.test(s)) return true;
  if (extractQuantities(s, { segment }).length > 0) return true;
  // 两省的深圳、珠海…: a counted group inside the list makes it a nested one.
  for (let i = 0; i < s.length; i++) {
    if (CN_COUNT.test(s.slice(i, i + 2)) && !/[统唯万之如划同第]/.test(s[i - 1] ?? '')) {
      const tok = segment?.(s).find((t) => t.start <= i && i < t.end);
      if (!segment || (tok && tok.start === i && (/^m/.test(tok.tag) || tok.word.length <= 3))) return true;
    }
  }
  return false;
}

/** The stated count is plausibly the count of this list: near its length, not 28个省（区、市） or 五百个县（…）. */
function plausible(n: number, list: ListInfo): boolean {
  return n >= Math.min(list.min, list.groups ?? Infinity) / 2 && n <= list.max * 1.5 + 1;
}

/** The last item ends in a noun (古竹村, 职工代表, 福建), not a verb or 的 (新建、改扩建 / …进程的八项主张). */
function endsInNoun(text: string, list: ListInfo, segment?: (t: string) => Token[]): boolean {
  if (/的$/.test(text.slice(list.start, list.end))) return false;
  if (!segment) return true;
  const body = text.slice(list.start, list.end);
  const toks = segment(body);
  const last = toks[toks.length - 1];
  return !!last && /^(?:n|j|x|l|s|f|eng|zg)/.test(last.tag);
}

/** Items separated by 、 (at least one), the last two possibly by 和/及/与. */
function listRange(body: string): { min: number; max: number; items: string[]; groups?: number } | undefined {
  const items = body.split('、').map((s) => s.trim());
  if (items.length < 2 || items.some((s) => !s || s.length > 20)) return undefined;
  const joiners = items.reduce((n, s) => n + (s.match(LIST_JOINERS)?.length ?? 0), 0);
  // 和 may join two items (A、B和C: 3), sit inside one (住房和城乡建设), or join two groups (中央和省、市、自治区两级: 2).
  return { min: items.length, max: items.length + joiners, items, groups: joiners ? joiners + 1 : undefined };
}

function quoteList(items: string[]): string {
  const s = items.join('、');
  return s.length > 30 ? s.slice(0, 29) + '…' : s;
}

/** The list that ends right before `pos` (the count), back to the clause start. */
function listBefore(text: string, pos: number): ListInfo | undefined {
  let end = pos;
  let open = false;
  const tail = text.slice(Math.max(0, pos - 3), pos);
  const mark = /(?:等等|等|共|这)$/.exec(tail);
  if (mark) {
    open = /等/.test(mark[0]);
    end = pos - mark[0].length;
  }
  let start = end;
  while (start > 0 && !CLAUSE_STOP.test(text[start - 1])) start--;
  // 甲、乙、丙分为一等奖、二等奖2个等级: the list counted starts after 分为/包括/即.
  const intro = /^.*(?:分为|分成|划分为|包括|包含|涵盖|即)/.exec(text.slice(start, end));
  if (intro && text.slice(start + intro[0].length, end).includes('、')) start += intro[0].length;
  // 中央，省、自治区、直辖市，…，乡、民族乡、镇五级: a list of comma-separated groups is not this list.
  if (/[，,]/.test(text[start - 1] ?? '') && /、/.test(text.slice(Math.max(0, start - 24), start - 1).split(/[，,。；;：:]/).pop() ?? '')) return undefined;
  // Leading verbs and prepositions are part of the first item's text; they do not change the count.
  const body = text.slice(start, end);
  if (!body.includes('、')) return undefined;
  const r = listRange(body.replace(/^(?:由|在|对|将|把|涉及|包括|覆盖|围绕|聚焦|推进|完成|实施|开展)/, ''));
  if (!r) return undefined;
  // Items of a counted list are short names (the first may carry a verb): 新建、改建村道不低于双车道四级 is not one.
  if (r.items.slice(1).some((it) => it.length > 8)) return undefined;
  return { start, end, min: r.min, max: r.max, open, items: r.items, groups: r.groups };
}

/** The list in brackets or after a colon / 分别为 right after a count. */
function listAfter(text: string, from: number): ListInfo | undefined {
  const rest = text.slice(from, from + 200);
  const bracket = /^([\u4e00-\u9fff]{0,8})[（(]/.exec(rest);
  if (bracket) {
    const open = from + bracket[0].length;
    const close = text.slice(open).search(/[）)]/);
    if (close < 0) return undefined;
    let body = text.slice(open, open + close);
    const lead = /^(?:分别是|分别为|包括|即|含|为|是|有)[：:]?/.exec(body);
    if (lead) body = body.slice(lead[0].length);
    let isOpen = false;
    const etc = /(?:等等|等)$/.exec(body);
    if (etc) {
      isOpen = true;
      body = body.slice(0, -etc[0].length);
    }
    // Notes inside the bracket are not items: （甲、乙、丙，下同） · （甲、乙，以下简称两区）.
    const items = body.split(/[，,、；;]/).map((s) => s.trim()).filter((s) => !/^(?:下同|同上|以下简称|以下称|下称|简称)/.test(s));
    if (items.length < 2 || items.some((s) => !s || s.length > 24 || /^(?:其中|含|包括|分别)/.test(s))) return undefined;
    const joiners = body.includes('、') || /[，,；;]/.test(body) ? items.reduce((n, s) => n + (s.match(LIST_JOINERS)?.length ?? 0), 0) : 0;
    return { start: open, end: open + close, min: items.length, max: items.length + joiners, open: isOpen, items };
  }
  // A colon after a count introduces definitions or enumerations as often as a list (三级医疗事故：造成…、…),
  // so only 分别为/分别是/包括/即 announce a list here.
  const intro = /^([\u4e00-\u9fff]{0,8}?)[，,]?(?:分别是|分别为|包括|即)[：:]?/.exec(rest);
  if (!intro) return undefined;
  const s = from + intro[0].length;
  // 一是…二是… and （一）… belong to the enumeration check.
  if (/^(?:一是|一方面|其一|（一）|\(一\)|1[.、．]|第一|首先|①)/.test(text.slice(s, s + 4))) return undefined;
  let e = s;
  while (e < text.length && !/[，,。；;！？!?\n（(]/.test(text[e])) e++;
  let body = text.slice(s, e);
  let isOpen = false;
  const etc = /(?:等等|等)[\u4e00-\u9fff]{0,6}$/.exec(body);
  if (etc && /等/.test(body.slice(body.lastIndexOf('、') + 1))) {
    isOpen = true;
    body = body.slice(0, body.lastIndexOf('等'));
  }
  if (!body.includes('、')) return undefined;
  const r = listRange(body);
  if (!r) return undefined;
  return { start: s, end: s + body.length, min: r.min, max: r.max, open: isOpen, items: r.items, groups: r.groups };
}

function isCount(q: Quantity, text: string): boolean {
  if (q.kind !== 'count') return false;
  if (q.approx) return false;
  // Only a measure word a list is counted with (3个, 三方, 两级), not 3人次 or 5户.
  return LIST_MEASURE.test(text.slice(q.numEnd, q.end + 1));
}

/** All list-count findings of one paragraph (`base` is the paragraph's document offset). */
export function checkListCounts(text: string, base: number, segment?: (t: string) => Token[], trace?: string[]): Finding[] {
  if (!/[、（(：:]/.test(text)) return [];
  const out: Finding[] = [];
  const qs = extractQuantities(text, { segment });
  for (const q of qs) {
    if (!isCount(q, text)) continue;
    if (/各$/.test(text.slice(Math.max(0, q.start - 1), q.start))) continue; // A、B各3个: each
    if (/^(?:[\u4e00-\u9fff]{0,2})(?:各|每)/.test(text.slice(q.end, q.end + 3)) && /各/.test(text.slice(q.end, q.end + 3))) continue;
    // List, then count: the count is followed by what it counts or by a verb (3个行政村, 三方组成), never by a
    // clause end (新建、改扩建机场50个；counts the airports, not the verbs).
    // A count followed by 和/及/、 is itself inside a list (海南岛八所和安徽裕溪口等港口).
    let list = q.start > 0 && !/[，,。；;：:]/.test(text[q.start - 1] ?? '') && /^[\u4e00-\u9fff]/.test(text.slice(q.end, q.end + 1)) &&
      !/^(?:和|及|与|以及|或)/.test(text.slice(q.end, q.end + 2))
      ? listBefore(text, q.start)
      : undefined;
    if (list && (hasNumber(text.slice(list.start, list.end), segment) || !endsInNoun(text, list, segment))) list = undefined;
    let after = false;
    if (!list) {
      list = listAfter(text, q.end);
      after = true;
      if (list && text[list.start - 1] !== '（' && text[list.start - 1] !== '(' && hasNumber(text.slice(list.start, list.end), segment)) list = undefined;
      // Items named with a phase or batch (熙岸二期) are still items; Arabic numbers make it a breakdown.
      if (list && /[0-9０-９]/.test(text.slice(list.start, list.end))) list = undefined;
    }
    if (!list) continue;
    if (q.value !== null && !plausible(q.value, list)) continue;
    trace?.push(`list ${q.raw} ~ ${list.items.join('、')}${list.open ? '等' : ''}`);
    const related = [{ range: [base + list.start, base + list.end] as [number, number], message: `列出的${list.min}项` }];
    const countRange: [number, number] = [base + q.start, base + q.end];
    if (q.value === null) {
      if (q.form !== 'open' || list.open || list.min !== list.max) continue;
      out.push({
        message: `数量尚未填写：列出了${list.min}项（${quoteList(list.items)}），应为${list.min}`,
        range: [base + q.numStart, base + q.numEnd],
        fix: { range: [base + q.numStart, base + q.numEnd], text: String(list.min) },
        related,
        open: true,
      });
      continue;
    }
    const n = q.value;
    if (!Number.isInteger(n) || n < 2) continue;
    if (list.open) {
      if (list.min > n && list.min >= 2) {
        out.push({
          message: `数量不符：列出的已有${list.min}项（${quoteList(list.items)}），多于文中的“${q.raw}”`,
          range: countRange,
          related,
        });
      }
      continue;
    }
    if ((n >= list.min && n <= list.max) || n === list.groups) continue;
    const listed = list.min === list.max ? `${list.min}项` : `${list.min}～${list.max}项`;
    out.push({
      message: `数量不符：文中为“${q.raw}”，${after ? '其后' : '前面'}列出了${listed}（${quoteList(list.items)}）`,
      range: countRange,
      related,
    });
  }
  missingCounts(text, base, out, segment);
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** 完工项目个（甲，乙，丙）: the number was left out entirely; the bracketed list tells what it is. */
function missingCounts(text: string, base: number, out: Finding[], segment?: (t: string) => Token[]): void {
  for (const m of text.matchAll(/(?<=[\u4e00-\u9fff])(?:个|项|家|所|座|处|条)(?=[（(])/g)) {
    const i = m.index!;
    const prev = text[i - 1];
    if (/[零〇○一二两三四五六七八九十百千万亿几多余整每各这那某哪]/.test(prev)) continue;
    // The measure word stands alone (项目个), not inside a word (住所, 专家, 事项).
    if (!segment) continue;
    const tok = segment(text).find((t) => t.start <= i && i < t.end);
    if (!tok || tok.word !== m[0]) continue;
    const list = listAfter(text, i + 1);
    if (!list || list.open || list.min !== list.max || /[0-9０-９]/.test(text.slice(list.start, list.end))) continue;
    out.push({
      message: `数量漏填：列出了${list.min}项（${quoteList(list.items)}），应为“${list.min}${m[0]}”`,
      range: [base + i, base + i + 1],
      fix: { range: [base + i, base + i], text: String(list.min) },
      related: [{ range: [base + list.start, base + list.end], message: `列出的${list.min}项` }],
      open: true,
    });
  }
}
