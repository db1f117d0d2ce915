import { parseArabic, parseChinese } from './numerals';
import type { Token } from '../types';
import { segmentationGeneration } from '../segmenter';

/**
 * Quantity extraction: every number of a text with its scale (万, 亿), unit (元, 平方米, 亩, 户, 个, %, 个百分点 …)
 * and the word it counts, normalised so that quantities in different scales compare (5.34亿元 = 53,400万元).
 * Placeholders (xx个, ***.*万元) and numbers left out (共个) are *open* quantities: value null.
 */

export type QuantityKind = 'money' | 'area' | 'volume' | 'length' | 'mass' | 'percent' | 'points' | 'count' | 'time' | 'scalar';

export interface Quantity {
  /** [start, end) of the whole quantity (approximation words excluded) relative to the scanned text. */
  start: number;
  end: number;
  /** [numStart, numEnd) of the number itself, the placeholder, or the empty place where a number is missing. */
  numStart: number;
  numEnd: number;
  /** The text of [start, end). */
  raw: string;
  /** Value in the canonical unit (5.34亿元 → 534,000,000 元); null when open. */
  value: number | null;
  /** One unit in the last printed digit, in the canonical unit (5.34亿元 → 1,000,000 元). */
  ulp: number;
  /** Canonical unit: 元, 平方米, 亩, 户, 个, 人, %, 个百分点 …; '' for a bare number with a scale (1.8万). */
  unit: string;
  /** Unit as printed, scale included (万元, 万平方米, 个百分点). */
  printedUnit: string;
  kind: QuantityKind;
  /** Scale factor between the printed number and the canonical unit (万元 → 10,000). */
  factor: number;
  form: 'arabic' | 'chinese' | 'open';
  /** 约, 近, 超过, 以上, 多, 余, 左右 …: the number is an estimate or a bound. */
  approx: boolean;
  /** The Han text right after the unit (up to 8 characters): what a measure word counts (3个行政村 → 行政村). */
  after: string;
}

interface UnitDef {
  text: string;
  unit: string;
  kind: QuantityKind;
  factor: number;
}

const COUNT_WORDS = [
  '人次', '户次', '车次', '架次', '个', '户', '人', '名', '家', '项', '所', '座', '条', '次', '件', '套', '间', '栋', '幢',
  '台', '辆', '处', '批', '场', '期', '篇', '份', '笔', '宗', '头', '张', '种', '类', '部', '株', '棵', '门', '起', '例', '位',
  '艘', '架', '级', '片', '块', '方', '对', '双', '支', '所', '届', '轮', '集', '册', '本', '首', '幅', '枚', '根', '口', '眼', '盏',
];

const UNITS: UnitDef[] = ([
  { text: '个百分点', unit: '个百分点', kind: 'points', factor: 1 },
  // Durations: 三个月, 5个工作日, 两个小时 are spans of time, never items or parts of a total.
  { text: '个工作日', unit: '工作日', kind: 'time', factor: 1 },
  { text: '个自然日', unit: '日', kind: 'time', factor: 1 },
  { text: '个多月', unit: '月', kind: 'time', factor: 1 },
  { text: '个月', unit: '月', kind: 'time', factor: 1 },
  { text: '个小时', unit: '小时', kind: 'time', factor: 1 },
  { text: '个星期', unit: '星期', kind: 'time', factor: 1 },
  { text: '个季度', unit: '季度', kind: 'time', factor: 1 },
  { text: '个年度', unit: '年度', kind: 'time', factor: 1 },
  { text: '个学期', unit: '学期', kind: 'time', factor: 1 },
  { text: '%', unit: '%', kind: 'percent', factor: 1 },
  { text: '％', unit: '%', kind: 'percent', factor: 1 },
  { text: '‰', unit: '‰', kind: 'scalar', factor: 1 },
  { text: '美元', unit: '美元', kind: 'money', factor: 1 },
  { text: '欧元', unit: '欧元', kind: 'money', factor: 1 },
  { text: '港元', unit: '港元', kind: 'money', factor: 1 },
  { text: '元', unit: '元', kind: 'money', factor: 1 },
  { text: '平方公里', unit: '平方米', kind: 'area', factor: 1e6 },
  { text: '平方千米', unit: '平方米', kind: 'area', factor: 1e6 },
  { text: '平方米', unit: '平方米', kind: 'area', factor: 1 },
  { text: '平米', unit: '平方米', kind: 'area', factor: 1 },
  { text: '公顷', unit: '平方米', kind: 'area', factor: 1e4 },
  { text: '亩', unit: '亩', kind: 'area', factor: 1 },
  { text: '立方米', unit: '立方米', kind: 'volume', factor: 1 },
  { text: '公里', unit: '米', kind: 'length', factor: 1000 },
  { text: '千米', unit: '米', kind: 'length', factor: 1000 },
  { text: '米', unit: '米', kind: 'length', factor: 1 },
  { text: '吨', unit: '吨', kind: 'mass', factor: 1 },
  { text: '千克', unit: '吨', kind: 'mass', factor: 1e-3 },
  { text: '公斤', unit: '吨', kind: 'mass', factor: 1e-3 },
  { text: '千瓦时', unit: '千瓦时', kind: 'scalar', factor: 1 },
  { text: '千瓦', unit: '千瓦', kind: 'scalar', factor: 1 },
  { text: '倍', unit: '倍', kind: 'scalar', factor: 1 },
  ...COUNT_WORDS.map((w) => ({ text: w, unit: w === '名' ? '人' : w, kind: 'count' as const, factor: 1 })),
] as UnitDef[]).sort((a, b) => b.text.length - a.text.length);

