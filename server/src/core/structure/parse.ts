import type { ReportDocument } from '../document';
import type { Paragraph, Range } from '../types';
import { FAMILY_RANK, isHeadingFamily, matchBareNumeralAt, matchMarkerAt, type Family, type Marker, type Placement } from './markers';

/**
 * The numbering structure of a document: every numbered heading and enumeration item as a tree node, nested by
 * level (一、 > （一） > 1. > （1） > ① > 第一， > 一是 > 首先), under Markdown `#` headings where there are any.
 */
export interface StructureNode {
  /** The numbering marker; absent for the root and for Markdown headings without one. */
  marker?: Marker;
  /** A Markdown ATX heading: its level (1–6). */
  headingLevel?: number;
  /** The heading text after the marker, trimmed (may be empty). */
  title: string;
  /** Marker and title. */
  selection: Range;
  /** The whole section: from the marker to the start of the next node that is not inside it (trimmed). */
  range: Range;
  children: StructureNode[];
  parent: StructureNode | null;
}

/** The items of one family directly under one parent, in document order. */
export interface MarkerList {
  family: Family;
  parent: StructureNode;
  items: StructureNode[];
}

export interface DocumentStructure {
  root: StructureNode;
  /** Every node except the root, in document order. */
  nodes: StructureNode[];
  lists: MarkerList[];
}

const cache = new WeakMap<ReportDocument, DocumentStructure>();

/** The document's numbering structure (computed once per document object). */
export function documentStructure(doc: ReportDocument): DocumentStructure {
  let s = cache.get(doc);
  if (!s) {
    s = buildStructure(doc);
    cache.set(doc, s);
  }
  return s;
}

const SKIP = /[ \t\u3000\u001A\u00A0]/;
const SENTENCE_END = '。！？；;!?：:';
const CLAUSE_END = '，,、';
const CLOSERS = '”’）)】」』';

/** How position `i` of a paragraph's text is placed: after what boundary a marker there would stand. */
function placementAt(t: string, i: number): Placement | 'inline' {
  let j = i - 1;
  while (j >= 0 && SKIP.test(t[j])) j--;
  if (j < 0) return 'paragraph';
  const c = t[j];
  if (SENTENCE_END.includes(c)) return 'sentence';
  if (CLOSERS.includes(c) && j > 0 && '。！？；'.includes(t[j - 1])) return 'sentence';
  if (CLAUSE_END.includes(c)) return 'clause';
  if (j < i - 1 && !/[0-9０-９.．A-Za-z]/.test(c)) return 'space';
  return 'inline';
}

function prevVisible(t: string, i: number): string {
  let j = i - 1;
  while (j >= 0 && SKIP.test(t[j])) j--;
  return j >= 0 ? t[j] : '';
}

function accepts(family: Family, placement: Placement | 'inline'): boolean {
  if (placement === 'inline') return false;
  if (placement === 'clause') return family === 'cn-shi' || family === 'cn-di' || family === 'seq-word' || family === 'ar-paren' || family === 'circled';
  return true;
}

/** Characters before 一 that make 一是 part of a word (统一是, 唯一是…). */
const WORD_BEFORE_YI = '统唯单同专逐归整合之其万第划均齐不一';

interface Candidate extends Marker {
  /** Only for lost-bracket candidates: where the heading sentence ends. */
  sentenceEnd?: number;
}

/** Characters a numbering marker can start with (一、 （一） 第一 首先 1. （1） ①), by code: looked up at every character. */
const MARKER_START = new Uint8Array(65536);
for (const c of '一二三四五六七八九十（(第首其再最0123456789０１２３４５６７８９') MARKER_START[c.charCodeAt(0)] = 1;
MARKER_START.fill(1, 0x2460, 0x2474); // ① … ⑳

