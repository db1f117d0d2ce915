import { documentStructure } from '../core/structure/parse';
import { isAsciiDigit, isHan, isLatin } from '../core/text';
import type { Finding, Rule } from '../core/types';

/**
 * punctuation — Chinese prose punctuation (GB/T 15834-2011):
 *   - half-width , : ; ? ! . ( ) between Chinese characters (or Chinese and a number), with the full-width fix;
 *     a space before a Chinese punctuation mark goes with it (项目 :该项目 → 项目：该项目);
 *   - quotes, title marks and brackets left unpaired within a paragraph (“ ” ‘ ’ 《 》 （ ） 【 】);
 *   - doubled marks (，， 。。 、、) with the single mark as fix, and two different marks in a row;
 *   - half-width "…" quotes around Chinese text (suggestion “…”).
 * Numbers (1,000 3.5 12:30 1:500), Latin text, URLs and Markdown syntax (masked by the document model),
 * the ellipsis …… and the dash —— are left alone. Numbering markers such as (一) (1) are the business of
 * numbering-style and are skipped here.
 */

const FULL: Record<string, string> = { ',': '，', ':': '：', ';': '；', '?': '？', '!': '！', '.': '。', '(': '（', ')': '）' };
const NAME: Record<string, string> = { ',': '逗号', ':': '冒号', ';': '分号', '?': '问号', '!': '叹号', '.': '句号', '(': '括号', ')': '括号' };

/** Full-width marks after which (or before which) a half-width mark is Chinese prose punctuation. */
const CJK_OPEN = '“‘（《〈【「『';
const CJK_CLOSE = '”’）》〉】」』';
const CJK_MARKS = '，。、；：？！';
const CN_NUMERALS = '一二三四五六七八九十';
const SPACE = /[ \u3000\t]/;

function isCjk(ch: string | undefined): boolean {
  return isHan(ch) || (!!ch && (CJK_OPEN.includes(ch) || CJK_CLOSE.includes(ch) || CJK_MARKS.includes(ch) || ch === '…' || ch === '—'));
}

interface Ctx {
  text: string;
  base: number;
  markers: Array<[number, number]>;
  out: Finding[];
}

function inMarker(c: Ctx, i: number): boolean {
  const o = c.base + i;
  return c.markers.some(([s, e]) => o >= s && o < e);
}

/** Index of the nearest non-space character before/after `i` (or -1 / text.length). */
function skip(text: string, i: number, dir: 1 | -1, masked = false): number {
  let j = i;
  while (j >= 0 && j < text.length && (SPACE.test(text[j]) || (masked && text[j] === '\u001A'))) j += dir;
  return j;
}

function report(c: Ctx, start: number, end: number, message: string, fixText?: string): void {
  const f: Finding = { message, range: [c.base + start, c.base + end] };
  if (fixText !== undefined) f.fix = { range: [c.base + start, c.base + end], text: fixText };
  c.out.push(f);
}

/** A bracketed numbering marker — (一) (1) (十二) — at the start of a paragraph, sentence or clause. */
function isNumberingBracket(text: string, open: number, close: number): boolean {
  const inner = text.slice(open + 1, close).trim();
  if (!/^(?:[一二三四五六七八九十]{1,3}|[0-9０-９]{1,2}|[a-zA-Z])$/.test(inner)) return false;
  const p = skip(text, open - 1, -1);
  return p < 0 || /[。！？；：，、.!?;:,\u001A]/.test(text[p]) || p < open - 1;
}

