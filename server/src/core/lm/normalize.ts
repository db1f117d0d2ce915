/**
 * Character normalisation shared by the model builder and the runtime: one output code unit per input code
 * unit, so offsets never move. Han characters and Chinese punctuation are kept; digits become 0, Latin letters
 * a, ASCII punctuation its full-width form, everything else (spaces, masks, symbols) the boundary mark.
 */
export const BOUNDARY = '\u0002';

const ASCII_PUNCT: Record<string, string> = {
  ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）', '"': '“', "'": '‘',
  '[': '【', ']': '】', '<': '《', '>': '》', '%': '％', '-': '－', '/': '／',
};
const KEEP_PUNCT = '，。、；：？！“”‘’（）《》〈〉【】「」『』…—～·％－／';

function normCode(c: number, ch: string): string {
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) return ch;
  if ((c >= 48 && c <= 57) || (c >= 0xff10 && c <= 0xff19)) return '0';
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return 'a';
  if (c === 0x3007 || c === 0x25cb) return '0'; // 〇 ○ used as the numeral zero
  if (KEEP_PUNCT.includes(ch)) return ch;
  const p = ASCII_PUNCT[ch];
  if (p) return p;
  if (c === 0xff0c) return '，';
  return BOUNDARY;
}

const cache = new Map<string, string>();

/** Normalises one code unit. */
export function normChar(ch: string): string {
  let r = cache.get(ch);
  if (r === undefined) {
    r = normCode(ch.charCodeAt(0), ch);
    if (cache.size < 65536) cache.set(ch, r);
  }
  return r;
}

/** Normalises a string code unit by code unit (same length). */
export function normalize(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += normChar(text[i]);
  return out;
}

const CODES = new Uint16Array(65536);

/** normChar by UTF-16 code, as a code (memoised: the model rules normalise every character they read). */
export function normCodeOf(c: number): number {
  return CODES[c] || (CODES[c] = normChar(String.fromCharCode(c)).charCodeAt(0));
}

/** normalize(text) as codes, written into `into` when given (at least text.length long). */
export function normalizeCodes(text: string, into = new Uint16Array(text.length)): Uint16Array {
  for (let j = 0; j < text.length; j++) into[j] = normCodeOf(text.charCodeAt(j));
  return into;
}
