import { arabicFormat, arabicValue, circledFormat, circledValue, cnFormat, cnValue } from './numerals';

/**
 * Numbering families, outermost first (GB/T 9704-2012 7.3.3: 一、 > （一） > 1. > （1）; then ①), followed by
 * the run-in enumerations that live inside paragraphs (第一， > 一是 > 首先/其次/最后).
 */
export type Family = 'cn-dun' | 'cn-paren' | 'ar-dot' | 'ar-paren' | 'circled' | 'cn-di' | 'cn-shi' | 'seq-word';

export const FAMILY_RANK: Record<Family, number> = {
  'cn-dun': 1,
  'cn-paren': 2,
  'ar-dot': 3,
  'ar-paren': 4,
  circled: 5,
  'cn-di': 6,
  'cn-shi': 7,
  'seq-word': 8,
};

/** Families that number headings (levels of the hierarchy); the others are run-in enumerations. */
export const HEADING_FAMILIES: readonly Family[] = ['cn-dun', 'cn-paren', 'ar-dot', 'ar-paren', 'circled'];
export function isHeadingFamily(f: Family): boolean {
  return FAMILY_RANK[f] <= 5;
}

/** How the marker is placed in its paragraph. */
export type Placement = 'paragraph' | 'sentence' | 'space' | 'clause' | 'run-in';

export interface Marker {
  family: Family;
  /** 1-based number; `最后` is 0 (the last item, any number). */
  value: number;
  /** Document offsets of the whole marker, brackets and trailing punctuation included. */
  start: number;
  end: number;
  /** Document offsets of the numeral inside the marker. */
  numStart: number;
  numEnd: number;
  /** The marker as written. */
  text: string;
  placement: Placement;
  /** Index of the paragraph (doc.paragraphs) holding it. */
  paragraph: number;
  /** A bare numeral heading that lost its brackets (`一狠抓…` for `（一）狠抓…`). */
  lostBrackets?: boolean;
}

const CN_NUM = '[一二三四五六七八九十]{1,3}';
const DIGITS = '[0-9０-９]{1,2}';

interface RawMatch {
  family: Family;
  value: number;
  len: number;
  numOffset: number;
  numLen: number;
}

const RE = {
  cnParen: new RegExp(`[（(][ \\u3000]?(${CN_NUM})[ \\u3000]?[）)][、.．，,]?`, 'y'),
  arParen: new RegExp(`[（(][ \\u3000]?(${DIGITS})[ \\u3000]?[）)][、.．，,]?`, 'y'),
  cnDun: new RegExp(`(${CN_NUM})[、.．]`, 'y'),
  arDot: new RegExp(`(${DIGITS})[.．、]`, 'y'),
  circled: /([\u2460-\u2473])[、.．，,]?/y,
  cnDi: new RegExp(`第(${CN_NUM})[，,、：:]`, 'y'),
  cnShi: new RegExp(`(${CN_NUM})是`, 'y'),
  seq: /(首先|其次|再次|最后)[，,]/y,
};

const HAN = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
const CN_NUMERAL_CHARS = '一二三四五六七八九十〇两';
/** What may follow a heading marker: the heading text. */
function headingTextFollows(ch: string | undefined): boolean {
  return !!ch && (HAN.test(ch) || '“‘《〈（(【「'.includes(ch) || /[A-Za-zＡ-Ｚａ-ｚ]/.test(ch));
}

function exec(re: RegExp, text: string, i: number): RegExpExecArray | null {
  re.lastIndex = i;
  return re.exec(text);
}