/** A measure word followed by these is part of another word, not a unit (一方面, 三方案, 两个人 is fine). */
const NOT_UNIT_AFTER: Record<string, RegExp> = {
  方: /^方(?:面|案|式|法|向|针|位|略|言|正|圆|便|阵|舱|志|兴|才)/,
  人: /^人(?:民|员|才|口|们|大|工|类|事|心|士|物|格|权|生|文|均|次)/,
  家: /^家(?:庭|园|乡|属|居|长|族|具|电|风|政|务|底|境)/,
  部: /^部(?:门|署|分|队|位|长|委|署|件|落)/,
  类: /^类(?:似|型|别)/,
  种: /^种(?:植|养|子|业|类|粮|苗)/,
  条: /^条(?:件|例|款|约|线|理|文)/,
  场: /^场(?:所|地|景|合|馆|站|面|次)/,
  期: /^期(?:间|限|待|望|末|初|货|刊)/,
  起: /^起(?:来|步|草|点|到|始|诉|源|身|飞)/,
  次: /^次(?:要|序|生|级|贷)/,
  件: /^件(?:事)/,
  片: /^片(?:区|面|段)/,
  门: /^门(?:户|槛|类|诊|店|窗|前)/,
  口: /^口(?:岸|号|罩|径|粮)/,
  张: /^张(?:贴|扬|力)/,
  处: /^处(?:理|置|罚|分|于|级|长|室|境)/,
  块: /^块(?:状)/,
  支: /^支(?:持|付|出|撑|援|部|柱|行|队)/,
  头: /^头(?:等|脑|部|号)/,
  对: /^对(?:于|接|外|象|策|口|标|照|比|待|话)/,
  双: /^双(?:方|边|向|重|创|拥|轮)/,
  本: /^本(?:地|级|身|科|市|县|省|镇|村|质|领|届|年)/,
  集: /^集(?:体|团|中|聚|约|成|镇|市|群|资)/,
  所: /^所(?:有|属|在|得|以|谓|需|辖|长)/,
  间: /^间(?:接|隔|歇)/,
  位: /^位(?:于|置|列)/,
  名: /^名(?:义|称|单|录|牌|片|优|列|额|副|次|校|师|城|镇|村)/,
  项: /^项(?:目)/,
  户: /^户(?:籍|口|外|型|厕|主)/,
  届: /^届(?:时|满)/,
  级: /^级(?:别)/,
  轮: /^轮(?:流|换|岗|训|作)/,
  座: /^座(?:谈|位|次)/,
  笔: /^笔(?:者|试|记)/,
  米: /^米(?:粮|面)/,
  元: /^元(?:素|旦|宵|老|首|年|月|件)/,
  个: /^个(?:人|体|性|别|案|税)/,
  例: /^例(?:如|外|行|会)/,
  根: /^根(?:据|本|源|治|除)/,
  首: /^首(?:先|次|届|批|位|都|府|个|席)/,
};

const SCALES: Array<[string, number]> = [
  ['万亿', 1e12], ['千亿', 1e11], ['百亿', 1e10], ['十亿', 1e9], ['千万', 1e7], ['百万', 1e6], ['十万', 1e5],
  ['万', 1e4], ['亿', 1e8], ['千', 1e3], ['百', 1e2],
];

