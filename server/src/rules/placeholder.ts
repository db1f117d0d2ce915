import { paragraphRule } from '../core/paragraph-cache';
import { isAsciiDigit, isChineseContext, isHan, isLatin } from '../core/text';
import type { Finding, Rule, Token } from '../core/types';

/**
 * placeholder — unfilled placeholders left in a draft.
 *
 * A placeholder is a run of stand-in marks where a number, date or name belongs: x/X runs (xx, XXX, x.x,
 * xx%, x-x, xS店), asterisks (*%, ***.**), doubled blank marks (××, ○○, □□, ？？), bracketed notes
 * (【待补充】) and TODO/TBD. A mark only counts in Chinese context; real words (app, x86, Excel, X光, 4S店),
 * arithmetic (2×3, 2*3), the numeral ○ (二○○○年) and Markdown syntax (masked by the document model)
 * are left alone. Dates written with several placeholders (xxxx年x月x日) give one finding.
 */

// A "unit" that may follow a number: what is missing before it is a number.
const NUMBER_FOLLOWERS =
  '个万亿千百元名家次期届项户人座块条件份套台辆所栋间支批笔轮场部类米里亩吨度倍岁天年月日号时分秒%％.．';

const LETTER_RUN = /[xX]+-[xX]+|[xX]+(?:[.．][xX]+)?[%％]?/y;
const STAR_RUN = /\*+-\*+|\*+(?:[.．]\*+)?[%％]?/y;

/** Words that begin with X/x and are not placeholders. */
const X_WORDS = /^(?:光|射线|线|轴|染色体|刀|战警|档案|一代|型钢|教授|因子|形腿|先生|女士)/;

type Kind = 'year' | 'month' | 'day' | 'date' | 'number' | 'name' | 'content';

const KIND_TEXT: Record<Kind, string> = {
  year: '年份',
  month: '月份',
  day: '日期',
  date: '日期',
  number: '数字',
  name: '名称',
  content: '内容',
};

function kindFor(text: string, mark: string, start: number, end: number, segment: (s: string) => Token[]): Kind {
  const next = text[end] ?? '';
  const prev = text[start - 1] ?? '';
  if (/[.．%％-]/.test(mark.replace(/^[xX*]+/, '').charAt(0))) return 'number';
  if (next === '年') return 'year';
  if (next === '月') return 'month';
  if (next === '日' || next === '号') return 'day';
  // ××人民法院, xx家庭农场: the mark stands before a word that merely starts like a unit (人民, 家庭): a name.
  if (NUMBER_FOLLOWERS.includes(next) && isHan(next)) {
    const first = segment(text.slice(end, end + 8))[0];
    if (first && first.word.length >= 2 && /^n/.test(first.tag) && !/^(?:万|亿|千|百|平方|立方|公里|公顷|人次|户次|个月)/.test(first.word)) return 'name';
  }
  if (NUMBER_FOLLOWERS.includes(next) || /[0-9.]/.test(prev) || /^(?:平方|平米|立方|公里|公顷|千米|千瓦|兆瓦|万|亿|多|余)/.test(text.slice(end, end + 2))) return 'number';
  if (/[第约共近超逾计达]/.test(prev)) return 'number';
  if (isHan(prev) || isHan(next) || next === '”' || prev === '“') return 'name';
  return 'content';
}

interface Hit {
  start: number;
  end: number;
}

function skipSpaces(text: string, i: number, dir: 1 | -1): string | undefined {
  let j = i;
  while (j >= 0 && j < text.length && (text[j] === ' ' || text[j] === '\u3000')) j += dir;
  return text[j];
}

