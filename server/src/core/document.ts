import { MASK } from './text';
import type { Paragraph } from './types';

export type DocFormat = 'markdown' | 'plaintext';

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 column. */
  character: number;
}

/**
 * A report document: its text, line table, and the checkable ("masked") text in which everything that is not
 * prose — Markdown syntax, code, URLs, link targets, front matter, HTML comments — is replaced by MASK
 * characters, keeping every offset. Rules read `masked`/`paragraphs`; positions and fixes use offsets into
 * `text`, which are the same.
 */
export class ReportDocument {
  readonly text: string;
  readonly format: DocFormat;
  readonly uri: string;
  readonly masked: string;
  readonly paragraphs: Paragraph[];
  private readonly lineStarts: number[];

  constructor(text: string, format: DocFormat = 'plaintext', uri = '') {
    this.text = text;
    this.format = format;
    this.uri = uri;
    this.lineStarts = computeLineStarts(text);
    this.masked = format === 'markdown' ? maskMarkdown(text) : maskPlain(text);
    this.paragraphs = splitParagraphs(this.masked, format, text);
  }

  static formatFor(fileNameOrLanguage: string): DocFormat {
    return /(^markdown$)|\.(md|markdown|mdx)$/i.test(fileNameOrLanguage) ? 'markdown' : 'plaintext';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.lineStarts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.lineStarts.length) return this.text.length;
    if (pos.line < 0) return 0;
    const start = this.lineStarts[pos.line];
    const next = pos.line + 1 < this.lineStarts.length ? this.lineStarts[pos.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + pos.character, next));
  }

  /** Start offset of a 0-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** End offset of a 0-based line, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > this.lineStart(line) && this.text[end - 1] === '\n') end--;
    if (end > this.lineStart(line) && this.text[end - 1] === '\r') end--;
    return end;
  }

  /** The paragraph containing `offset`, if any. */
  paragraphAt(offset: number): Paragraph | undefined {
    let lo = 0;
    let hi = this.paragraphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = this.paragraphs[mid];
      if (offset < p.start) hi = mid - 1;
      else if (offset >= p.end) lo = mid + 1;
      else return p;
    }
    return undefined;
  }
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Replaces [start, end) of `chars` by MASK, keeping line breaks (so lines and paragraphs survive). */
function maskRange(chars: string[], start: number, end: number): void {
  for (let i = start; i < end && i < chars.length; i++) {
    if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = MASK;
  }
}

