import type { ReportDocument } from '../document';
import type { Finding, Suggestion } from '../types';
import { canonicalMarker, displayMarker, formatNumeral, renumberedText, writtenMarker, type Family, type Marker } from './markers';
import { documentStructure, type MarkerList, type StructureNode } from './parse';

/**
 * Runs of a list: each starts at its first item or at an item numbered 1; an item that continues an earlier,
 * still open run (一、二、 [一、二、三、] 三、: the outer list resumes after a nested one written alike) goes back
 * to that run.
 */
export function runsOf(list: MarkerList): Marker[][] {
  const runs: Marker[][] = [];
  const open: Marker[][] = [];
  for (const n of list.items) {
    const m = n.marker!;
    if (!open.length || m.value === 1) {
      const run = [m];
      runs.push(run);
      open.push(run);
      if (open.length > 8) open.shift();
      continue;
    }
    const top = open[open.length - 1];
    if (m.value !== top[top.length - 1].value + 1) {
      let k = open.length - 2;
      while (k >= 0 && open[k][open[k].length - 1].value + 1 !== m.value) k--;
      if (k >= 0) {
        open.length = k + 1;
        open[k].push(m);
        continue;
      }
    }
    top.push(m);
  }
  return runs;
}

/** How `value` of `family` may be written, loosely (any bracket width, any punctuation), for presence checks. */
export function loosePattern(family: Family, value: number): RegExp {
  const cn = formatNumeral('cn-dun', value);
  const ar = `(?:${value}|${formatNumeral('ar-dot', value, '０')})`;
  switch (family) {
    case 'cn-dun':
      return new RegExp(`(?<![一二三四五六七八九十])${cn}[、.．，,]`);
    case 'cn-paren':
      return new RegExp(`[（(]${cn}[）)]`);
    case 'ar-dot':
      return new RegExp(`(?<![0-9０-９.．])${ar}[.．、](?![0-9０-９])`);
    case 'ar-paren':
      return new RegExp(`[（(]${ar}[）)]`);
    case 'circled':
      return new RegExp(formatNumeral('circled', value));
    case 'cn-di':
      return new RegExp(`第${cn}(?![一二三四五六七八九十])`);
    case 'cn-shi':
      return new RegExp(`(?<![一二三四五六七八九十])${cn}是`);
    case 'seq-word':
      return /$^/;
  }
}

/** The marker of `family` numbered `value`, written like `like` (its brackets, punctuation and digit width). */
function show(family: Family, value: number, like?: Marker): string {
  if (like && !like.lostBrackets) return writtenMarker({ ...like, text: renumberedText(like, value), value });
  return canonicalMarker(family, value);
}

/** Renumbers `run` from `from` (only the numerals change): one suggestion, or none when nothing changes. */
export function renumberSuggestion(doc: ReportDocument, run: Marker[], from: number): Suggestion | undefined {
  const changed = run.map((m, i) => ({ m, want: from + i })).filter((x) => x.m.value !== x.want);
  if (!changed.length) return undefined;
  const first = changed[0].m;
  const last = changed[changed.length - 1].m;
  let text = '';
  let pos = first.start;
  for (const { m, want } of changed) {
    text += doc.text.slice(pos, m.start) + renumberedText(m, want);
    pos = m.end;
  }
  const seq = run.map((m, i) => writtenMarker({ ...m, text: renumberedText(m, from + i), value: from + i }));
  const preview = seq.length > 8 ? `${seq.slice(0, 7).join(' ')} … ${seq[seq.length - 1]}` : seq.join(' ');
  return { desc: `依次重新编号（只改编号）：${preview}`, fix: { range: [first.start, last.end], text } };
}



/** Lookups over a document's lists, built once per check. */
class ListIndex {
  private readonly byParent = new Map<StructureNode, Map<Family, MarkerList>>();
  private readonly firstStart = new Map<string, number>();
  private readonly restarts = new Map<string, boolean>();

  constructor(private readonly lists: MarkerList[], nodes: StructureNode[]) {
    for (const l of lists) {
      if (!this.byParent.has(l.parent)) this.byParent.set(l.parent, new Map());
      this.byParent.get(l.parent)!.set(l.family, l);
    }
    for (const n of nodes) {
      const m = n.marker;
      if (!m) continue;
      const key = `${m.lostBrackets ? 'cn-paren' : m.family}:${m.value}`;
      if (!this.firstStart.has(key)) this.firstStart.set(key, m.start);
    }
  }

  /** The list of the same family under the parent's previous sibling of the same level, if any. */
  previousCousin(list: MarkerList): MarkerList | undefined {
    const parent = list.parent;
    const grand = parent.parent;
    if (!grand || !parent.marker) return undefined;
    const siblings = grand.children;
    for (let i = siblings.lastIndexOf(parent) - 1; i >= 0; i--) {
      const s = siblings[i];
      if (!s.marker || s.marker.family !== parent.marker.family) continue;
      return this.byParent.get(s)?.get(list.family);
    }
    return undefined;
  }