/** The numbering marker starting at `i` in `text`, if the characters there form one. Context is not checked. */
export function matchMarkerAt(text: string, i: number): RawMatch | undefined {
  const c = text[i];
  let m: RegExpExecArray | null;
  if (c === '（' || c === '(') {
    // 第（二）、（三）项: a reference list, not markers.
    const listing = (len: number) => /^[、，,][ \u3000]*[（(]/.test(text.slice(i + len - 1, i + len + 3)) || /第[ \u3000]*$/.test(text.slice(Math.max(0, i - 3), i));
    if ((m = exec(RE.cnParen, text, i))) {
      const v = cnValue(m[1]);
      if (listing(m[0].length)) return undefined;
      if (v) return { family: 'cn-paren', value: v, len: m[0].length, numOffset: m[0].indexOf(m[1]), numLen: m[1].length };
    }
    if ((m = exec(RE.arParen, text, i))) {
      const v = arabicValue(m[1]);
      const next = text[i + m[0].length];
      if (v >= 1 && !/[0-9０-９%％]/.test(next ?? '') && !listing(m[0].length)) return { family: 'ar-paren', value: v, len: m[0].length, numOffset: m[0].indexOf(m[1]), numLen: m[1].length };
    }
    return undefined;
  }
  if (c === '第') {
    if ((m = exec(RE.cnDi, text, i))) {
      const v = cnValue(m[1]);
      const next = text[i + m[0].length];
      const listed = !!next && (next === '第' || (CN_NUMERAL_CHARS.includes(next) && /^[、季产等类级次号和至期批线]/.test(text[i + m[0].length + 1] ?? '、')));
      if (v && !listed) {
        return { family: 'cn-di', value: v, len: m[0].length, numOffset: 1, numLen: m[1].length };
      }
    }
    return undefined;
  }
  if (c === '首' || c === '其' || c === '再' || c === '最') {
    if ((m = exec(RE.seq, text, i))) {
      const v = { 首先: 1, 其次: 2, 再次: 3, 最后: 0 }[m[1] as '首先'];
      return { family: 'seq-word', value: v, len: m[0].length, numOffset: 0, numLen: 2 };
    }
    return undefined;
  }
  if (c >= '\u2460' && c <= '\u2473') {
    m = exec(RE.circled, text, i)!;
    const next = text[i + m[0].length];
    if (next === undefined || headingTextFollows(next) || next === ' ' || next === '\u3000') {
      return { family: 'circled', value: circledValue(c)!, len: m[0].length, numOffset: 0, numLen: 1 };
    }
    return undefined;
  }
  if (/[0-9０-９]/.test(c)) {
    if ((m = exec(RE.arDot, text, i))) {
      const v = arabicValue(m[1]);
      // `1. 工业增长` (Markdown ordered list): spaces may follow the dot, not the 、.
      let j = i + m[0].length;
      if (!m[0].endsWith('、')) while (j < i + m[0].length + 3 && (text[j] === ' ' || text[j] === '\u3000')) j++;
      const next = text[j];
      if (v >= 1 && headingTextFollows(next)) return { family: 'ar-dot', value: v, len: m[0].length, numOffset: 0, numLen: m[1].length };
    }
    return undefined;
  }
  if (CN_NUMERAL_CHARS.includes(c)) {
    if ((m = exec(RE.cnShi, text, i))) {
      const v = cnValue(m[1]);
      const next = text[i + m[0].length];
      if (v && !(next && '否非不的'.includes(next))) return { family: 'cn-shi', value: v, len: m[0].length, numOffset: 0, numLen: m[1].length };
    }
    if ((m = exec(RE.cnDun, text, i))) {
      const v = cnValue(m[1]);
      const sep = m[0][m[0].length - 1];
      const next = text[i + m[0].length];
      // 一、二季度 · 一、二、三产业: numerals listed, not a heading.
      const listed = !!next && CN_NUMERAL_CHARS.includes(next) && /^[、季产等类级次号和至期批线]/.test(text[i + m[0].length + 1] ?? '、');
      // 一、 总体情况: a space after 、 (common in Markdown headings) when the heading's text follows it.
      const afterSpace = /^[ \u3000]+(.)/.exec(text.slice(i + m[0].length, i + m[0].length + 4))?.[1];
      const ok = sep === '、' ? !!next && !listed && (!/[\s]/.test(next) || (!!afterSpace && /[\u4E00-\u9FFF]/.test(afterSpace) && !CN_NUMERAL_CHARS.includes(afterSpace))) : headingTextFollows(next);
      if (v && ok) return { family: 'cn-dun', value: v, len: m[0].length, numOffset: 0, numLen: m[1].length };
    }
  }
  return undefined;
}

/** Second characters that make a bare numeral a word or a quantity (一些, 一直, 三年, 两个…), not a heading. */
const NOT_AFTER_BARE =
  '是个些直般定切起律致同体系方批流把年次项条名位天月日届带半边道样手生度共再连线级类份种件场只家户人元万亿千百十倍期轮组套座所间层号周季时分秒米亩吨股部章节篇段句字点处片环步头群对双于为向在和与及或并就也都又不没被将以而且如若其之举步言揽贯手时旦览应概致心意脉块席堂笔张封本台辆架艘棵株粒颗匹头口根把支枝面门床顶篇首句声下上中来去大小新老多少好高低长短前后左右内外';

const SLOGAN_AFTER_BARE = '网站码窗键图盘稳保重风严会资改农水';

/** A bare numeral (`一狠抓…`) that may be a heading whose brackets were lost; the tree decides. */
export function matchBareNumeralAt(text: string, i: number): RawMatch | undefined {
  const m = /^([一二三四五六七八九]|十[一二三四五六七八九]?)/.exec(text.slice(i, i + 2));
  if (!m) return undefined;
  const next = text[i + m[0].length];
  if (!next || !HAN.test(next) || NOT_AFTER_BARE.includes(next) || CN_NUMERAL_CHARS.includes(next)) return undefined;
  // Numbered slogans and set phrases: 一村一品, 三严三实, 三会一课, 五水共治, 六稳六保.
  const word = text.slice(i + m[0].length, i + m[0].length + 4);
  if (/[一二三四五六七八九十两]/.test(word) || SLOGAN_AFTER_BARE.includes(next)) return undefined;
  return { family: 'cn-paren', value: cnValue(m[0])!, len: m[0].length, numOffset: 0, numLen: m[0].length };
}

/** The numeral written in a family's style (like `sample` for Arabic digit width). */
export function formatNumeral(family: Family, value: number, sample = ''): string {
  switch (family) {
    case 'ar-dot':
    case 'ar-paren':
      return arabicFormat(value, sample);
    case 'circled':
      return circledFormat(value);
    default:
      return cnFormat(value);
  }
}

/** The marker in its standard form (GB/T 9704 7.3.3, GB/T 15834 B.3) for this family and number. */
export function canonicalMarker(family: Family, value: number, sample = ''): string {
  const n = formatNumeral(family, value, sample);
  switch (family) {
    case 'cn-dun':
      return `${n}、`;
    case 'cn-paren':
    case 'ar-paren':
      return `（${n}）`;
    case 'ar-dot':
      return /[０-９]/.test(sample) ? `${n}．` : `${n}.`;
    case 'circled':
      return n;
    case 'cn-di':
      return `第${n}，`;
    case 'cn-shi':
      return `${n}是`;
    case 'seq-word':
      return n;
  }
}

/** The marker's expected written form: its own form where the standard accepts it. */
export function standardForm(m: Marker): string {
  if (m.family === 'ar-dot' && /[.．]$/.test(m.text)) return m.text;
  if (!isHeadingFamily(m.family)) return m.text;
  return canonicalMarker(m.family, m.value, m.text);
}

/** `m` with its number replaced by `value`, keeping how it is written (brackets, punctuation, digit width). */
export function renumberedText(m: Marker, value: number): string {
  if (m.family === 'seq-word') return m.text;
  const a = m.numStart - m.start;
  const b = m.numEnd - m.start;
  return m.text.slice(0, a) + formatNumeral(m.family, value, m.text.slice(a, b)) + m.text.slice(b);
}

/** A short display form: the marker in standard form (as the outline shows it). */
export function displayMarker(m: Marker): string {
  if (m.lostBrackets) return canonicalMarker('cn-paren', m.value);
  if (m.family === 'cn-di') return `第${cnFormat(m.value)}`;
  if (m.family === 'seq-word') return m.text.replace(/[，,]$/, '');
  return standardForm(m);
}

/** The marker as written, for messages (`第二，` → `第二`). */
export function writtenMarker(m: Marker): string {
  if (m.family === 'cn-di' || m.family === 'seq-word') return m.text.replace(/[，,、：:]$/, '');
  return m.text;
}
