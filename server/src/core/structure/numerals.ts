/** Chinese and Arabic numerals as used in report numbering (1–99). */

const CN_DIGITS = '〇一二三四五六七八九';

/** Value of a Chinese numeral 一…九十九 written the usual way (十一, 二十, 二十三); undefined otherwise. */
export function cnValue(s: string): number | undefined {
  if (s.length === 1) {
    if (s === '十') return 10;
    const d = CN_DIGITS.indexOf(s);
    return d > 0 ? d : undefined;
  }
  const m = /^([二三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (!m) return undefined;
  const tens = m[1] ? CN_DIGITS.indexOf(m[1]) : 1;
  const ones = m[2] ? CN_DIGITS.indexOf(m[2]) : 0;
  return tens * 10 + ones;
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三. */
export function cnFormat(n: number): string {
  if (n <= 0 || n >= 100 || !Number.isInteger(n)) return String(n);
  if (n < 10) return CN_DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : CN_DIGITS[tens]) + '十' + (ones ? CN_DIGITS[ones] : '');
}

/** Value of ASCII or full-width digits. */
export function arabicValue(s: string): number {
  let v = 0;
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    v = v * 10 + (c >= 0xff10 ? c - 0xff10 : c - 48);
  }
  return v;
}

/** Formats `n` in the digit style of `like` (full-width when `like` is). */
export function arabicFormat(n: number, like: string): string {
  const s = String(n);
  if (!/[０-９]/.test(like)) return s;
  return s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 48 + 0xff10));
}

const CIRCLED_FIRST = 0x2460; // ①
export function circledValue(ch: string): number | undefined {
  const c = ch.charCodeAt(0);
  return c >= CIRCLED_FIRST && c < CIRCLED_FIRST + 20 ? c - CIRCLED_FIRST + 1 : undefined;
}
export function circledFormat(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCharCode(CIRCLED_FIRST + n - 1) : String(n);
}
