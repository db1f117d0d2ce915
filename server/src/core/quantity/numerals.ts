/**
 * Number words: Arabic (3, 1,154, 5.34, full-width digits) and Chinese (三, 十二, 两, 一百零五, 二〇二三,
 * 四十八点五), with the precision they were printed with. Pure functions, no segmentation.
 */

export interface ParsedNumber {
  value: number;
  /**
   * One unit in the last printed digit (1,154 → 1; 5.34 → 0.01; 三千五百 → 100; 1.8 → 0.1), in the number's own
   * scale: multiply by the scale (万, 亿) like the value.
   */
  ulp: number;
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, '○': 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** Characters of a Chinese numeral. */
export const CN_NUMERAL_CHARS = '零〇○一二两三四五六七八九十百千万亿';

/** Arabic number with optional thousands separators and decimals; full-width digits are normalised first. */
export function parseArabic(raw: string): ParsedNumber | undefined {
  const s = toHalfWidth(raw).replace(/[,，](?=\d{3}(?!\d))/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return undefined;
  const dot = s.indexOf('.');
  const decimals = dot < 0 ? 0 : s.length - dot - 1;
  return { value: Number(s), ulp: Math.pow(10, -decimals) };
}

export function toHalfWidth(s: string): string {
  return s.replace(/[０-９．，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Chinese numeral: 三 → 3, 十二 → 12, 两千零八 → 2008, 三千五百万 → 35,000,000, 二〇二三 → 2023 (digit by digit),
 * 四十八点五 → 48.5. Returns undefined when the string is not a well-formed numeral.
 */
export function parseChinese(raw: string): ParsedNumber | undefined {
  if (!raw) return undefined;
  const [intPart, fracPart, extra] = raw.split('点');
  if (extra !== undefined) return undefined;
  let frac = 0;
  let fracUlp = 1;
  if (fracPart !== undefined) {
    if (!fracPart || ![...fracPart].every((c) => c in DIGIT && c !== '两')) return undefined;
    for (const c of fracPart) {
      fracUlp /= 10;
      frac += DIGIT[c] * fracUlp;
    }
  }
  const int = parseChineseInt(intPart);
  if (!int) return undefined;
  if (fracPart !== undefined) {
    // A decimal fraction only follows a plain integer part (四十八点五, not 三万点五).
    return { value: int.value + frac, ulp: fracUlp * int.scaleOfLast };
  }
  return { value: int.value, ulp: int.ulp };
}

interface CnInt {
  value: number;
  /** Place value of the last non-zero digit. */
  ulp: number;
  scaleOfLast: number;
}

function parseChineseInt(s: string): CnInt | undefined {
  if (!s) return undefined;
  // Digit-by-digit form (二〇二三, 一九九八): no unit characters.
  if (!/[十百千万亿]/.test(s)) {
    if (![...s].every((c) => c in DIGIT)) return undefined;
    if (s.length === 1) return { value: DIGIT[s], ulp: 1, scaleOfLast: 1 };
    // 三四个 is "three or four"; years are written out digit by digit (二〇二三, 一九九八).
    if (s.includes('两') || (s.length < 3 && !/[零〇○]/.test(s))) return undefined;
    let v = 0;
    for (const c of s) v = v * 10 + DIGIT[c];
    return { value: v, ulp: 1, scaleOfLast: 1 };
  }
  const r = splitBig(s, '亿', 1e8, (hi) => splitBig(hi, '万', 1e4, belowWan));
  return r && { value: r.value, ulp: r.ulp, scaleOfLast: 1 };
}

type Part = { value: number; ulp: number } | undefined;

/** hi + 亿/万 + lo, where lo may start with 零 or be one abbreviated digit (一万五 = 15,000). */
function splitBig(s: string, mark: string, scale: number, below: (t: string) => Part): Part {
  const i = s.indexOf(mark);
  if (i < 0) return mark === '亿' ? splitBig(s, '万', 1e4, belowWan) : below(s);
  const hiText = s.slice(0, i);
  let loText = s.slice(i + 1);
  if (loText.includes(mark)) return undefined;
  const hi = mark === '亿' ? splitBig(hiText, '万', 1e4, belowWan) : below(hiText);
  if (!hi || hi.value === 0) return undefined;
  if (!loText) return { value: hi.value * scale, ulp: hi.ulp * scale };
  if (loText.length === 1 && loText in DIGIT && loText !== '零' && loText !== '〇') {
    const d = DIGIT[loText];
    return { value: hi.value * scale + d * scale / 10, ulp: scale / 10 };
  }
  const zero = /^[零〇○]/.test(loText);
  if (zero) loText = loText.slice(1);
  const lo = mark === '亿' ? splitBig(loText, '万', 1e4, belowWan) : belowWan(loText);
  if (!lo || lo.value >= scale) return undefined;
  if (!zero && lo.value * 10 < scale && mark === '万' && lo.value > 0) return undefined; // 一万五十: not a numeral
  return { value: hi.value * scale + lo.value, ulp: lo.value === 0 ? hi.ulp * scale : lo.ulp };
}

/** 0–9999 with 千百十 and 零; 十二 = 12, 三千五 = 3,500. */
function belowWan(s: string): Part {
  if (!s) return undefined;
  let value = 0;
  let digit = -1;
  let prevUnit = 100000;
  let ulp = 1;
  let afterZero = false;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (c in DIGIT) {
      if (digit > 0) return undefined; // 三四
      digit = DIGIT[c];
      if (digit === 0) {
        afterZero = true;
        digit = -1;
      }
    } else if (c in SMALL_UNIT) {
      const u = SMALL_UNIT[c];
      if (u >= prevUnit) return undefined;
      const d = digit < 0 ? (u === 10 && k === 0 ? 1 : -1) : digit;
      if (d <= 0) return undefined;
      value += d * u;
      ulp = u;
      prevUnit = u;
      digit = -1;
      afterZero = false;
    } else {
      return undefined;
    }
  }
  if (digit > 0) {
    if (!afterZero && prevUnit >= 100 && prevUnit < 100000) {
      value += digit * (prevUnit / 10); // 三千五, 两百五
      ulp = prevUnit / 10;
    } else {
      value += digit;
      ulp = 1;
    }
  }
  return { value, ulp };
}

/** Formats a number for messages: up to `decimals` decimals, no trailing zeros, no exponent. */
export function formatNumber(n: number, decimals = 2): string {
  const r = Number(n.toFixed(decimals));
  if (Number.isInteger(r)) return String(r);
  return r.toFixed(decimals).replace(/0+$/, '').replace(/\.$/, '');
}

/** Number of decimals an ulp stands for (0.01 → 2, 1 → 0, 100 → 0). */
export function decimalsOf(ulp: number): number {
  if (ulp >= 1) return 0;
  return Math.min(6, Math.round(-Math.log10(ulp)));
}