/** Half-width , : ; ? ! . in Chinese prose. */
function halfWidthMarks(c: Ctx): void {
  const { text } = c;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!',:;?!.'.includes(ch) || inMarker(c, i)) continue;
    // Runs (?? placeholders, ... ellipses, !! emphasis) are handled elsewhere or left alone.
    if (text[i - 1] === ch || text[i + 1] === ch) continue;
    // Context looks through spaces and masked Markdown syntax (**加快**,); the fix only ever takes spaces.
    const pi = skip(text, i - 1, -1, true);
    const ni = skip(text, i + 1, 1, true);
    const ps = skip(text, i - 1, -1);
    const ns = skip(text, i + 1, 1);
    const p = text[pi];
    const n = text[ni];
    const spaceBefore = ps < i - 1;
    const spaceAfter = ns > i + 1;
    const endOfPara = ni >= text.length;
    const pChinese = isHan(p) || (!!p && CJK_CLOSE.includes(p));
    const nChinese = isHan(n) || (!!n && CJK_OPEN.includes(n));
    let chinese: boolean;
    switch (ch) {
      case ',':
      case ';':
      case ':':
        // 明年,园区 · 完成3个,开工率 · 增长37,其中 · 时间:2024年; not 1,000 · 12:30 · Hello, 世界.
        chinese = (pChinese && (nChinese || isAsciiDigit(n) || isLatin(n) || (ch === ':' && n === '"'))) || ((isAsciiDigit(p) || isLatin(p)) && nChinese && !spaceAfter);
        if (ch === ':' && isAsciiDigit(p) && isAsciiDigit(n)) chinese = false;
        break;
      case '?':
      case '!':
        chinese = pChinese && (nChinese || endOfPara || (!!n && CJK_CLOSE.includes(n)) || n === '"');
        break;
      case '.':
        // 工作.下一步 · 完成任务. (end of paragraph); not 3.5, 一.总体要求 (numbering), 报告.docx.
        chinese = isHan(p) && !CN_NUMERALS.includes(p) && !spaceBefore && (isHan(n) || endOfPara) && !isAsciiDigit(n);
        break;
      default:
        chinese = false;
    }
    if (!chinese) continue;
    // Spaces before the mark (项目 :该项目) and after it go with the fix when the mark stands between Chinese.
    const start = spaceBefore && pChinese ? ps + 1 : i;
    const end = spaceAfter && nChinese && !endOfPara ? ns : i + 1;
    const extra = start < i ? '，并删去前面的空格' : end > i + 1 ? '，并删去后面的空格' : '';
    report(c, start, end, `半角${NAME[ch]}“${ch}”应为全角“${FULL[ch]}”${extra}`, FULL[ch]);
  }
}

/** A mark left without its partner in its paragraph. */
interface Lone {
  /** Offset in the paragraph. */
  i: number;
  kind: 'paren' | 'quote' | 'title' | 'lenticular';
  open: boolean;
}

/** Brackets: half-width pairs around Chinese are reported; lone brackets of either width are returned. */
function brackets(c: Ctx, lone: Lone[]): void {
  const { text } = c;
  const stack: number[] = [];
  const found: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '（') stack.push(i);
    else if (ch === ')' || ch === '）') {
      if (stack.length) checkPair(c, stack.pop()!, i);
      else found.push(i);
    }
  }
  for (const i of [...found, ...stack]) {
    const ch = text[i];
    if (inMarker(c, i)) continue;
    const half = ch === '(' || ch === ')';
    // Half-width brackets alone belong to Latin text, formulas or emoticons; only Chinese context counts.
    if (half && !(isCjk(text[i - 1]) || isCjk(text[i + 1]))) continue;
    // 1） 一） a) at the start: a numbering marker (numbering-style).
    if ((ch === ')' || ch === '）') && /(?:^|[。！？；：，、\s\u001A])(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}|[a-zA-Z])$/.test(text.slice(Math.max(0, i - 4), i))) continue;
    lone.push({ i, kind: 'paren', open: ch === '(' || ch === '（' });
  }
}

function checkPair(c: Ctx, open: number, close: number): void {
  const { text } = c;
  const o = text[open];
  const cl = text[close];
  if (o === '（' && cl === '）') return;
  if (inMarker(c, open) || inMarker(c, close) || isNumberingBracket(text, open, close)) return;
  const inner = text.slice(open + 1, close);
  // Chinese inside, or a half-width bracket matched with a full-width one.
  const mixed = (o === '（') !== (cl === '）');
  if (!mixed && !/[\u4e00-\u9fff]/.test(inner)) return;
  if (o === '(') report(c, open, open + 1, '半角括号“(”应为全角“（”', '（');
  if (cl === ')') report(c, close, close + 1, '半角括号“)”应为全角“）”', '）');
}

