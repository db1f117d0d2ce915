import type { ReportDocument } from '../document';
import type { Range } from '../types';
import { displayMarker, isHeadingFamily } from './markers';
import { documentStructure, type StructureNode } from './parse';

/** One entry of the document outline (LSP DocumentSymbol, in engine terms: offsets). */
export interface OutlineSymbol {
  /** Marker and trimmed heading text: `（一）狠抓进度助力…`. */
  name: string;
  /** `heading` for numbered headings and Markdown headings, `item` for run-in enumeration items (一是, 第一，). */
  kind: 'heading' | 'item';
  /** The whole section. */
  range: Range;
  /** The marker and heading text. */
  selectionRange: Range;
  children: OutlineSymbol[];
}

function symbolOf(n: StructureNode): OutlineSymbol {
  const marker = n.marker ? displayMarker(n.marker) : '';
  const name = (marker + n.title).trim() || (n.headingLevel !== undefined ? '#'.repeat(n.headingLevel) : marker);
  const item = !!n.marker && !n.marker.lostBrackets && !isHeadingFamily(n.marker.family) && n.headingLevel === undefined;
  const selEnd = Math.min(n.selection[1], n.range[1]);
  return {
    name,
    kind: item ? 'item' : 'heading',
    range: [n.range[0], Math.max(n.range[1], selEnd)],
    selectionRange: [n.selection[0], Math.max(n.selection[0], selEnd)],
    children: n.children.map(symbolOf),
  };
}

/** The numbering hierarchy as a nested outline (Outline view, breadcrumbs). */
export function documentOutline(doc: ReportDocument): OutlineSymbol[] {
  return documentStructure(doc).root.children.map(symbolOf);
}

/** A foldable section: 0-based lines, inclusive, plus the offsets it covers. */
export interface FoldingSection {
  startLine: number;
  endLine: number;
  range: Range;
}

/** Folding by section: every heading or item whose section spans more than one line. */
export function foldingRanges(doc: ReportDocument): FoldingSection[] {
  const out: FoldingSection[] = [];
  const seen = new Set<string>();
  for (const n of documentStructure(doc).nodes) {
    const startLine = doc.positionAt(n.range[0]).line;
    const endLine = doc.positionAt(Math.max(n.range[0], n.range[1] - 1)).line;
    if (endLine <= startLine) continue;
    const key = `${startLine}:${endLine}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ startLine, endLine, range: [n.range[0], n.range[1]] });
  }
  return out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}