/** x/X runs: Chinese on at least one side, no Latin word or digit glued to them. */
function letterRuns(text: string, hits: Hit[]): void {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== 'x' && c !== 'X') continue;
    const prev = text[i - 1];
    // 1+X证书: a name, not a blank.
    if (prev === '+' && isAsciiDigit(text[i - 2])) continue;
    if (isLatin(prev) || prev === '_' || prev === '-' || prev === '/' || prev === '@') {
      // Inside a Latin word: skip the rest of the run.
      while (i + 1 < text.length && isLatin(text[i + 1])) i++;
      continue;
    }
    LETTER_RUN.lastIndex = i;
    const m = LETTER_RUN.exec(text);
    if (!m) continue;
    let end = i + m[0].length;
    const next = text[end];
    const mark = m[0];
    // xS店 / xs店: 4S店 with the digit left open.
    const sShop = /^[sS]店/.test(text.slice(end, end + 2));
    if (isLatin(next) && !sShop) {
      while (end < text.length && isLatin(text[end])) end++;
      i = end - 1;
      continue;
    }
    if (isAsciiDigit(next) || next === '_') {
      i = end - 1;
      continue;
    }
    if (isAsciiDigit(prev) && mark.length === 1 && !/[年月日]/.test(next ?? '')) {
      // 2x, 3x3: arithmetic.
      i = end - 1;
      continue;
    }
    if (/^[xX]$/.test(mark) && X_WORDS.test(text.slice(end))) {
      i = end - 1;
      continue;
    }
    const p = skipSpaces(text, i - 1, -1);
    const n = skipSpaces(text, end, 1);
    const chineseSide = isChineseContext(p) || isChineseContext(n) || sShop;
    // Both sides Latin-ish (an English phrase around a lone X): not ours.
    if (!chineseSide) {
      i = end - 1;
      continue;
    }
    hits.push({ start: i, end });
    i = end - 1;
  }
}

/** Asterisk runs in Chinese context, not arithmetic, not a separator line, not a footnote mark on a Latin word. */
function starRuns(text: string, hits: Hit[]): void {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '*') continue;
    STAR_RUN.lastIndex = i;
    const m = STAR_RUN.exec(text);
    if (!m) continue;
    const end = i + m[0].length;
    const prev = text[i - 1];
    const next = text[end];
    i = end - 1;
    if (isAsciiDigit(prev) && isAsciiDigit(next)) continue; // 2*3
    if (isLatin(prev) || isLatin(next) && !/^[a-z]+/.test(text.slice(end))) continue;
    // A lone star closing a line after a word (麦角酸*): a footnote mark.
    if (m[0] === '*' && isHan(prev) && (next === undefined || next === '\n' || next === '\r')) continue;
    // A lone star at the start of a line followed by a space: a bullet.
    if ((prev === undefined || prev === '\n') && (next === ' ' || next === '\t')) continue;
    const p = skipSpaces(text, i - m[0].length, -1);
    const n = skipSpaces(text, end, 1);
    const chinese = isHan(prev) || isHan(next) || isChineseContext(p) || isChineseContext(n) || (next === '%' && isChineseContext(text[end + 1]));
    if (!chinese) continue;
    hits.push({ start: end - m[0].length, end });
  }
}

const BLANK_MARKS = /(?:×{2,}|○{2,}|〇{2,}|□{2,}|△{2,}|＊{2,}|[？?]{2,}|_{2,}|＿{2,}|[（(][ \u3000]+[）)])/g;
const NUMERALS = /[零〇○一二三四五六七八九十百千0-9０-９]/;
const SINGLE_X_FOLLOW = /^[年月日号时个万亿元名家次期届]/;

function blankMarks(text: string, hits: Hit[]): void {
  BLANK_MARKS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BLANK_MARKS.exec(text))) {
    const start = m.index;
    const end = start + m[0].length;
    const prev = text[start - 1];
    const next = text[end];
    const c = m[0][0];
    if ((c === '○' || c === '〇') && (NUMERALS.test(prev ?? '') || NUMERALS.test(next ?? ''))) continue; // 二○○○年
    if (c === '?' || c === '？') {
      // Only where a number belongs: 完成？？万元, 增长??%.
      if (!(isChineseContext(prev) && /^[个万亿元名家次期年月日%％.．]/.test(next ?? ''))) continue;
    }
    // Blank brackets (投资（  ）万元) only where a number or a name belongs: a unit after them, Chinese before.
    if ((c === '（' || c === '(') && !(isChineseContext(prev) && NUMBER_FOLLOWERS.includes(next ?? '\u0000'))) continue;
    // Underscore blanks (____万元): not identifiers (snake_case) or Markdown emphasis (masked anyway).
    if ((c === '_' || c === '＿') && (/[A-Za-z0-9]/.test(prev ?? '') || /[A-Za-z0-9]/.test(next ?? ''))) continue;
    if (!(isChineseContext(prev) || isChineseContext(next) || /[年月日%％]/.test(next ?? ''))) continue;
    hits.push({ start, end });
  }
  // A single × standing for a digit: 于×月, 第×批. Not 2×3, not a lone multiplication sign.
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '×' || text[i - 1] === '×' || text[i + 1] === '×') continue;
    const prev = text[i - 1];
    if (isAsciiDigit(prev) || isAsciiDigit(text[i + 1]) || NUMERALS.test(prev ?? '')) continue;
    if (SINGLE_X_FOLLOW.test(text.slice(i + 1)) && (isChineseContext(prev) || prev === undefined)) hits.push({ start: i, end: i + 1 });
  }
}