/** Title marks and lenticular brackets: lone ones are returned. */
function simplePairs(text: string, open: string, close: string, kind: Lone['kind'], lone: Lone[]): void {
  // (compared by code: a string made per character of every paragraph kept the collector busy)
  const o = open.charCodeAt(0);
  const cl = close.charCodeAt(0);
  if (text.indexOf(open) < 0 && text.indexOf(close) < 0) return;
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === o) stack.push(i);
    else if (c === cl) {
      if (stack.length) stack.pop();
      else lone.push({ i, kind, open: false });
    }
  }
  for (const i of stack) lone.push({ i, kind, open: true });
}

/**
 * Quotation marks “ ” ‘ ’ in one stack, so that nesting works (“…‘…’…”). A closing mark of the wrong kind
 * (“六五’) and a closing mark used as an opening one (”五讲四美”) are reported with a suggestion; marks
 * left alone are returned.
 */
function quotes(c: Ctx, lone: Lone[]): void {
  const { text } = c;
  /** Open marks: where, and which closing mark they expect. */
  const stack: Array<{ i: number; close: string }> = [];
  const marks: number[] = [];
  for (let i = 0; i < text.length; i++) {
    // ’99: an apostrophe before a two-digit year, not a quotation mark.
    if (text[i] === '’' && /^[0-9]{2}(?![0-9])/.test(text.slice(i + 1, i + 4))) continue;
    if ('“”‘’'.includes(text[i])) marks.push(i);
  }
  const partner: Record<string, string> = { '“': '”', '‘': '’', '”': '“', '’': '‘' };
  const suggest = (i: number, message: string, want: string) =>
    c.out.push({ message, range: [c.base + i, c.base + i + 1], suggestions: [{ desc: `改为“${want}”`, fix: { range: [c.base + i, c.base + i + 1], text: want } }] });
  for (let k = 0; k < marks.length; k++) {
    const i = marks[k];
    const ch = text[i];
    if (ch === '“' || ch === '‘') {
      stack.push({ i, close: partner[ch] });
      continue;
    }
    if (stack.length) {
      const o = stack.pop()!;
      if (o.close !== ch) suggest(i, `引号不成对：“${partner[o.close]}”与“${ch}”不配套，应为“${o.close}”`, o.close);
      continue;
    }
    // A closing mark with nothing open: if the next mark of its kind also closes, this one was meant to open.
    const next = marks.slice(k + 1).find((j) => text[j] === ch || text[j] === partner[ch]);
    if (next !== undefined && text[next] === ch) {
      suggest(i, `引号方向错误：“${ch}”在此处应为前引号“${partner[ch]}”`, partner[ch]);
      stack.push({ i, close: ch });
      continue;
    }
    lone.push({ i, kind: 'quote', open: false });
  }
  for (const o of stack) lone.push({ i: o.i, kind: 'quote', open: true });
}

const KIND_NAME: Record<Lone['kind'], string> = { paren: '括号', quote: '引号', title: '书名号', lenticular: '括号' };
const PARTNER: Record<string, string> = { '“': '”', '”': '“', '‘': '’', '’': '‘', '《': '》', '》': '《', '【': '】', '】': '【', '（': '）', '）': '（', '(': '）', ')': '（' };

/** How many paragraphs apart a lone opening mark may find its partner (a title or note wrapped over lines). */
const WRAP_PARAGRAPHS = 8;

/**
 * Reports the lone marks of all paragraphs, except where the text itself pairs them across paragraphs: a title
 * or bracket broken over lines (《关于… / …的决定》, （…通过 / …修正）), and a quotation running over several
 * paragraphs (each paragraph opens with “, only the last one closes).
 */