function scanParagraph(p: Paragraph, out: Candidate[], bare: Candidate[], quotedFrom: boolean): void {
  const t = p.text;
  let lastHeadingEnd = -1; // end (paragraph offset) of the last heading marker at a boundary
  let lastHeadingRank = 0;
  let lastArDot: Candidate | undefined;
  let lastArParen: Candidate | undefined;
  const make = (i: number, m: NonNullable<ReturnType<typeof matchMarkerAt>>, placement: Placement): Candidate => ({
    family: m.family,
    value: m.value,
    start: p.start + i,
    end: p.start + i + m.len,
    numStart: p.start + i + m.numOffset,
    numEnd: p.start + i + m.numOffset + m.numLen,
    text: t.slice(i, i + m.len),
    placement,
    paragraph: p.index,
  });
  // Quoted text (a quoted amendment, a cited document) numbers its own items: they are not this document's.
  let quote = quotedFrom ? 1 : 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x201c /* “ */) quote++;
    else if (c === 0x201d /* ” */) quote = Math.max(0, quote - 1);
    if (quote > 0) continue;
    if (!MARKER_START[c]) continue;
    const placement = placementAt(t, i);
    // Inside a sentence a marker only counts right after a heading or as the next item of a run-in list.
    if (placement === 'inline' && !(lastHeadingEnd >= 0 && i - lastHeadingEnd <= 40) && !lastArDot && !lastArParen) continue;
    const m = matchMarkerAt(t, i);
    if (m) {
      let accepted: Placement | undefined = accepts(m.family, placement) ? (placement as Placement) : undefined;
      // ① after a full stop is a footnote mark (…的语言”。②); as an item it follows a colon or semicolon.
      if (m.family === 'circled' && accepted === 'sentence' && !/[：:；;]/.test(prevVisible(t, i))) accepted = undefined;
      if (!accepted && placement === 'inline') {
        // A heading that runs into its first item: 三、2024年工作计划1.继续… · （一）…层级一是要…
        const between = lastHeadingEnd >= 0 ? t.slice(lastHeadingEnd, i) : '';
        if (m.value === 1 && lastHeadingEnd >= 0 && between.length >= 2 && between.length <= 40 && !/[。！？；;!?]/.test(between)) {
          const plain = !/[，,：:]/.test(between);
          if ((m.family === 'ar-dot' || m.family === 'ar-paren' || m.family === 'cn-paren') && plain && FAMILY_RANK[m.family] > lastHeadingRank) accepted = 'run-in';
          if (m.family === 'cn-shi' && !WORD_BEFORE_YI.includes(t[i - 1]) && t.slice(i, i + 400).includes('二是')) accepted = 'run-in';
        }
        // The next item of a run-in list: …续建项目:无2.计划开工项目…
        const prev = m.family === 'ar-dot' ? lastArDot : m.family === 'ar-paren' ? lastArParen : undefined;
        if (prev && m.value === prev.value + 1 && !/[0-9０-９]/.test(t[i - 1] ?? '')) accepted = 'run-in';
      }
      if (accepted) {
        const cand = make(i, m, accepted);
        out.push(cand);
        if (isHeadingFamily(m.family)) {
          lastHeadingEnd = i + m.len;
          lastHeadingRank = FAMILY_RANK[m.family];
          // A new heading above a run-in list ends it.
          if (lastArDot && FAMILY_RANK[m.family] < FAMILY_RANK['ar-dot']) lastArDot = undefined;
          if (lastArParen && FAMILY_RANK[m.family] < FAMILY_RANK['ar-paren']) lastArParen = undefined;
        }
        if (m.family === 'ar-dot') lastArDot = cand;
        if (m.family === 'ar-paren') lastArParen = cand;
        i += m.len - 1;
        continue;
      }
    }
    if (!m && (placement === 'paragraph' || placement === 'sentence' || placement === 'space')) {
      const b = matchBareNumeralAt(t, i);
      if (b) {
        const cand = make(i, b, placement);
        cand.lostBrackets = true;
        // The heading sentence: ends at 。 (or the paragraph) within 40 characters.
        const rest = t.slice(i, i + 42);
        const stop = rest.search(/[。！？；;!?\n]/);
        if (stop > 0 && stop <= 40) cand.sentenceEnd = p.start + i + stop + 1;
        else if (t.length - i <= 40 && !/[，,：:]/.test(t.slice(i))) cand.sentenceEnd = p.end;
        if (cand.sentenceEnd !== undefined && !/[，,]/.test(t.slice(i, cand.sentenceEnd - p.start))) bare.push(cand);
      }
    }
  }
}