  /** Whether an item of family `f` numbered one less than `m` comes earlier in the document. */
  earlier(f: Family, m: Marker): boolean {
    const at = this.firstStart.get(`${f}:${m.value - 1}`);
    return at !== undefined && at < m.start;
  }

  /** Whether lists of this family under parents of this level mostly restart at 1 after a first section. */
  restartsMostly(list: MarkerList): boolean {
    const pf = list.parent.marker?.family;
    const key = `${list.family}:${pf}`;
    let r = this.restarts.get(key);
    if (r === undefined) {
      let restart = 0;
      let cont = 0;
      for (const l of this.lists) {
        if (l.family !== list.family || l.parent.marker?.family !== pf) continue;
        const cousin = this.previousCousin(l);
        if (!cousin) continue;
        const v = l.items[0].marker!.value;
        if (v === 1) restart++;
        else if (v === cousin.items[cousin.items.length - 1].marker!.value + 1) cont++;
      }
      r = restart > 0 && restart >= cont;
      this.restarts.set(key, r);
    }
    return r;
  }
}

/** Where to look for earlier items a list's first item may continue: the enclosing section of a higher level. */
function searchStart(parent: StructureNode): number {
  let p: StructureNode | null = parent;
  while (p && p.parent && p.marker && p.marker.family !== 'cn-dun' && p.marker.family !== 'cn-paren') p = p.parent;
  return p ? p.range[0] : 0;
}


/** Findings of `numbering-sequence`: gaps, repeats, steps back, wrong starts, numbering continued across parents. */
export function numberingSequenceFindings(doc: ReportDocument): Finding[] {
  const s = documentStructure(doc);
  const index = new ListIndex(s.lists, s.nodes);
  const out: Finding[] = [];
  for (const list of s.lists) {
    if (list.family === 'seq-word') continue;
    const f = list.family;
    runsOf(list).forEach((run, r) => {
      const problems: Array<{ m: Marker; message: string; from: number }> = [];
      const first = run[0];
      if (r === 0 && first.value > 1) {
        const cousin = index.previousCousin(list);
        const cousinLast = cousin?.items[cousin.items.length - 1].marker;
        const window = doc.text.slice(Math.max(searchStart(list.parent), first.start - 3000), first.start);
        if (cousinLast && cousinLast.value === first.value - 1) {
          // Numbering straight through the sections (（一）…（三） under 一、, （四） under 二、) is a convention of
          // its own: only reported where the document restarts its other sections.
          if (!index.restartsMostly(list)) return;
          problems.push({
            m: first,
            from: 1,
            message: `编号跨上级延续：“${displayMarker(list.parent.marker!)}”下的“${writtenMarker(first)}”接续了上一节的编号，应从“${show(f, 1, first)}”重新开始`,
          });
        } else if (!cousinLast && !index.earlier(f, first) && !loosePattern(f, first.value - 1).test(window) && !loosePattern(f, 1).test(window)) {
          problems.push({ m: first, from: 1, message: `编号从“${writtenMarker(first)}”开始，前面没有“${show(f, 1, first)}”` });
        }
      }
      const from = first.value;
      for (let i = 1; i < run.length; i++) {
        const p = run[i - 1];
        const m = run[i];
        if (m.value === p.value + 1) continue;
        const expected = show(f, p.value + 1, m);
        if (m.value === p.value) {
          problems.push({ m, from, message: `编号重复：“${writtenMarker(p)}”之后又是“${writtenMarker(m)}”，应为“${expected}”` });
        } else if (m.value > p.value + 1) {
          // The missing item may be there in a form we do not take as a marker: then it is not missing.
          const between = doc.text.slice(p.end, m.start);
          let present = false;
          for (let v = p.value + 1; v < m.value && !present; v++) present = loosePattern(f, v).test(between);
          if (present) continue;
          const missing = m.value === p.value + 2 ? `“${expected}”` : `“${expected}”至“${show(f, m.value - 1, m)}”`;
          problems.push({ m, from, message: `编号不连续：“${writtenMarker(p)}”之后是“${writtenMarker(m)}”，缺少${missing}` });
        } else {
          problems.push({ m, from, message: `编号倒退：“${writtenMarker(p)}”之后是“${writtenMarker(m)}”，应为“${expected}”` });
        }
      }
      const suggestions = new Map<number, Suggestion | undefined>();
      for (const pr of problems) {
        if (!suggestions.has(pr.from)) suggestions.set(pr.from, renumberSuggestion(doc, run, pr.from));
        const suggestion = suggestions.get(pr.from);
        out.push({ message: pr.message, range: [pr.m.start, pr.m.end], ...(suggestion ? { suggestions: [suggestion] } : {}) });
      }
    });
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}