function reportLone(perPara: Array<{ base: number; text: string; lone: Lone[] }>, out: Finding[]): void {
  const all = perPara.flatMap((p, k) => p.lone.map((l) => ({ ...l, k, p })));
  const gone = new Set<(typeof all)[number]>();
  for (const kind of ['paren', 'quote', 'title', 'lenticular'] as const) {
    const stack: typeof all = [];
    for (const l of all) {
      if (l.kind !== kind) continue;
      if (l.open) stack.push(l);
      else if (stack.length && l.k > stack[stack.length - 1].k && l.k - stack[stack.length - 1].k <= WRAP_PARAGRAPHS) {
        gone.add(stack.pop()!);
        gone.add(l);
      }
    }
  }
  let quotation = false;
  for (const l of all) {
    if (gone.has(l)) continue;
    const text = l.p.text;
    if (l.kind === 'quote' && l.open && l.i === text.search(/[^\s\u001A]/) && text[l.i] === '“') {
      quotation = true;
      continue;
    }
    if (l.kind === 'quote' && !l.open && quotation) {
      quotation = false;
      continue;
    }
    const ch = text[l.i];
    const name = KIND_NAME[l.kind];
    out.push({
      message: `${name}“${ch}”没有配对：缺少${l.open ? '后' : '前'}${name}“${PARTNER[ch]}”`,
      range: [l.p.base + l.i, l.p.base + l.i + 1],
    });
  }
}

/** Half-width straight quotes around Chinese text: "两最" → “两最”. */
function straightQuotes(c: Ctx): void {
  const { text } = c;
  const idx: number[] = [];
  for (let i = 0; i < text.length; i++) if (text[i] === '"') idx.push(i);
  if (idx.length < 2 || idx.length % 2) return;
  for (let k = 0; k < idx.length; k += 2) {
    const [a, b] = [idx[k], idx[k + 1]];
    const inner = text.slice(a + 1, b);
    if (!/[\u4e00-\u9fff]/.test(inner) || /[\u001A\n]/.test(inner) || inner.length > 60) continue;
    if (!(isCjk(text[a - 1]) || isCjk(text[b + 1]) || a === 0 || b === text.length - 1)) continue;
    c.out.push({
      message: `半角引号“"”应为全角引号“”：改为“${inner.length > 12 ? inner.slice(0, 11) + '…' : inner}”`,
      range: [c.base + a, c.base + b + 1],
      suggestions: [{ desc: `改为“${inner.length > 12 ? inner.slice(0, 11) + '…' : inner}”`, fix: { range: [c.base + a, c.base + b + 1], text: `“${inner}”` } }],
    });
  }
}

const RANK = '。？！；：，、';
/** ，， 。。 、、 (fix: one mark); two different marks in a row (，。 、，): suggestions, the stronger first. */
function doubled(c: Ctx): void {
  const { text } = c;
  const re = /[，。、；：]{2,}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const run = m[0];
    const start = m.index;
    const end = start + run.length;
    if (/^。{3,}$/.test(run)) {
      report(c, start, end, `“${run}”应为省略号“……”`, '……');
      continue;
    }
    if (new Set(run).size === 1) {
      report(c, start, end, `标点“${run[0]}”重复`, run[0]);
      continue;
    }
    const marks = [...new Set(run)].sort((a, b) => RANK.indexOf(a) - RANK.indexOf(b));
    c.out.push({
      message: `标点连用：“${run}”只应保留一个`,
      range: [c.base + start, c.base + end],
      suggestions: marks.map((k) => ({ desc: `改为“${k}”`, fix: { range: [c.base + start, c.base + end], text: k } })),
    });
  }
}

/**
 * One chain of items joined by dashes (专利申报—省科小—国科小——技术改造) that mixes the one-em connector “—”
 * (GB/T 15834 4.13, steps of a progression) with the two-em dash “——”: the minority form is reported, with the
 * majority form as suggestion.
 */
function mixedDashes(c: Ctx): void {
  const { text } = c;
  const chainRe = /[^，。；：、！？,;:!?\n“”（）《》]+/g;
  let m: RegExpExecArray | null;
  while ((m = chainRe.exec(text))) {
    const seg = m[0];
    const joins = [...seg.matchAll(/(?<=[\u4e00-\u9fff”’》）])(—{1,2})(?=[\u4e00-\u9fff“‘《（])/g)];
    if (joins.length < 3) continue;
    const single = joins.filter((j) => j[1].length === 1);
    const double = joins.filter((j) => j[1].length === 2);
    if (!single.length || !double.length) continue;
    const [minority, want] = double.length <= single.length ? [double, '—'] : [single, '——'];
    for (const j of minority) {
      const start = m.index + j.index!;
      const end = start + j[1].length;
      c.out.push({
        message: `同一串连接中“—”与“——”混用：此处应统一为“${want}”`,
        range: [c.base + start, c.base + end],
        suggestions: [{ desc: `改为“${want}”`, fix: { range: [c.base + start, c.base + end], text: want } }],
      });
    }
  }
}