/**
 * Paragraphs inside a quotation that spans paragraphs: one opened by a paragraph that starts with “ and leaves it
 * open, up to the paragraph that closes it (at most 60 paragraphs; an unclosed quote quotes nothing).
 */
function quotedParagraphs(paras: Paragraph[]): Set<number> {
  const out = new Set<number>();
  const balance = (t: string) => {
    let b = 0;
    for (const ch of t) {
      if (ch === '“') b++;
      else if (ch === '”') b--;
    }
    return b;
  };
  for (let i = 0; i < paras.length; i++) {
    if (!/^[\s\u001A]*“/.test(paras[i].text) || balance(paras[i].text) <= 0) continue;
    let depth = balance(paras[i].text);
    let j = i + 1;
    while (j < paras.length && j <= i + 60 && depth > 0) depth += balance(paras[j++].text);
    if (depth > 0) continue;
    for (let k = i + 1; k < j; k++) out.add(k);
    i = j - 1;
  }
  return out;
}

function isAtxHeading(doc: ReportDocument, p: Paragraph): number | undefined {
  if (doc.format !== 'markdown') return undefined;
  const m = /^\s{0,3}(?:>\s?)*(#{1,6})(?:\s|$)/.exec(doc.text.slice(p.start, p.end));
  return m ? m[1].length : undefined;
}

function rankOf(n: StructureNode): number {
  return n.marker ? FAMILY_RANK[n.marker.lostBrackets ? 'cn-paren' : n.marker.family] : 0;
}

/**
 * Heading text after a marker: up to a sentence end, a space gap, the next marker or 24 characters. A Markdown
 * heading (`wholeLine`) is a title throughout: a space inside it (## 一、 总体情况 · ## 第一部分 总体情况) does not end it.
 */
function titleAfter(doc: ReportDocument, from: number, limit: number, runIn: boolean, wholeLine = false): { title: string; end: number } {
  const t = doc.masked;
  let i = from;
  while (i < limit && SKIP.test(t[i])) i++;
  const start = i;
  const stops = runIn ? /[。！？；;!?：:，,\r\n]/ : /[。！？；;!?：:\r\n]/;
  while (i < limit && !stops.test(t[i])) {
    if (!wholeLine && i - start >= 2 && /[ \u3000]/.test(t[i])) break;
    i++;
  }
  let end = i;
  while (end > start && SKIP.test(t[end - 1])) end--;
  const raw = doc.text.slice(start, end);
  const chars = Array.from(raw);
  const title = chars.length > 24 ? chars.slice(0, 23).join('') + '…' : raw;
  return { title, end };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s\u001A]/.test(text[e - 1])) e--;
  return e;
}