const ARABIC = /[0-9０-９]+(?:[,，][0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?/y;
const CHINESE = /[零〇○一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?/y;
const OPEN = /(?:[xX]+(?:[.．][xX]+)?|\*+(?:[.．]\*+)?|[×＊]+|[？?]{2,})/y;
const APPROX_BEFORE = /(?:约|大约|约为|近|将近|接近|超过|超|逾|不足|不到|不少于|不低于|至少|最多|上下|约有)$/;
const APPROX_AFTER = /^(?:多|余|以上|以下|左右|上下|出头|开外)/;

export interface ExtractOptions {
  /** Segmenter for the scanned text: Chinese numerals are only taken where the segmenter sees a numeral. */
  segment?: (text: string) => Token[];
}

/** Units by their first character, longest first. */
const UNITS_BY_FIRST = new Map<string, UnitDef[]>();
for (const u of UNITS) {
  const list = UNITS_BY_FIRST.get(u.text[0]) ?? [];
  list.push(u);
  UNITS_BY_FIRST.set(u.text[0], list);
}

function matchUnit(text: string, i: number): UnitDef | undefined {
  const candidates = UNITS_BY_FIRST.get(text[i]);
  if (!candidates) return undefined;
  for (const u of candidates) {
    if (text.startsWith(u.text, i)) {
      const block = NOT_UNIT_AFTER[u.text];
      if (block && block.test(text.slice(i, i + 4))) return undefined;
      return u;
    }
  }
  return undefined;
}

function tokenAt(tokens: Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return t;
  }
  return undefined;
}

function afterWord(text: string, i: number): string {
  const m = /^[\u4e00-\u9fff]{1,8}/.exec(text.slice(i, i + 8));
  return m ? m[0] : '';
}

/**
 * Extracts the quantities of `text` (usually a paragraph or a sentence), in order. Only numbers with a unit or a
 * scale are quantities; years, dates, ordinals (第3), numbering (一是) and words containing numerals (统一) are not.
 */
const CANDIDATE = /[0-9０-９xX*×＊?？零〇○一二两三四五六七八九十]|百分之/g;
const memo = new Map<string, readonly Quantity[]>();
/**
 * The memo holds the results of up to this many characters of text: every paragraph of a large document stays in
 * it while the rules run one after the other over the whole document (count-mismatch, then sum-mismatch), so each
 * paragraph is scanned once (as the segmenter's cache).
 */
const MEMO_MAX_CHARS = 1_000_000;
let memoChars = 0;
let memoGeneration = -1;

export function extractQuantities(text: string, opts: ExtractOptions = {}): readonly Quantity[] {
  // Several rules extract from the same paragraph: keep the results (with and without the segmenter apart).
  const key = (opts.segment ? 's' : 'p') + text;
  // results found with the segmenter's tokens last only as long as its words do (the user's dictionary changed)
  if (memoGeneration !== segmentationGeneration()) {
    memo.clear();
    memoChars = 0;
    memoGeneration = segmentationGeneration();
  }
  const hit = memo.get(key);
  if (hit) return hit;
  const out = Object.freeze(scan(text, opts));
  memo.set(key, out);
  memoChars += key.length;
  while (memoChars > MEMO_MAX_CHARS && memo.size > 1) {
    const oldest = memo.keys().next().value as string;
    memo.delete(oldest);
    memoChars -= oldest.length;
  }
  return out;
}

function scan(text: string, opts: ExtractOptions): Quantity[] {
  const out: Quantity[] = [];
  let tokens: Token[] | undefined;
  const segment = () => (tokens ??= opts.segment ? opts.segment(text) : []);
  for (let i = 0; i < text.length; i++) {
    CANDIDATE.lastIndex = i;
    const next = CANDIDATE.exec(text);
    if (!next) break;
    i = next.index;
    const c = text[i];
    let numEnd = -1;
    let parsed: { value: number; ulp: number } | undefined;
    let form: Quantity['form'] = 'arabic';
    let percentPrefix = false;
    let start = i;
    if (/[0-9０-９]/.test(c)) {
      const prev = text[i - 1];
      if (prev && /[0-9A-Za-z.．_\-/第]/.test(prev)) continue; // 第5位 is an ordinal
      ARABIC.lastIndex = i;
      const m = ARABIC.exec(text)!;
      numEnd = i + m[0].length;
      parsed = parseArabic(m[0]);
      if (/^[0-9A-Za-z]/.test(text[numEnd] ?? '') || !parsed) {
        i = numEnd - 1;
        continue;
      }
    } else if (/[xX*×＊?？]/.test(c)) {
      const prev = text[i - 1];
      if (prev && /[0-9A-Za-z_\-/第]/.test(prev)) continue;
      OPEN.lastIndex = i;
      const m = OPEN.exec(text);
      if (!m) continue;
      numEnd = i + m[0].length;
      if (/^[A-Za-z0-9]/.test(text[numEnd] ?? '')) {
        i = numEnd - 1;
        continue;
      }
      form = 'open';
    } else if (text.startsWith('百分之', i)) {
      CHINESE.lastIndex = i + 3;
      const m = CHINESE.exec(text);
      if (!m) continue;
      parsed = parseChinese(m[0]);
      if (!parsed) continue;
      percentPrefix = true;
      form = 'chinese';
      numEnd = i + 3 + m[0].length;
    } else if (/[零〇○一二两三四五六七八九十]/.test(c)) {
      if (text[i - 1] === '第') continue;
      CHINESE.lastIndex = i;
      const m = CHINESE.exec(text);
      if (!m) continue;
      // Shrink until a numeral parses and a unit follows (三千五百万元 → whole; 一万方 → 一 + 万方?).
      let s = m[0];
      let found = false;
      while (s.length > 0) {
        const p = parseChinese(s);
        const k = i + s.length + (/[多余]/.test(text[i + s.length] ?? '') ? 1 : 0);
        if (p && (matchUnit(text, k) || /[万亿]$/.test(s))) {
          parsed = p;
          found = true;
          break;
        }
        s = s.slice(0, -1);
      }
      if (!found || !parsed) {
        i += m[0].length - 1;
        continue;
      }
      const tok = tokenAt(segment(), i);
      // The segmenter must see a numeral here (三方/m, 三级/b as one word), not a word that contains one (统一, 一方面/mq).
      const numeralWord = !!tok && tok.start === i && ((/^m/.test(tok.tag) && tok.tag !== 'mq') || (tok.end <= i + s.length + 2 && tok.end > i + s.length));
      if (opts.segment && !numeralWord) {
        i += m[0].length - 1;
        continue;
      }
      form = 'chinese';
      numEnd = i + s.length;
    } else {
      continue;
    }
    // Scale and unit.
    let j = numEnd;
    let scale = 1;
    let scaleText = '';
    let roughly = false;
    // 500余户, 3000多万元, 1.8万余人: the estimate mark sits between number, scale and unit.
    if (!percentPrefix && /[多余]/.test(text[j] ?? '') && !/^余(?:额|量|下|粮)/.test(text.slice(j, j + 2))) {
      roughly = true;
      j++;
    }
    if (!percentPrefix && form !== 'chinese') {
      for (const [w, f] of SCALES) {
        if (text.startsWith(w, j)) {
          // 万方 is a unit of its own (万立方米); 千米/千克/千瓦 are units, not 千 + 米.
          if (/^千(?:米|克|瓦)/.test(text.slice(j, j + 2)) || /^百分/.test(text.slice(j, j + 2))) break;
          scale = f;
          scaleText = w;
          j += w.length;
          break;
        }
      }
    }
    if (scaleText && !roughly && /[多余]/.test(text[j] ?? '') && !/^余(?:额|量|下|粮)/.test(text.slice(j, j + 2))) {
      roughly = true;
      j++;
    }
    let unit: UnitDef | undefined;
    if (percentPrefix) unit = { text: '', unit: '%', kind: 'percent', factor: 1 };
    else if (text.startsWith('方', j) && scaleText === '万' && !/^方(?:面|案|式|法|向|针)/.test(text.slice(j, j + 2))) {
      unit = { text: '方', unit: '立方米', kind: 'volume', factor: 1 };
    } else unit = matchUnit(text, j);
    if (!unit && !scaleText) {
      i = Math.max(i, numEnd - 1);
      continue;
    }
    // A placeholder needs a unit or a scale after it, and must not be a Latin word (x86 is skipped above).
    const unitText = unit?.text ?? '';
    const end = j + unitText.length;
    const factor = scale * (unit?.factor ?? 1);
    const value = parsed ? parsed.value * factor : null;
    // Counts written out in Chinese (一百二十个) are exact; 二十万 still shows its rounding.
    const ulp = parsed ? (form === 'chinese' && parsed.value < 1000 ? 1 : parsed.ulp) * factor : 0;
    const before = text.slice(Math.max(0, start - 4), start);
    const approx = APPROX_BEFORE.test(before) || APPROX_AFTER.test(text.slice(numEnd, numEnd + 2)) || APPROX_AFTER.test(text.slice(end, end + 2)) || roughly;
    out.push({
      start,
      end,
      numStart: percentPrefix ? i + 3 : start,
      numEnd,
      raw: text.slice(start, end),
      value,
      ulp,
      unit: unit?.unit ?? '',
      printedUnit: scaleText + unitText,
      kind: unit?.kind ?? 'scalar',
      factor,
      form,
      approx,
      after: afterWord(text, end),
    });
    i = end - 1;
  }
  return out;
}

/** True when two quantities can be added or compared (same canonical unit; 人 and 名 are one). */
export function sameUnit(a: Quantity, b: Quantity): boolean {
  return a.unit === b.unit && a.kind === b.kind;
}

/** Formats a quantity's value back in the printed unit of `like` (157万元 for a total written in 万元). */
export function formatIn(value: number, like: Quantity, decimals?: number): string {
  const v = value / like.factor;
  const d = decimals ?? Math.max(0, Math.min(4, Math.round(-Math.log10(Math.max(like.ulp / like.factor, 1e-4)))));
  const r = Number(v.toFixed(d));
  const s = Number.isInteger(r) ? String(r) : r.toFixed(d).replace(/0+$/, '').replace(/\.$/, '');
  return s + (like.printedUnit || '');
}