const URL_RE = /\b(?:https?|ftp):\/\/[^\s<>"'（）()，。；、“”]+|\bwww\.[A-Za-z0-9-]+\.[^\s<>"'（）()，。；、“”]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const HTML_COMMENT_RE = /<!--[\s\S]*?(?:-->|$)/g;

function maskCommon(chars: string[], text: string): void {
  for (const re of [HTML_COMMENT_RE, URL_RE]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      maskRange(chars, m.index, m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
  }
}

function maskPlain(text: string): string {
  if (!/<!--|:\/\/|www\.|@/.test(text)) return text;
  const chars = text.split('');
  maskCommon(chars, text);
  return chars.join('');
}

/**
 * Masks Markdown syntax. Ordered-list markers (`1.`) are kept: they are report numbering. Indented code blocks
 * are not recognised, because Chinese drafts indent paragraphs with spaces.
 */
function maskMarkdown(text: string): string {
  const chars = text.split('');
  // Line-level constructs.
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  let fence: string | null = null;
  let first = true;
  let inFrontMatter = false;
  while ((m = lineRe.exec(text))) {
    if (m[0].length === 0) break;
    const lineStart = m.index;
    const line = m[0].replace(/[\r\n]+$/, '');
    const lineEnd = lineStart + line.length;
    if (first) {
      first = false;
      if (/^(---|\+\+\+)\s*$/.test(line)) {
        inFrontMatter = true;
        maskRange(chars, lineStart, lineEnd);
        continue;
      }
    }
    if (inFrontMatter) {
      maskRange(chars, lineStart, lineEnd);
      if (/^(---|\+\+\+|\.\.\.)\s*$/.test(line)) inFrontMatter = false;
      continue;
    }
    if (fence) {
      maskRange(chars, lineStart, lineEnd);
      if (new RegExp('^\\s{0,3}' + fence[0] + '{' + fence.length + ',}\\s*$').test(line)) fence = null;
      continue;
    }
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      fence = f[1];
      maskRange(chars, lineStart, lineEnd);
      continue;
    }
    // Thematic break: *** --- ___ (with optional spaces).
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      maskRange(chars, lineStart, lineEnd);
      continue;
    }
    // Table delimiter row.
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)+\|?\s*$/.test(line)) {
      maskRange(chars, lineStart, lineEnd);
      continue;
    }
    // Link reference definitions.
    const ref = /^\s{0,3}\[[^\]]+\]:\s*\S.*$/.exec(line);
    if (ref) {
      maskRange(chars, lineStart, lineEnd);
      continue;
    }
    // Container prefixes: blockquote markers, then heading hashes or bullet markers.
    let p = 0;
    const bq = /^(\s{0,3}>\s?)+/.exec(line);
    if (bq) {
      maskRange(chars, lineStart, lineStart + bq[0].length);
      p = bq[0].length;
    }
    const rest = line.slice(p);
    const h = /^\s{0,3}#{1,6}(\s+|$)/.exec(rest);
    const b = /^\s*[-*+]\s+(\[[ xX]\]\s+)?/.exec(rest);
    const prefix = h ?? b;
    if (prefix) maskRange(chars, lineStart + p, lineStart + p + prefix[0].length);
    if (h) {
      // Closing hashes of an ATX heading.
      const close = /\s+#+\s*$/.exec(line);
      if (close && close.index > p + h[0].length) maskRange(chars, lineStart + close.index, lineEnd);
    }
  }

  const src = chars.join('');
  // Inline constructs, on the partly masked text so that code blocks are not re-read.
  const inline: Array<[RegExp, (mm: RegExpExecArray) => Array<[number, number]>]> = [
    // Inline code.
    [/(`+)[^`]*?\1/g, (mm) => [[mm.index, mm.index + mm[0].length]]],
    // Images: all of it.
    [/!\[[^\]\n]*\]\([^)\n]*\)/g, (mm) => [[mm.index, mm.index + mm[0].length]]],
    // Links: keep the text, mask the brackets and the target.
    [/\[([^\]\n]*)\](\([^)\n]*\)|\[[^\]\n]*\])/g, (mm) => [
      [mm.index, mm.index + 1],
      [mm.index + 1 + mm[1].length, mm.index + mm[0].length],
    ]],
    // Autolinks and HTML tags.
    [/<(?:https?:\/\/|mailto:)[^>\s]*>|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?\/?>/g, (mm) => [[mm.index, mm.index + mm[0].length]]],
    // Backslash escapes: mask the backslash only.
    [/\\(?=[\\`*_{}[\]()#+\-.!|<>~])/g, (mm) => [[mm.index, mm.index + 1]]],
  ];
  for (const [re, spans] of inline) {
    let mm: RegExpExecArray | null;
    while ((mm = re.exec(src))) {
      for (const [s, e] of spans(mm)) maskRange(chars, s, e);
    }
  }
  maskEmphasis(chars);
  const joined = chars.join('');
  maskCommon(chars, joined);
  return chars.join('');
}

const PUNCT_OR_SPACE = /[\s\p{P}\p{S}]/u;

/**
 * Emphasis markers (`**重点**`, `*强调*`, `__x__`) are syntax. A run of `*` is only taken as emphasis when a
 * matching closing run follows on the same line, both are flanking in the CommonMark sense, and the content
 * holds at least two letters or Han characters — so `增速*%以上`, `**镇**区` and `***.**万元` stay visible
 * to the placeholder rule.
 */
function maskEmphasis(chars: string[]): void {
  const s = chars.join('');
  const runRe = /(\*+|_{2,})/g;
  type Run = { start: number; len: number; ch: string };
  const runs: Run[] = [];
  let m: RegExpExecArray | null;
  while ((m = runRe.exec(s))) runs.push({ start: m.index, len: m[0].length, ch: m[0][0] });
  const used = new Set<number>();
  for (let i = 0; i < runs.length; i++) {
    if (used.has(i)) continue;
    const open = runs[i];
    const after = s[open.start + open.len];
    const before = s[open.start - 1];
    if (open.len > 3 || after === undefined || /\s/.test(after)) continue;
    // Left-flanking: next not punctuation, or punctuation preceded by space/punctuation/start.
    if (PUNCT_OR_SPACE.test(after) && !(before === undefined || PUNCT_OR_SPACE.test(before))) continue;
    for (let j = i + 1; j < runs.length; j++) {
      const close = runs[j];
      if (close.ch !== open.ch || close.len !== open.len) continue;
      const between = s.slice(open.start + open.len, close.start);
      if (/[\r\n]/.test(between)) break;
      const prev = s[close.start - 1];
      const next = s[close.start + close.len];
      if (/\s/.test(prev)) continue;
      if (PUNCT_OR_SPACE.test(prev) && !(next === undefined || PUNCT_OR_SPACE.test(next))) continue;
      const letters = between.match(/[\p{L}]/gu)?.length ?? 0;
      if (letters < 2) break;
      for (let k = 0; k < open.len; k++) chars[open.start + k] = MASK;
      for (let k = 0; k < close.len; k++) chars[close.start + k] = MASK;
      used.add(j);
      break;
    }
  }
}

/**
 * Plain text: every line is a paragraph. Markdown: runs of non-blank lines, split before headings, list items,
 * blockquotes and table rows.
 */
function splitParagraphs(masked: string, format: DocFormat, text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const lineRe = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  let m: RegExpExecArray | null;
  let cur: { start: number; end: number } | null = null;
  const flush = () => {
    if (cur) {
      const text = masked.slice(cur.start, cur.end);
      if (/[^\s\u001A]/.test(text)) out.push({ start: cur.start, end: cur.end, text, index: out.length });
      cur = null;
    }
  };
  while ((m = lineRe.exec(masked))) {
    if (m[0].length === 0) break;
    const start = m.index;
    const body = m[0].replace(/[\r\n]+$/, '');
    const end = start + body.length;
    const blank = !/[^\s\u001A]/.test(body);
    if (format === 'plaintext') {
      cur = { start, end };
      flush();
      continue;
    }
    if (blank) {
      flush();
      continue;
    }
    const original = body;
    const startsBlock = /^\s*\u001A+/.test(original) || /^\s{0,3}\d+[.)、]\s/.test(original) || /^\s*\|/.test(original);
    if (cur && startsBlock) flush();
    if (cur) (cur as { start: number; end: number }).end = end;
    else cur = { start, end };
    // An ATX heading is a paragraph of its own.
    if (/^\s{0,3}(>\s?)*#{1,6}(\s|$)/.test(text.slice(start, end))) flush();
  }
  flush();
  return out;
}