function buildStructure(doc: ReportDocument): DocumentStructure {
  const found: Candidate[] = [];
  const bare: Candidate[] = [];
  const headings = new Map<number, number>();
  const quoted = quotedParagraphs(doc.paragraphs);
  for (const p of doc.paragraphs) {
    scanParagraph(p, found, bare, quoted.has(p.index));
    const h = isAtxHeading(doc, p);
    if (h) headings.set(p.index, h);
  }
  found.sort((a, b) => a.start - b.start);
  const bareByParagraph = new Map<number, Candidate[]>();
  for (const b of bare) {
    if (!bareByParagraph.has(b.paragraph)) bareByParagraph.set(b.paragraph, []);
    bareByParagraph.get(b.paragraph)!.push(b);
  }

  // Events in document order: Markdown headings (with a leading marker, if any) and markers.
  type Event = { kind: 'heading'; p: Paragraph; level: number; marker?: Candidate } | { kind: 'marker'; marker: Candidate };
  const events: Event[] = [];
  let k = 0;
  for (const p of doc.paragraphs) {
    const level = headings.get(p.index);
    const inPara: Candidate[] = [];
    while (k < found.length && found[k].start < p.end) inPara.push(found[k++]);
    const bareHere = bareByParagraph.get(p.index) ?? [];
    let first = true;
    const all = [...inPara, ...bareHere].sort((a, b) => a.start - b.start);
    for (const m of all) {
      if (level !== undefined && first && m.placement === 'paragraph' && !m.lostBrackets) {
        events.push({ kind: 'heading', p, level, marker: m });
      } else {
        if (level !== undefined && first) events.push({ kind: 'heading', p, level });
        events.push({ kind: 'marker', marker: m });
      }
      first = false;
    }
    if (level !== undefined && first) events.push({ kind: 'heading', p, level });
  }

  const root: StructureNode = { title: '', selection: [0, 0], range: [0, doc.text.length], children: [], parent: null };
  const nodes: StructureNode[] = [];
  const stack: StructureNode[] = [root];
  const close = (n: StructureNode, at: number) => {
    n.range[1] = Math.max(n.range[0], trimEnd(doc.text, n.range[0], at));
  };
  const push = (n: StructureNode) => {
    const parent = stack[stack.length - 1];
    n.parent = parent;
    parent.children.push(n);
    stack.push(n);
    nodes.push(n);
  };
  const popWhile = (pred: (top: StructureNode) => boolean, at: number) => {
    while (stack.length > 1 && pred(stack[stack.length - 1])) close(stack.pop()!, at);
  };
  const realMarkers = found;
  const byFamily = new Map<Family, StructureNode[]>();
  for (let e = 0; e < events.length; e++) {
    const ev = events[e];
    if (ev.kind === 'heading') {
      const start = ev.p.start;
      popWhile((top) => top.headingLevel === undefined || top.headingLevel >= ev.level, start);
      const from = ev.marker ? ev.marker.end : start;
      const { title, end } = titleAfter(doc, from, ev.p.end, false, true);
      let s = start;
      while (s < ev.p.end && /[\s\u001A]/.test(doc.masked[s])) s++;
      push({ marker: ev.marker, headingLevel: ev.level, title, selection: [ev.marker?.start ?? s, Math.max(end, ev.marker?.end ?? s)], range: [start, doc.text.length], children: [], parent: null });
      continue;
    }
    const m = ev.marker;
    const family: Family = m.lostBrackets ? 'cn-paren' : m.family;
    const rank = FAMILY_RANK[family];
    const stops = (top: StructureNode) => top.headingLevel !== undefined && !(top.marker && rankOf(top) >= rank);
    // Which node would be the parent.
    let depth = stack.length - 1;
    const top = stack[depth];
    const sibling = m.value > 1 ? previousInStack(byFamily.get(family), m.value - 1, stack) : undefined;
    if (sibling) {
      // The next item of a list still open above: 第二， after a 第一， that held a list of its own.
      depth = stack.indexOf(sibling.parent!);
    } else if (m.value === 1 && isHeadingFamily(family) && m.placement === 'paragraph' && top.marker?.family === 'cn-di' && top.marker.placement === 'paragraph') {
      // Older reports nest 一、 or （一） lists inside 第一， points: keep the document's own hierarchy.
    } else {
      while (depth > 0 && !stops(stack[depth]) && rankOf(stack[depth]) >= rank) depth--;
    }
    if (m.lostBrackets && !acceptLostBrackets(doc, m, stack[depth], realMarkers)) continue;
    while (stack.length - 1 > depth) close(stack.pop()!, m.start);
    const p = doc.paragraphs[m.paragraph];
    const runIn = !isHeadingFamily(m.family);
    const nx = firstAtOrAfter(realMarkers, m.end);
    const nextInPara = nx < realMarkers.length && realMarkers[nx].paragraph === m.paragraph ? realMarkers[nx] : undefined;
    const { title, end } = titleAfter(doc, m.end, nextInPara ? nextInPara.start : p.end, runIn);
    const node: StructureNode = { marker: m, title, selection: [m.start, Math.max(end, m.end)], range: [m.start, doc.text.length], children: [], parent: null };
    push(node);
    if (!byFamily.has(family)) byFamily.set(family, []);
    byFamily.get(family)!.push(node);
  }
  while (stack.length > 1) close(stack.pop()!, doc.text.length);
  // Run-in items end with their paragraph.
  for (const n of nodes) {
    if (n.marker && !isHeadingFamily(n.marker.family) && !n.marker.lostBrackets && n.headingLevel === undefined) {
      const p = doc.paragraphs[n.marker.paragraph];
      if (n.range[1] > p.end) n.range[1] = trimEnd(doc.text, n.range[0], p.end);
    }
  }
  return { root, nodes, lists: collectLists(root) };
}

