import type { ReportDocument } from '../document';
import type { Finding } from '../types';
import { canonicalMarker, displayMarker, FAMILY_RANK, standardForm, writtenMarker, type Family, type Marker } from './markers';
import { documentStructure, type MarkerList, type StructureNode } from './parse';

/** Why a marker's form is not the standard one (GB/T 9704-2012 7.3.3, GB/T 15834-2011 B.3). */
function formReason(m: Marker, want: string): string {
  const t = m.text;
  if (m.family === 'ar-dot' && t.endsWith('、')) return `阿拉伯数字编号后用下脚点：“${t}”应为“${want}”`;
  if (m.family === 'cn-dun') return `汉字数字编号后用顿号：“${t}”应为“${want}”`;
  if (m.family === 'circled') return `带圈编号后不加标点：“${t}”应为“${want}”`;
  const halfWidth = /[()]/.test(t);
  const trailing = /[）)][、.．，,]$/.test(t);
  const spaced = /[ \u3000]/.test(t);
  if (halfWidth && trailing) return `编号应使用全角括号，括号后不加标点：“${t}”应为“${want}”`;
  if (halfWidth) return `编号应使用全角括号：“${t}”应为“${want}”`;
  if (trailing) return `括号编号后不加标点：“${t}”应为“${want}”`;
  if (spaced) return `编号中不应有空格：“${t}”应为“${want}”`;
  return `编号“${t}”应为“${want}”`;
}

/** The level GB/T 9704 puts directly under `f`. */
const NEXT_LEVEL: Partial<Record<Family, Family>> = { 'cn-dun': 'cn-paren', 'cn-paren': 'ar-dot', 'ar-dot': 'ar-paren' };
const CHECKED_LEVELS: readonly Family[] = ['cn-dun', 'cn-paren', 'ar-dot', 'ar-paren'];

function familyOf(n: StructureNode): Family | undefined {
  if (!n.marker) return undefined;
  return n.marker.lostBrackets ? 'cn-paren' : n.marker.family;
}

/**
 * A list that skips a level (（1） directly under 一、) is reported only when the same document elsewhere puts
 * the skipped level under that parent level: the document's own practice decides.
 */
function levelSkips(doc: ReportDocument, lists: MarkerList[]): Finding[] {
  const out: Finding[] = [];
  // Under how many parents of each level the document uses the standard next level, and how many skip it.
  const withNext = new Map<Family, number>();
  const skipping = new Map<Family, number>();
  const byParent = new Map<StructureNode, Set<Family>>();
  for (const l of lists) {
    if (!familyOf(l.parent) || !CHECKED_LEVELS.includes(l.family)) continue;
    if (!byParent.has(l.parent)) byParent.set(l.parent, new Set());
    byParent.get(l.parent)!.add(l.family);
  }
  for (const [parent, families] of byParent) {
    const pf = familyOf(parent)!;
    const expected = NEXT_LEVEL[pf];
    if (!expected) continue;
    if (families.has(expected)) withNext.set(pf, (withNext.get(pf) ?? 0) + 1);
    else if ([...families].some((f) => FAMILY_RANK[f] > FAMILY_RANK[expected])) skipping.set(pf, (skipping.get(pf) ?? 0) + 1);
  }
  for (const l of lists) {
    const pf = familyOf(l.parent);
    if (!pf || !CHECKED_LEVELS.includes(l.family)) continue;
    const expected = NEXT_LEVEL[pf];
    if (!expected || FAMILY_RANK[l.family] <= FAMILY_RANK[expected]) continue;
    // The document's own practice decides: reported only where most parents of this level use the next level.
    const standard = withNext.get(pf) ?? 0;
    if (!standard || standard < (skipping.get(pf) ?? 0)) continue;
    // Every level between must be missing here (a list of the expected level under the same parent is fine).
    if (l.parent.children.some((c) => familyOf(c) === expected)) continue;
    const first = l.items[0].marker!;
    const parentMark = displayMarker(l.parent.marker!);
    const want = canonicalMarker(expected, first.value);
    const changed = l.items.map((it) => it.marker!);
    let text = '';
    let pos = changed[0].start;
    for (const m of changed) {
      text += doc.text.slice(pos, m.start) + canonicalMarker(expected, m.value);
      pos = m.end;
    }
    const preview = changed.map((m) => canonicalMarker(expected, m.value)).join(' ');
    out.push({
      message: `编号层级跳跃：“${parentMark}”的下一级应为“${canonicalMarker(expected, 1)}”，此处直接用了“${displayMarker(first)}”（本文其他“${canonicalMarker(pf, 1).replace(/一|1/, 'N')}”标题下多使用“${canonicalMarker(expected, 1).replace(/一|1/, 'N')}”）`,
      range: [first.start, first.end],
      suggestions: [{ desc: `改为“${want}”一级：${preview}`, fix: { range: [changed[0].start, pos], text } }],
    });
  }
  return out;
}