/** A space before a full-width mark: 项目 ，该项目. */
function spaceBefore(c: Ctx): void {
  const { text } = c;
  const re = /[ \u3000\t]+(?=[，。、；：？！])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const before = text[m.index - 1];
    if (!isHan(before) && !(before && CJK_CLOSE.includes(before))) continue;
    report(c, m.index, m.index + m[0].length, `标点“${text[m.index + m[0].length]}”前不应有空格`, '');
  }
}

export const punctuation: Rule = {
  meta: {
    id: 'punctuation',
    defaultSeverity: 'warn',
    category: 'typography',
    title: '标点符号',
    fixable: true,
    tier: 'fast',
    docs: {
      summary: '中文里的半角标点、没有配对的引号书名号括号、重复或连用的标点。',
      details:
        '按 GB/T 15834-2011，中文行文使用全角标点。本规则报告夹在汉字之间（或汉字与数字之间）的半角 , : ; ? ! . ( )，' +
        '并给出全角的修正，标点前多余的空格一并删去；报告同一段中没有配对的“ ” ‘ ’ 《 》 （ ） 【 】；报告重复的“，，”“。。”' +
        '（修正为一个）和连用的不同标点；中文外的半角双引号建议改为“”。数字（1,000、3.5、12:30、1:500）、英文、网址、' +
        'Markdown 语法、省略号“……”和破折号“——”不受影响；(一)、(1) 这类编号由 numbering-style 规则检查。',
      flagged: ['明年,园区将加快转型。', '左岸河堤治理项目 :该项目已完工。', '开(复)工项目12个。', '举办“企业开放日活动，反响良好。', '全年完成任务，，超额完成。', '推进"两最"评比。'],
      passed: ['全年完成产值1,200万元，增长3.5%。', '会议于12:30开始，比例尺为1:500。', '引进 Hello, World 项目。', '（一）园区发展空间不足。', '省略号用“……”，破折号用“——”。', '详见 https://example.com/a,b 页面。'],
    },
  },
  check(ctx) {
    const out: Finding[] = [];
    const markers: Array<[number, number]> = [];
    for (const n of documentStructure(ctx.doc).nodes) if (n.marker) markers.push([n.marker.start, n.marker.end]);
    // The markers of a paragraph (those overlapping it) found by position, not by a pass over all the markers of
    // the document for each paragraph (a long document has thousands of both).
    markers.sort((a, b) => a[0] - b[0]);
    const longest = markers.reduce((n, [s, e]) => Math.max(n, e - s), 0);
    const starts = markers.map(([s]) => s);
    const firstFrom = (o: number) => {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (starts[mid] < o) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    const markersIn = (from: number, to: number) => markers.slice(firstFrom(from - longest), firstFrom(to)).filter(([s, e]) => e > from && s < to);
    const perPara: Array<{ base: number; text: string; lone: Lone[] }> = [];
    for (const para of ctx.doc.paragraphs) {
      const text = para.text;
      if (!/[\u4e00-\u9fff]/.test(text)) continue;
      const c: Ctx = { text, base: para.start, markers: markersIn(para.start, para.end), out };
      if (/[,:;?!.]/.test(text)) halfWidthMarks(c);
      const lone: Lone[] = [];
      if (/[()（）]/.test(text)) brackets(c, lone);
      if (/[“”‘’]/.test(text)) quotes(c, lone);
      simplePairs(text, '《', '》', 'title', lone);
      simplePairs(text, '【', '】', 'lenticular', lone);
      lone.sort((a, b) => a.i - b.i);
      perPara.push({ base: para.start, text, lone });
      if (text.includes('"')) straightQuotes(c);
      doubled(c);
      if (text.includes('—')) mixedDashes(c);
      spaceBefore(c);
    }
    reportLone(perPara, out);
    return out.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  },
};