const NOTE_RE = /[【\[［〔（(]\s*(?:待(?:补充|补|定|填|填写|核实|核准|确认|完善|更新|提供|统计)|此处(?:补充|填写|插入)[^】\]］〕）)\n]{0,20}|暂缺|补充数据|数据待定)\s*[】\]］〕）)]/g;
const TODO_RE = /(?<![A-Za-z])(?:TODO|TBD|FIXME|TBC)(?![A-Za-z])/g;

function notes(text: string, hits: Hit[]): void {
  for (const re of [NOTE_RE, TODO_RE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) hits.push({ start: m.index, end: m.index + m[0].length });
  }
}

/** xxxx年x月x日 → one hit. */
function mergeDates(text: string, hits: Hit[]): Hit[] {
  hits.sort((a, b) => a.start - b.start);
  const out: Hit[] = [];
  for (const h of hits) {
    const last = out[out.length - 1];
    if (last && h.start < last.end) continue; // overlapping detectors
    if (last) {
      const gap = text.slice(last.end, h.start);
      if (/^[年月]$/.test(gap)) {
        last.end = h.end;
        (last as Hit & { date?: boolean }).date = true;
        continue;
      }
    }
    out.push({ ...h });
  }
  // A merged date also covers its closing unit: xxxx年x月x日.
  for (const h of out) if ((h as Hit & { date?: boolean }).date && /^[月日号]/.test(text[h.end] ?? '')) h.end++;
  return out;
}

export const placeholder: Rule = paragraphRule({
  meta: {
    id: 'placeholder',
    defaultSeverity: 'warn',
    category: 'draft',
    title: '未填写的占位符',
    fixable: false,
    tier: 'fast',
    scope: 'paragraph',
    docs: {
      summary: '草稿中留下的占位符（xx、XX、*、***.**、××、○○、【待补充】、TODO 等）。',
      details:
        '起草时常用 xx、* 等符号代替尚未确定的数字、日期或名称，定稿前必须逐一填上。本规则只在中文语境中识别这些符号：' +
        '英文单词（app、Excel、x86）、4S店、X光、算式（2×3）、年份中的“○”（二○○○年）以及 Markdown 的强调和列表符号都不会被报告。' +
        '使用 --final 时，占位符按错误处理。',
      flagged: ['截至xx月底，开工项目xx个。', '全年增速*%以上。', '共发放低保资金***.*万元。', '东风本田xS店正在办理手续。', '计划于xxxx年x月x日前完成。', '投资【待补充】万元。'],
      passed: ['掌上app已上线。', '东风本田4S店已开业。', '采用x86架构服务器。', '二○○○年底基本实现。', '场地规格为2×3米。', '用Excel汇总数据。'],
    },
  },
  checkParagraph(ctx, para) {
    const findings: Finding[] = [];
    const text = para.text;
    if (!/[xX*×○〇□△＊?？【\[［〔（(TF_＿]/.test(text)) return findings;
    const hits: Hit[] = [];
    letterRuns(text, hits);
    starRuns(text, hits);
    blankMarks(text, hits);
    notes(text, hits);
    for (const h of mergeDates(text, hits)) {
      const mark = text.slice(h.start, h.end);
      const isDate = (h as Hit & { date?: boolean }).date;
      const kind: Kind = isDate ? 'date' : /^[【\[［〔（(](?![ \u3000])|TODO|TBD|FIXME|TBC/.test(mark) ? 'content' : kindFor(text, mark, h.start, h.end, ctx.segment);
      findings.push({
        message: `占位符“${mark}”尚未填写：此处缺少${KIND_TEXT[kind]}`,
        range: [para.start + h.start, para.start + h.end],
        open: true,
      });
    }
    return findings;
  },
});
