import type { Document, Element, Node } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';

/** @xmldom/xmldom, required on first use: it takes ~15 ms to load, and most runs read no Word document. */
export function xmldom(): typeof import('@xmldom/xmldom') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('@xmldom/xmldom') as typeof import('@xmldom/xmldom');
}

/**
 * Plain text of a Word document (.docx), for checking. Pure: bytes in, text out (no file system), so the CLI,
 * the language server and the annotator share it. Never writes anything.
 *
 * The text is the document's paragraphs joined by "\n" (SPEC: for .docx, `offset` counts into this text and
 * `line` is the paragraph number): the body in order, table cells row by row, then footnotes and endnotes, then
 * page headers. Numbering that Word generates for its lists (一、 （一） 1. …) is computed from numbering.xml and
 * written in front of the paragraph's own text, as Word shows it.
 */
export interface DocxParagraph {
  /** [start, end) of the paragraph in `text` (end before the "\n"). */
  start: number;
  end: number;
  kind: 'body' | 'table' | 'header' | 'footnote';
  /** The paragraph style's display name (e.g. "heading 1", "标题 2"), if any. */
  styleName?: string;
  /** The package part holding the paragraph, e.g. "word/document.xml", "word/footnotes.xml". */
  part: string;
  /** Index of the paragraph's <w:p> among all <w:p> elements of its part, in document order (for anchoring). */
  index: number;
  /** Length of the generated numbering label at the start (0 when none): the paragraph's runs start after it. */
  labelLength: number;
}

export interface DocxText {
  text: string;
  paragraphs: DocxParagraph[];
}

export class DocxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DocxError';
  }
}

