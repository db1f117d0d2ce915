/** Character classes and small text helpers shared by rules. */

export const MASK = '\u001A';

const HAN_RE = /[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]/;
/** A Han character (for a longer string: one holding a Han character). */
export function isHan(ch: string | undefined): boolean {
  if (!ch) return false;
  // one character, the usual case (the rules ask about every character): compared by code, no regex run
  if (ch.length === 1) return isHanCode(ch.charCodeAt(0));
  return HAN_RE.test(ch);
}
/** isHan by UTF-16 code. */
export function isHanCode(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}
/** Full string consists of Han characters only. */
export function allHan(s: string): boolean {
  return s.length > 0 && /^[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]+$/.test(s);
}
export function isAsciiDigit(ch: string | undefined): boolean {
  return !!ch && ch >= '0' && ch <= '9';
}
export function isDigit(ch: string | undefined): boolean {
  return !!ch && /[0-9０-９]/.test(ch);
}
export function isLatin(ch: string | undefined): boolean {
  return !!ch && /[A-Za-zＡ-Ｚａ-ｚ]/.test(ch);
}
/** Chinese (full-width) punctuation that ends or separates clauses, plus brackets and quotes. */
export const CJK_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·';
export function isCjkPunct(ch: string | undefined): boolean {
  return !!ch && CJK_PUNCT.includes(ch);
}
/** Han or full-width punctuation: "Chinese context" for punctuation decisions. */
export function isChineseContext(ch: string | undefined): boolean {
  return isHan(ch) || isCjkPunct(ch);
}
export const CHINESE_NUMERALS = '零〇○一二三四五六七八九十百千万亿两';
export function isChineseNumeral(ch: string | undefined): boolean {
  return !!ch && CHINESE_NUMERALS.includes(ch);
}

/** Clause boundaries inside a paragraph. */
export const CLAUSE_END = /[，。；：？！,;:?!\n]/;

/** ” ’ ） after a full stop belong to the sentence it ends. */
function closesAfterStop(c: number): boolean {
  return c === 0x201d /* ” */ || c === 0x2019 /* ’ */ || c === 0xff09 /* ） */;
}

/** Splits `text` into sentences ending at 。？！；… or newline; returns [start, end) pairs. */
export function sentenceSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let start = 0;
  // (by code: no string made per character)
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x3002 /* 。 */ || ch === 0xff1f /* ？ */ || ch === 0xff01 /* ！ */ || ch === 10 || ch === 0xff1b /* ； */) {
      let end = i + 1;
      while (end < text.length && closesAfterStop(text.charCodeAt(end))) end++;
      spans.push([start, end]);
      start = end;
      i = end - 1;
    }
  }
  if (start < text.length) spans.push([start, text.length]);
  return spans;
}

/** Short excerpt of `text` around [start, end) for messages: at most `max` characters. */
export function quote(s: string, max = 12): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/**
 * The issuing-office abbreviations of document numbers (豫政办〔2005〕107号, 国办发[2021]3号): abbreviations made
 * of single characters (豫 for Henan), no words a checker may complete or correct. Returns [start, end) pairs: up
 * to six Han characters before the bracketed year, after a word that introduces it (根据, 按照, 和, 及 …).
 */
const DOCUMENT_NUMBER_TAIL = /[〔［\[【（(]\s*(?:19|20)\d{2}\s*[〕］\]】）)]\s*(?:第\s*)?\d{1,5}\s*号/g;
const BEFORE_DOCUMENT_NUMBER = /(?:根据|按照|依据|依照|参照|执行|落实|贯彻|[和及与的、])/g;
export function documentNumberPrefixes(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!text.includes('号')) return out;
  DOCUMENT_NUMBER_TAIL.lastIndex = 0;
  for (let m = DOCUMENT_NUMBER_TAIL.exec(text); m; m = DOCUMENT_NUMBER_TAIL.exec(text)) {
    const end = m.index;
    let start = end;
    while (start > 0 && end - start < 6 && isHan(text[start - 1])) start--;
    const run = text.slice(start, end);
    BEFORE_DOCUMENT_NUMBER.lastIndex = 0;
    let cut = 0;
    for (let w = BEFORE_DOCUMENT_NUMBER.exec(run); w; w = BEFORE_DOCUMENT_NUMBER.exec(run)) if (w.index + w[0].length < run.length) cut = w.index + w[0].length;
    if (start + cut < end) out.push([start + cut, end]);
  }
  return out;
}