/**
 * A higher level used below a lower one under the same parent (1. 2. then （一）: the （一） items follow 1. items
 * as siblings), reported only when the document elsewhere puts that level above the other.
 */
function levelInversions(doc: ReportDocument, lists: MarkerList[], nodes: StructureNode[]): Finding[] {
  const out: Finding[] = [];
  // Which (upper, lower) level pairs the document nests the standard way.
  const nested = new Set<string>();
  for (const l of lists) {
    const pf = familyOf(l.parent);
    if (pf && CHECKED_LEVELS.includes(pf) && CHECKED_LEVELS.includes(l.family) && FAMILY_RANK[pf] < FAMILY_RANK[l.family]) nested.add(`${pf}>${l.family}`);
  }
  const byParent = new Map<StructureNode, MarkerList[]>();
  for (const l of lists) {
    if (!CHECKED_LEVELS.includes(l.family)) continue;
    if (!byParent.has(l.parent)) byParent.set(l.parent, []);
    byParent.get(l.parent)!.push(l);
  }
  for (const [parent, group] of byParent) {
    // Under a numbered heading above both levels only (at the top of a document, a list may come before anything).
    const pf = familyOf(parent);
    if (!pf) continue;
    for (const upper of group) {
      if (FAMILY_RANK[pf] >= FAMILY_RANK[upper.family]) continue;
      for (const lower of group) {
        if (FAMILY_RANK[upper.family] >= FAMILY_RANK[lower.family]) continue;
        const firstUpper = upper.items[0].marker!;
        // Lower-level items before the first upper-level one, as its siblings.
        if (lower.items[0].marker!.start > firstUpper.start) continue;
        // A lower list that goes on after the upper items holds them (quoted text: 21.将第四十二条修改为：“…（一）…” 22.…).
        const lastLower = lower.items[lower.items.length - 1].marker!;
        if (lastLower.start > firstUpper.start) continue;
        if (nodes.some((n) => n.marker && n.marker.family === lower.family && n.marker.value === lastLower.value + 1 && n.marker.start > firstUpper.start)) continue;
        if (!nested.has(`${upper.family}>${lower.family}`)) continue;
        const run = upper.items.map((n) => n.marker!).filter((m) => m.start > lower.items[0].marker!.start);
        const below = NEXT_LEVEL[lower.family];
        const upperMark = canonicalMarker(upper.family, 1);
        const lowerMark = canonicalMarker(lower.family, 1);
        const f: Finding = {
          message: `编号层级颠倒：“${writtenMarker(firstUpper)}”出现在“${writtenMarker(lower.items[0].marker!)}”一级的编号之后、与之同级（本文其他部分“${upperMark}”在“${lowerMark}”之上）`,
          range: [firstUpper.start, firstUpper.end],
        };
        if (below && below !== upper.family && run.length) {
          let text = '';
          let pos = run[0].start;
          for (const m of run) {
            text += doc.text.slice(pos, m.start) + canonicalMarker(below, m.value);
            pos = m.end;
          }
          f.suggestions = [{ desc: `改为“${lowerMark}”的下一级：${run.map((m) => canonicalMarker(below, m.value)).join(' ')}`, fix: { range: [run[0].start, pos], text } }];
        }
        out.push(f);
      }
    }
  }
  return out;
}

/** Findings of `numbering-style`: marker forms, lost brackets, headings run into the text, skipped levels. */
export function numberingStyleFindings(doc: ReportDocument): Finding[] {
  const s = documentStructure(doc);
  const out: Finding[] = [];
  for (const n of s.nodes) {
    const m = n.marker;
    if (!m) continue;
    if (m.lostBrackets) {
      const want = canonicalMarker('cn-paren', m.value);
      out.push({
        message: `编号“${m.text}”缺少括号，二级标题应为“${want}”`,
        range: [m.start, m.end],
        fix: { range: [m.start, m.end], text: want },
      });
      continue;
    }
    const want = standardForm(m);
    if (want !== m.text) {
      out.push({ message: formReason(m, want), range: [m.start, m.end], fix: { range: [m.start, m.end], text: want } });
    }
    // A heading of its own level run into the text before it (三、2024年工作计划1.继续… · …续建项目:无2.计划…):
    // headings (（一）, 1.) start their own paragraph; run-in lists use 一是, （1）. (A line of its own inside a
    // Markdown paragraph is fine.)
    if (m.placement === 'run-in' && (m.family === 'ar-dot' || m.family === 'cn-paren') && !/\n[ \t\u3000]*$/.test(doc.text.slice(Math.max(0, m.start - 8), m.start))) {
      out.push({
        message: `编号“${m.text}”与前文连在同一段：标题应另起一段`,
        range: [m.start, m.end],
        suggestions: [{ desc: `在“${m.text}”前换行`, fix: { range: [m.start, m.start], text: '\n' } }],
      });
    }
  }
  out.push(...levelSkips(doc, s.lists), ...levelInversions(doc, s.lists, s.nodes));
  return out.sort((a, b) => a.range[0] - b.range[0]);
}