export const W_NS = new Set(['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'http://purl.oclc.org/ooxml/wordprocessingml/main']);
const R_NS = new Set(['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships']);
/** Any one part larger than this (uncompressed) is refused: a zip bomb, not a report. */
const MAX_PART = 256 * 1024 * 1024;

type El = Element;

function isW(n: Node, local?: string): n is El {
  return n.nodeType === 1 && W_NS.has((n as El).namespaceURI ?? '') && (local === undefined || (n as El).localName === local);
}
function children(e: El, local?: string): El[] {
  const out: El[] = [];
  for (let c = e.firstChild; c; c = c.nextSibling) if (isW(c, local)) out.push(c);
  return out;
}
function child(e: El | undefined, local: string): El | undefined {
  if (!e) return undefined;
  for (let c = e.firstChild; c; c = c.nextSibling) if (isW(c, local)) return c;
  return undefined;
}
/** A w:val-style attribute, whatever its prefix. */
function attr(e: El | undefined, local: string): string | undefined {
  if (!e) return undefined;
  for (let i = 0; i < e.attributes.length; i++) {
    const a = e.attributes[i];
    if (a.localName === local && (W_NS.has(a.namespaceURI ?? '') || R_NS.has(a.namespaceURI ?? '') || !a.namespaceURI)) return a.value;
  }
  return undefined;
}
function onOff(e: El | undefined): boolean {
  if (!e) return false;
  const v = attr(e, 'val');
  return v === undefined || !['0', 'false', 'off'].includes(v);
}

export function parseXml(xml: string, part: string): Document {
  try {
    const doc = new (xmldom().DOMParser)({
      onError: (level, msg) => {
        if (level !== 'warning') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml');
    if (!doc.documentElement) throw new Error('没有根元素');
    return doc;
  } catch (e) {
    throw new DocxError(`Word 文档已损坏：${part} 不是有效的 XML（${String((e as Error)?.message ?? e).split('\n')[0].slice(0, 120)}）`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Numbering

interface Level {
  start: number;
  numFmt: string;
  lvlText: string;
  /** w:lvlRestart: 0 = never restart; n = restart after a level-n (1-based) item; undefined = after any higher level. */
  restart?: number;
  isLgl: boolean;
  suff: string;
}
interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Level }>;
}

function parseLevel(l: El): Level {
  const start = Number(attr(child(l, 'start'), 'val') ?? '1');
  const restart = attr(child(l, 'lvlRestart'), 'val');
  return {
    start: Number.isFinite(start) ? start : 1,
    numFmt: attr(child(l, 'numFmt'), 'val') ?? 'decimal',
    lvlText: attr(child(l, 'lvlText'), 'val') ?? '',
    restart: restart === undefined ? undefined : Number(restart),
    isLgl: !!child(l, 'isLgl') && onOff(child(l, 'isLgl')),
    suff: attr(child(l, 'suff'), 'val') ?? 'tab',
  };
}

class Numbering {
  private readonly abstracts = new Map<string, { levels: Map<number, Level>; styleLink?: string }>();
  private readonly nums = new Map<string, Num>();
  /** Counters per list instance (see next()). */
  private readonly counters = new Map<string, Array<number | undefined>>();

  constructor(
    doc: Document | undefined,
    private readonly styleNumPr: (styleId: string) => { numId?: string; ilvl?: number } | undefined,
  ) {
    if (!doc) return;
    const root = doc.documentElement!;
    for (const a of children(root, 'abstractNum')) {
      const levels = new Map<number, Level>();
      for (const l of children(a, 'lvl')) levels.set(Number(attr(l, 'ilvl') ?? '0'), parseLevel(l));
      this.abstracts.set(attr(a, 'abstractNumId') ?? '', { levels, styleLink: attr(child(a, 'numStyleLink'), 'val') });
    }
    for (const n of children(root, 'num')) {
      const overrides = new Map<number, { start?: number; level?: Level }>();
      for (const o of children(n, 'lvlOverride')) {
        const so = attr(child(o, 'startOverride'), 'val');
        const lvl = child(o, 'lvl');
        overrides.set(Number(attr(o, 'ilvl') ?? '0'), { start: so === undefined ? undefined : Number(so), level: lvl ? parseLevel(lvl) : undefined });
      }
      this.nums.set(attr(n, 'numId') ?? '', { abstractId: attr(child(n, 'abstractNumId'), 'val') ?? '', overrides });
    }
  }

  private abstractOf(num: Num): { id: string; levels: Map<number, Level> } | undefined {
    let id = num.abstractId;
    let a = this.abstracts.get(id);
    // numStyleLink: the list is defined by a numbering style, whose own numId names the real definition.
    for (let hops = 0; a?.styleLink && hops < 3; hops++) {
      const viaStyle = this.styleNumPr(a.styleLink)?.numId;
      const target = viaStyle ? this.nums.get(viaStyle) : undefined;
      if (!target) break;
      id = target.abstractId;
      a = this.abstracts.get(id);
    }
    return a ? { id, levels: a.levels } : undefined;
  }

  /** The label of the next item of list `numId` at level `ilvl`, advancing the counters; '' for bullets. */
  next(numId: string, ilvl: number): string {
    const num = this.nums.get(numId);
    if (!num) return '';
    const abs = this.abstractOf(num);
    if (!abs) return '';
    const level = (i: number): Level | undefined => num.overrides.get(i)?.level ?? abs.levels.get(i);
    const lv = level(ilvl);
    if (!lv) return '';
    // A list instance with start overrides is a list of its own (Word's "restart numbering"); instances without
    // overrides that share an abstract definition continue one another.
    const key = num.overrides.size ? `num:${numId}` : `abs:${abs.id}`;
    let counters = this.counters.get(key);
    if (!counters) this.counters.set(key, (counters = []));
    const startOf = (i: number) => num.overrides.get(i)?.start ?? level(i)?.start ?? 1;
    counters[ilvl] = counters[ilvl] === undefined ? startOf(ilvl) : counters[ilvl]! + 1;
    for (let k = ilvl + 1; k < 9; k++) {
      const r = level(k)?.restart;
      if (r === 0 || (r !== undefined && r - 1 > ilvl)) continue;
      counters[k] = undefined;
    }
    if (lv.numFmt === 'bullet') return '';
    const label = lv.lvlText.replace(/%([1-9])/g, (_, d: string) => {
      const i = Number(d) - 1;
      const value = counters![i] ?? startOf(i);
      const fmt = lv.isLgl && i !== ilvl ? 'decimal' : (level(i)?.numFmt ?? 'decimal');
      return formatNumber(value, fmt);
    });
    return label + (lv.suff === 'space' ? ' ' : '');
  }
}

const DIGITS = '〇一二三四五六七八九';
function chineseCounting(n: number): string {
  if (n <= 0) return String(n);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 1000) {
    const rest = n % 100;
    return DIGITS[Math.floor(n / 100)] + '百' + (rest === 0 ? '' : rest < 10 ? '零' + DIGITS[rest] : rest < 20 ? '一' + chineseCounting(rest) : chineseCounting(rest));
  }
  return String(n);
}
function letters(n: number, base: string): string {
  if (n <= 0) return String(n);
  // Word repeats the letter: a … z, aa … zz.
  const ch = base[(n - 1) % 26];
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}
function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const t: Array<[number, string]> = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of t) while (n >= v) (out += s), (n -= v);
  return out;
}

/** A list counter in one of Word's number formats (ST_NumberFormat). */
export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'chineseLegalSimplified':
      return fmt === 'chineseLegalSimplified' ? chineseCounting(n).replace(/./g, (c) => '零壹贰叁肆伍陆柒捌玖拾佰'['〇一二三四五六七八九十百'.indexOf(c)] ?? c) : chineseCounting(n);
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => DIGITS[Number(d)]);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1] : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1] : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : String(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCodePoint(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'lowerLetter':
      return letters(n, 'abcdefghijklmnopqrstuvwxyz');
    case 'upperLetter':
      return letters(n, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperRoman':
      return roman(n);
    case 'none':
      return '';
    default:
      return String(n);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Styles

interface Style {
  name?: string;
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

function parseStyles(doc: Document | undefined): { styles: Map<string, Style>; defaultParagraph?: string } {
  const styles = new Map<string, Style>();
  let defaultParagraph: string | undefined;
  if (!doc) return { styles };
  for (const s of children(doc.documentElement!, 'style')) {
    const id = attr(s, 'styleId');
    if (!id) continue;
    const numPr = child(child(s, 'pPr'), 'numPr');
    const ilvl = attr(child(numPr, 'ilvl'), 'val');
    styles.set(id, {
      name: attr(child(s, 'name'), 'val'),
      basedOn: attr(child(s, 'basedOn'), 'val'),
      numId: attr(child(numPr, 'numId'), 'val'),
      ilvl: ilvl === undefined ? undefined : Number(ilvl),
    });
    const def = attr(s, 'default');
    if (attr(s, 'type') === 'paragraph' && def !== undefined && !['0', 'false', 'off'].includes(def)) defaultParagraph = id;
  }
  return { styles, defaultParagraph };
}

/** numPr of a style, following basedOn. */
function styleNumPr(styles: Map<string, Style>, id: string): { numId?: string; ilvl?: number } | undefined {
  let ilvl: number | undefined;
  for (let s = styles.get(id), hops = 0; s && hops < 20; s = s.basedOn ? styles.get(s.basedOn) : undefined, hops++) {
    if (ilvl === undefined && s.ilvl !== undefined) ilvl = s.ilvl;
    if (s.numId !== undefined) return { numId: s.numId, ilvl };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Text

/** Elements whose content is not part of the paragraph's running text. */
const SKIP = new Set(['del', 'moveFrom', 'instrText', 'delText', 'delInstrText', 'drawing', 'pict', 'object', 'footnoteReference', 'endnoteReference', 'commentReference', 'rPr', 'pPr', 'fldData', 'sectPr', 'annotationRef', 'footnoteRef', 'endnoteRef', 'separator', 'continuationSeparator']);

/** mc:AlternateContent: its mc:Fallback, the form every reader understands. */
function fallbackOf(el: El): El | undefined {
  if (el.localName !== 'AlternateContent') return undefined;
  for (let c = el.firstChild; c; c = c.nextSibling) if (c.nodeType === 1 && (c as El).localName === 'Fallback') return c as El;
  return undefined;
}

/**
 * Walks the running text of a paragraph (or any container) in order, calling `visit` with each piece of text
 * and the element it comes from (a w:t, or a w:tab/w:br/… standing for one character). The reader builds the
 * text from it; the annotator uses it to find the runs under an offset, so both agree character for character.
 */
export function walkText(e: El, visit: (text: string, el: El) => void): void {
  for (let c = e.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== 1) continue;
    const el = c as El;
    if (!W_NS.has(el.namespaceURI ?? '')) {
      // mc:AlternateContent and the like: read the fallback only.
      const fb = fallbackOf(el);
      if (fb) walkText(fb, visit);
      continue;
    }
    const name = el.localName ?? '';
    if (SKIP.has(name)) continue;
    if (name === 'r' && onOff(child(child(el, 'rPr'), 'vanish'))) continue;
    switch (name) {
      case 't':
        visit(el.textContent ?? '', el);
        break;
      case 'tab':
      case 'ptab':
        visit('\t', el);
        break;
      case 'br':
        if (!['page', 'column'].includes(attr(el, 'type') ?? '')) visit(' ', el);
        break;
      case 'cr':
        visit(' ', el);
        break;
      case 'noBreakHyphen':
        visit('-', el);
        break;
      case 'softHyphen':
        break;
      case 'p':
        // A paragraph inside a run (text box content in some writers): kept out of this paragraph.
        break;
      default:
        walkText(el, visit);
    }
  }
}

function runText(e: El, out: string[]): void {
  walkText(e, (t) => out.push(t));
}

interface Collector {
  parts: string[];
  paragraphs: DocxParagraph[];
  offset: number;
}

class Reader {
  readonly out: Collector = { parts: [], paragraphs: [], offset: 0 };
  private readonly styles: Map<string, Style>;
  private readonly defaultStyle?: string;
  private readonly numbering: Numbering;

  constructor(stylesDoc: Document | undefined, numberingDoc: Document | undefined) {
    const s = parseStyles(stylesDoc);
    this.styles = s.styles;
    this.defaultStyle = s.defaultParagraph;
    this.numbering = new Numbering(numberingDoc, (id) => styleNumPr(this.styles, id));
  }

  paragraph(p: El, kind: DocxParagraph['kind'], part: string, index: number, keepEmpty: boolean): void {
    const pPr = child(p, 'pPr');
    const styleId = attr(child(pPr, 'pStyle'), 'val') ?? this.defaultStyle;
    const numPr = child(pPr, 'numPr');
    let numId = attr(child(numPr, 'numId'), 'val');
    let ilvlText = attr(child(numPr, 'ilvl'), 'val');
    if (styleId) {
      const fromStyle = styleNumPr(this.styles, styleId);
      if (numId === undefined) numId = fromStyle?.numId;
      if (ilvlText === undefined && fromStyle?.ilvl !== undefined) ilvlText = String(fromStyle.ilvl);
    }
    const pieces: string[] = [];
    runText(p, pieces);
    const body = pieces.join('').replace(/\r\n|[\r\n\u2028\u2029]/g, ' ');
    const hidden = onOff(child(child(pPr, 'rPr'), 'vanish')) && !body;
    if (hidden || (!keepEmpty && !body.trim())) return;
    const label = numId && numId !== '0' ? this.numbering.next(numId, Math.max(0, Math.min(8, Number(ilvlText ?? '0') || 0))) : '';
    const text = label + body;
    const start = this.out.offset;
    this.out.parts.push(text);
    this.out.offset += text.length + 1;
    const para: DocxParagraph = { start, end: start + text.length, kind, part, index, labelLength: label.length };
    const styleName = styleId ? this.styles.get(styleId)?.name : undefined;
    if (styleName) para.styleName = styleName;
    this.out.paragraphs.push(para);
  }

  /** Block-level content: paragraphs, tables (cells row by row), content controls. */
  blocks(container: El, kind: DocxParagraph['kind'], part: string, indexOf: Map<El, number>, keepEmpty: boolean): void {
    for (let c = container.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const el = c as El;
      if (!W_NS.has(el.namespaceURI ?? '')) {
        const fb = fallbackOf(el);
        if (fb) this.blocks(fb, kind, part, indexOf, keepEmpty);
        continue;
      }
      switch (el.localName) {
        case 'p':
          this.paragraph(el, kind, part, indexOf.get(el) ?? -1, keepEmpty);
          break;
        case 'tbl':
          for (const tr of children(el, 'tr')) for (const tc of children(tr, 'tc')) this.blocks(tc, kind === 'body' ? 'table' : kind, part, indexOf, keepEmpty);
          break;
        case 'sdt':
          {
            const content = child(el, 'sdtContent');
            if (content) this.blocks(content, kind, part, indexOf, keepEmpty);
          }
          break;
        case 'customXml':
        case 'ins':
        case 'moveTo':
        case 'sdtContent':
          this.blocks(el, kind, part, indexOf, keepEmpty);
          break;
        default:
          break;
      }
    }
  }
}

/** Every w:p element of a part, in document order (the order DocxParagraph.index counts in). */
export function wParagraphs(doc: Document): El[] {
  const all = doc.getElementsByTagNameNS('*', 'p');
  const out: El[] = [];
  for (let k = 0; k < all.length; k++) {
    const e = all[k] as unknown as El;
    if (W_NS.has(e.namespaceURI ?? '')) out.push(e);
  }
  return out;
}

function paragraphIndex(doc: Document): Map<El, number> {
  return new Map(wParagraphs(doc).map((e, i) => [e, i]));
}

function naturalOrder(a: string, b: string): number {
  const na = Number(/(\d+)\.xml$/.exec(a)?.[1] ?? 0);
  const nb = Number(/(\d+)\.xml$/.exec(b)?.[1] ?? 0);
  return na - nb || (a < b ? -1 : a > b ? 1 : 0);
}

const WANTED = /^word\/(document\d*|styles|numbering|footnotes|endnotes|header\d*)\.xml$|^_rels\/\.rels$/;

/** Reads the text of a .docx. Throws DocxError (with a clear Chinese message) for anything that is not one. */
export function readDocx(data: Uint8Array): DocxText {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        if (!WANTED.test(f.name)) return false;
        if (f.originalSize > MAX_PART) throw new DocxError(`Word 文档中的 ${f.name} 解压后过大（超过 ${MAX_PART / 1024 / 1024} MB），已拒绝`);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof DocxError) throw e;
    throw new DocxError(`不是有效的 Word 文档（.docx）：无法解压（${String((e as Error)?.message ?? e).slice(0, 80)}）`);
  }
  const text = (name: string): string | undefined => {
    const f = files[name];
    if (!f) return undefined;
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(f).replace(/^\uFEFF/, '');
    } catch {
      throw new DocxError(`Word 文档已损坏：${name} 不是 UTF-8 编码的 XML`);
    }
  };
  // The main part is named in _rels/.rels (almost always word/document.xml).
  let mainName = 'word/document.xml';
  const rels = text('_rels/.rels');
  if (rels) {
    const m = /<Relationship\b[^>]*Type="[^"]*\/officeDocument"[^>]*>/.exec(rels);
    const target = m && /Target="\/?([^"]+)"/.exec(m[0])?.[1];
    if (target && files[target]) mainName = target;
  }
  const mainXml = text(mainName);
  if (mainXml === undefined) throw new DocxError('不是有效的 Word 文档（.docx）：缺少 word/document.xml');
  const parsed = (name: string) => {
    const t = text(name);
    return t === undefined ? undefined : parseXml(t, name);
  };
  const main = parseXml(mainXml, mainName);
  const bodyEl = child(main.documentElement!, 'body');
  if (!bodyEl) throw new DocxError(`Word 文档已损坏：${mainName} 中没有正文（w:body）`);
  const reader = new Reader(parsed('word/styles.xml'), parsed('word/numbering.xml'));
  reader.blocks(bodyEl, 'body', mainName, paragraphIndex(main), true);
  for (const [name, tag] of [['word/footnotes.xml', 'footnote'], ['word/endnotes.xml', 'endnote']] as const) {
    const doc = parsed(name);
    if (!doc) continue;
    const index = paragraphIndex(doc);
    for (const note of children(doc.documentElement!, tag)) {
      const type = attr(note, 'type');
      if (type && type !== 'normal') continue;
      reader.blocks(note, 'footnote', name, index, false);
    }
  }
  const seenHeaders = new Set<string>();
  for (const name of Object.keys(files).filter((n) => /^word\/header\d*\.xml$/.test(n)).sort(naturalOrder)) {
    const doc = parsed(name)!;
    const before = reader.out.paragraphs.length;
    const offset = reader.out.offset;
    reader.blocks(doc.documentElement!, 'header', name, paragraphIndex(doc), false);
    // The same header text in several sections (first page, odd, even) is read once.
    const added = reader.out.parts.slice(before).join('\n');
    if (added && seenHeaders.has(added)) {
      reader.out.parts.length = before;
      reader.out.paragraphs.length = before;
      reader.out.offset = offset;
    } else if (added) seenHeaders.add(added);
  }
  return { text: reader.out.parts.join('\n'), paragraphs: reader.out.paragraphs };
}