/** Index of the first marker (sorted by start) that starts at or after `offset`. */
function firstAtOrAfter(markers: readonly Marker[], offset: number): number {
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (markers[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The latest node of a family numbered `value` whose parent is still open (on the stack). */
function previousInStack(nodes: StructureNode[] | undefined, value: number, stack: StructureNode[]): StructureNode | undefined {
  if (!nodes) return undefined;
  // Recent items only: a list picked up again after many others is not a continuation.
  for (let i = nodes.length - 1; i >= Math.max(0, nodes.length - 64); i--) {
    const n = nodes[i];
    if (n.marker!.value !== value || !stack.includes(n.parent!)) continue;
    // It must still be the parent's latest item at its level or above (no （六） between 第一， and 第二，).
    const sibs = n.parent!.children;
    const rank = FAMILY_RANK[n.marker!.family];
    for (let j = sibs.length - 1; j >= 0 && sibs[j] !== n; j--) {
      const c = sibs[j];
      if (c.marker && FAMILY_RANK[c.marker.family] <= rank) return undefined;
    }
    return n;
  }
  return undefined;
}

/**
 * A bare numeral is a heading that lost its brackets when the level below 一、 expects exactly that number
 * there, the sentence is heading-short, and a first item (一是, 1., 第一，, （1）) follows it at once.
 */
function acceptLostBrackets(doc: ReportDocument, m: Candidate, parent: StructureNode, markers: Candidate[]): boolean {
  if (m.sentenceEnd === undefined) return false;
  if (!(parent.marker?.family === 'cn-dun' || (parent.headingLevel !== undefined && !parent.marker))) return false;
  const siblings = parent.children.filter((c) => c.marker && (c.marker.family === 'cn-paren' || c.marker.lostBrackets));
  const last = siblings[siblings.length - 1]?.marker?.value ?? 0;
  if (m.value !== last + 1) return false;
  const next = markers[firstAtOrAfter(markers, m.sentenceEnd)];
  if (!next || next.value !== 1 || FAMILY_RANK[next.family] <= FAMILY_RANK['cn-paren']) return false;
  const gap = doc.masked.slice(m.sentenceEnd, next.start);
  return /^[\s\u001A]*$/.test(gap);
}

function collectLists(root: StructureNode): MarkerList[] {
  const lists: MarkerList[] = [];
  const walk = (n: StructureNode) => {
    const byFamily = new Map<Family, MarkerList>();
    for (const c of n.children) {
      if (c.marker) {
        const f: Family = c.marker.lostBrackets ? 'cn-paren' : c.marker.family;
        let l = byFamily.get(f);
        if (!l) {
          l = { family: f, parent: n, items: [] };
          byFamily.set(f, l);
          lists.push(l);
        }
        l.items.push(c);
      }
      walk(c);
    }
  };
  walk(root);
  return lists;
}
