import type { Document, Element, Node } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { parseXml, walkText, wParagraphs, xmldom, W_NS, type DocxText, type DocxParagraph } from '../core/docx';
import { applyFixes } from '../core/fix';
import type { Diagnostic } from '../core/types';
import { ruleById } from '../rules';
import { proposal } from './formatters/html';

/**
 * `--annotate DIR`: a reviewed copy of a .docx with a Word comment anchored on the text of each finding (author
 * "report-lint", the message and the proposed correction) and, in `revisions` mode, every safe fix as a tracked
 * change the writer can accept or reject. The original is never touched; in the copy only document.xml, the
 * comments part, its relationship and the content types change — every other part keeps its bytes.
 *
 * Anchoring uses the reader's own text walk (core/docx walkText), so offsets agree character for character.
 * Findings inside Word's automatic numbering, in page headers or in footnotes are anchored to a whole
 * paragraph (the numbered paragraph itself; the first body paragraph for headers and footnotes, where Word
 * allows no comments).
 */

export interface AnnotateOptions {
  mode: 'comments' | 'revisions';
  author?: string;
  /** ISO date for comments and revisions (default: now). */
  date?: string;
}

export interface AnnotateResult {
  data: Uint8Array;
  comments: number;
  revisions: number;
}

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const COMMENTS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments';
const COMMENTS_CT = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

type El = Element;

function isW(n: Node | null, local: string): n is El {
  return !!n && n.nodeType === 1 && W_NS.has((n as El).namespaceURI ?? '') && (n as El).localName === local;
}

function wEl(doc: Document, ns: string, local: string, attrs: Record<string, string> = {}): El {
  const prefix = doc.documentElement?.lookupPrefix(ns) ?? 'w';
  const e = doc.createElementNS(ns, `${prefix}:${local}`);
  for (const [k, v] of Object.entries(attrs)) e.setAttributeNS(ns, `${prefix}:${k}`, v);
  return e;
}


interface Piece {
  el: El;
  start: number;
  end: number;
}

function piecesOf(p: El): Piece[] {
  const out: Piece[] = [];
  let pos = 0;
  walkText(p, (text, el) => {
    out.push({ el, start: pos, end: pos + text.length });
    pos += text.length;
  });
  return out;
}

/** The ancestor of `n` that is a direct child of paragraph `p`. */
function topLevel(n: Node, p: El): Node | undefined {
  let cur: Node | null = n;
  while (cur && cur.parentNode !== p) cur = cur.parentNode;
  return cur ?? undefined;
}

function enclosingRun(n: Node): El | undefined {
  let cur: Node | null = n;
  while (cur && !isW(cur, 'r')) cur = cur.parentNode;
  return (cur as El) ?? undefined;
}

/** Makes a run boundary at text offset `at` of paragraph `p` (splits the w:r holding that character). */
function splitAt(p: El, at: number): void {
  const piece = piecesOf(p).find((x) => x.start < at && at < x.end);
  if (!piece || !isW(piece.el, 't')) return;
  const run = enclosingRun(piece.el);
  if (!run || piece.el.parentNode !== run) return;
  const doc = p.ownerDocument!;
  const k = at - piece.start;
  const text = piece.el.textContent ?? '';
  const second = run.cloneNode(false) as El;
  for (let c = run.firstChild; c; c = c.nextSibling) {
    if (isW(c, 'rPr')) second.appendChild(c.cloneNode(true));
  }
  const t2 = piece.el.cloneNode(false) as El;
  t2.setAttribute('xml:space', 'preserve');
  t2.appendChild(doc.createTextNode(text.slice(k)));
  second.appendChild(t2);
  let next = piece.el.nextSibling;
  while (next) {
    const move = next;
    next = next.nextSibling;
    second.appendChild(move);
  }
  while (piece.el.firstChild) piece.el.removeChild(piece.el.firstChild);
  piece.el.appendChild(doc.createTextNode(text.slice(0, k)));
  piece.el.setAttribute('xml:space', 'preserve');
  run.parentNode!.insertBefore(second, run.nextSibling);
}

interface Anchor {
  /** First and last top-level nodes of the paragraph covered (undefined: the whole paragraph). */
  first?: Node;
  last?: Node;
}

/** Top-level nodes covering [ls, le) of the paragraph's run text, after splitAt on both ends. */
function anchorFor(p: El, ls: number, le: number): Anchor {
  const inside = piecesOf(p).filter((x) => x.end > ls && x.start < le && x.end > x.start);
  if (!inside.length) return {};
  return { first: topLevel(enclosingRun(inside[0].el) ?? inside[0].el, p), last: topLevel(enclosingRun(inside[inside.length - 1].el) ?? inside[inside.length - 1].el, p) };
}

function firstContent(p: El): Node | null {
  let c = p.firstChild;
  while (c && isW(c, 'pPr')) c = c.nextSibling;
  return c;
}

interface Planned {
  d: Diagnostic;
  para: DocxParagraph;
  /** Paragraph-relative run-text range, or undefined to anchor the whole paragraph. */
  local?: [number, number];
  note?: string;
  id: number;
}

function paragraphAt(paragraphs: DocxParagraph[], offset: number): DocxParagraph | undefined {
  let lo = 0;
  let hi = paragraphs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = paragraphs[mid];
    if (offset < p.start) hi = mid - 1;
    else if (offset > p.end) lo = mid + 1;
    else return p;
  }
  return undefined;
}

export function commentText(text: string, d: Diagnostic): string {
  const title = ruleById(d.ruleId)?.meta.title ?? d.ruleId;
  const prop = proposal(text, d);
  return `【${title}】${d.message}${prop ? `\n建议：${prop}` : ''}`;
}

/** Writes the annotated copy's bytes. `docx` is readDocx(data); `diags` are the findings on its text. */
export function annotateDocx(data: Uint8Array, docx: DocxText, diags: readonly Diagnostic[], opts: AnnotateOptions): AnnotateResult {
  const files = unzipSync(data);
  const order = Object.keys(files);
  const author = opts.author ?? 'report-lint';
  const date = opts.date ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const mainName = docx.paragraphs.find((p) => p.kind === 'body' || p.kind === 'table')?.part ?? 'word/document.xml';
  const main = parseXml(strFromU8(files[mainName]), mainName);
  const mainParas = wParagraphs(main);
  const firstBody = docx.paragraphs.find((p) => p.part === mainName);

  // Existing comments keep their ids; ours follow.
  const relsName = mainName.replace(/([^/]+)$/, '_rels/$1.rels');
  let commentsName = mainName.replace(/[^/]+$/, 'comments.xml');
  let relsXml = files[relsName] ? strFromU8(files[relsName]) : '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';
  const existingRel = new RegExp(`<Relationship\\b[^>]*Type="${COMMENTS_REL}"[^>]*>`).exec(relsXml);
  if (existingRel) {
    const target = /Target="([^"]+)"/.exec(existingRel[0])?.[1];
    if (target) commentsName = target.startsWith('/') ? target.slice(1) : mainName.replace(/[^/]+$/, '') + target;
  }
  const commentsDoc = files[commentsName]
    ? parseXml(strFromU8(files[commentsName]), commentsName)
    : parseXml(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="${W}"></w:comments>`, commentsName);
  const wns = commentsDoc.documentElement!.namespaceURI ?? W;
  let nextId = 0;
  const idsIn = (doc: Document) => {
    for (const tag of ['comment', 'ins', 'del', 'commentRangeStart', 'bookmarkStart']) {
      const list = doc.getElementsByTagNameNS('*', tag);
      for (let i = 0; i < list.length; i++) {
        const v = Number((list[i] as unknown as El).getAttributeNS(wns, 'id') ?? (list[i] as unknown as El).getAttribute('w:id'));
        if (Number.isFinite(v)) nextId = Math.max(nextId, v + 1);
      }
    }
  };
  idsIn(commentsDoc);
  idsIn(main);

  const plans: Planned[] = [];
  for (const d of diags) {
    const para = paragraphAt(docx.paragraphs, d.range[0]);
    if (!para) continue;
    const where = para.kind === 'header' ? '页眉' : para.kind === 'footnote' ? '脚注' : undefined;
    if (where || para.part !== mainName) {
      if (!firstBody) continue;
      const excerpt = docx.text.slice(Math.max(para.start, d.range[0] - 8), Math.min(para.end, d.range[1] + 8));
      plans.push({ d, para: firstBody, note: `（${where ?? '其他部分'}：“${excerpt}”）`, id: nextId++ });
      continue;
    }
    let ls = d.range[0] - para.start - para.labelLength;
    let le = Math.min(d.range[1], para.end) - para.start - para.labelLength;
    const len = para.end - para.start - para.labelLength;
    if (ls < 0 || len <= 0) {
      plans.push({ d, para, id: nextId++ });
      continue;
    }
    if (le <= ls) {
      // An insertion point: anchor the character after it (or before it at the end).
      if (ls < len) le = ls + 1;
      else ls = Math.max(0, ls - 1);
    }
    plans.push({ d, para, local: [ls, le], id: nextId++ });
  }

  // 1. Run boundaries at every anchor and fix edge.
  // Tracked changes: the safe fixes in the running text (not in Word's list labels), chosen as one --fix pass
  // chooses them, so that no two revisions overlap.
  const inText = plans.filter((x) => x.d.fix && x.local && x.d.fix.range[0] >= x.para.start + x.para.labelLength && x.d.fix.range[1] <= x.para.end);
  const chosen = new Set(applyFixes(docx.text, inText.map((x) => x.d.fix!)).applied);
  const fixPlans = opts.mode === 'revisions' ? inText.filter((x) => chosen.has(x.d.fix!)) : [];
  const byPara = new Map<number, number[]>();
  const addCut = (para: DocxParagraph, at: number) => {
    const list = byPara.get(para.index) ?? [];
    list.push(at);
    byPara.set(para.index, list);
  };
  for (const x of plans) if (x.local) (addCut(x.para, x.local[0]), addCut(x.para, x.local[1]));
  const fixLocal = new Map<Planned, [number, number]>();
  for (const x of fixPlans) {
    const f = x.d.fix!;
    const base = x.para.start + x.para.labelLength;
    const fl: [number, number] = [f.range[0] - base, f.range[1] - base];
    if (fl[0] < 0 || f.range[1] > x.para.end) continue;
    fixLocal.set(x, fl);
    addCut(x.para, fl[0]);
    addCut(x.para, fl[1]);
  }
  for (const [index, cuts] of byPara) {
    const p = mainParas[index];
    if (!p) continue;
    for (const c of [...new Set(cuts)].sort((a, b) => b - a)) splitAt(p, c);
  }

  // 2. Where each comment goes, computed before tracked changes hide deleted text from the walk.
  const anchors = new Map<Planned, { p: El; first?: Node; last?: Node }>();
  for (const x of plans) {
    const p = mainParas[x.para.index];
    if (!p) continue;
    anchors.set(x, { p, ...(x.local ? anchorFor(p, x.local[0], x.local[1]) : {}) });
  }
  const fixTargets = new Map<Planned, { p: El; runs: El[]; before?: Node }>();
  for (const [x, [fs, fe]] of fixLocal) {
    const p = mainParas[x.para.index];
    const pieces = piecesOf(p);
    const covered = pieces.filter((y) => y.start >= fs && y.end <= fe && y.end > y.start);
    const runs = [...new Set(covered.map((y) => enclosingRun(y.el)).filter((r): r is El => !!r))];
    // Only plain runs directly in the paragraph are rewritten; anything else keeps its comment only.
    if (runs.some((r) => r.parentNode !== p)) continue;
    if (covered.length && (covered[0].start !== fs || covered[covered.length - 1].end !== fe)) continue;
    const after = pieces.find((y) => y.start >= fe);
    const beforeNode = runs.length ? undefined : after ? topLevel(enclosingRun(after.el) ?? after.el, p) : undefined;
    fixTargets.set(x, { p, runs, before: beforeNode });
  }

  // 3. Tracked changes.
  let revisions = 0;
  for (const [x, t] of fixTargets) {
    const doc = t.p.ownerDocument!;
    const ns = t.p.namespaceURI ?? W;
    const rPr = (t.runs[0] ?? (t.before && isW(t.before, 'r') ? (t.before as El) : undefined))?.getElementsByTagNameNS(ns, 'rPr')[0];
    let anchorAfter: Node | undefined;
    if (t.runs.length) {
      const del = wEl(doc, ns, 'del', { id: String(nextId++), author, date });
      t.p.insertBefore(del, t.runs[0]);
      for (const r of t.runs) {
        del.appendChild(r);
        const ts = r.getElementsByTagNameNS(ns, 't');
        for (const old of Array.from({ length: ts.length }, (_, i) => ts[i] as unknown as El)) {
          const dt = wEl(doc, ns, 'delText');
          dt.setAttribute('xml:space', 'preserve');
          dt.appendChild(doc.createTextNode(old.textContent ?? ''));
          r.replaceChild(dt, old);
        }
      }
      anchorAfter = del;
    }
    if (x.d.fix!.text) {
      const ins = wEl(doc, ns, 'ins', { id: String(nextId++), author, date });
      const r = wEl(doc, ns, 'r');
      if (rPr) r.appendChild(rPr.cloneNode(true));
      const tt = wEl(doc, ns, 't');
      tt.setAttribute('xml:space', 'preserve');
      tt.appendChild(doc.createTextNode(x.d.fix!.text));
      r.appendChild(tt);
      ins.appendChild(r);
      if (anchorAfter) t.p.insertBefore(ins, anchorAfter.nextSibling);
      else t.p.insertBefore(ins, t.before ?? null);
    }
    revisions++;
  }

  // 4. Comment ranges, references and the comments part.
  const root = commentsDoc.documentElement!;
  for (const x of plans) {
    const a = anchors.get(x);
    if (!a) continue;
    const doc = a.p.ownerDocument!;
    const ns = a.p.namespaceURI ?? W;
    const id = String(x.id);
    const start = wEl(doc, ns, 'commentRangeStart', { id });
    const end = wEl(doc, ns, 'commentRangeEnd', { id });
    const refRun = wEl(doc, ns, 'r');
    refRun.appendChild(wEl(doc, ns, 'commentReference', { id }));
    const first = a.first ? topLevel(a.first, a.p) : undefined;
    const last = a.last ? topLevel(a.last, a.p) : undefined;
    if (first && last) {
      a.p.insertBefore(start, first);
      a.p.insertBefore(end, last.nextSibling);
    } else {
      a.p.insertBefore(start, firstContent(a.p));
      a.p.appendChild(end);
    }
    a.p.insertBefore(refRun, end.nextSibling);

    const c = wEl(commentsDoc, wns, 'comment', { id, author, date, initials: 'RL' });
    const lines = (commentText(docx.text, x.d) + (x.note ?? '')).split('\n');
    lines.forEach((line, i) => {
      const cp = wEl(commentsDoc, wns, 'p');
      if (i === 0) {
        const ar = wEl(commentsDoc, wns, 'r');
        ar.appendChild(wEl(commentsDoc, wns, 'annotationRef'));
        cp.appendChild(ar);
      }
      const r = wEl(commentsDoc, wns, 'r');
      const t = wEl(commentsDoc, wns, 't');
      t.setAttribute('xml:space', 'preserve');
      t.appendChild(commentsDoc.createTextNode(line));
      r.appendChild(t);
      cp.appendChild(r);
      c.appendChild(cp);
    });
    root.appendChild(c);
  }

  const ser = new (xmldom().XMLSerializer)();
  const out: Record<string, Uint8Array> = {};
  const changed: Record<string, Uint8Array> = {};
  if (plans.length) {
    changed[mainName] = strToU8(withDeclaration(ser.serializeToString(main)));
    changed[commentsName] = strToU8(withDeclaration(ser.serializeToString(commentsDoc)));
    if (!existingRel) {
      const ids = [...relsXml.matchAll(/Id="rId(\d+)"/g)].map((m) => Number(m[1]));
      const rid = `rId${Math.max(0, ...ids) + 1}`;
      const target = commentsName.slice(mainName.replace(/[^/]+$/, '').length);
      relsXml = relsXml.replace(/<\/Relationships>\s*$/, `<Relationship Id="${rid}" Type="${COMMENTS_REL}" Target="${target}"/></Relationships>`);
      changed[relsName] = strToU8(relsXml);
    }
    let ct = strFromU8(files['[Content_Types].xml']);
    if (!ct.includes(`PartName="/${commentsName}"`)) {
      ct = ct.replace(/<\/Types>\s*$/, `<Override PartName="/${commentsName}" ContentType="${COMMENTS_CT}"/></Types>`);
      changed['[Content_Types].xml'] = strToU8(ct);
    }
  }
  for (const name of order) out[name] = changed[name] ?? files[name];
  for (const name of Object.keys(changed)) if (!(name in out)) out[name] = changed[name];
  return { data: zipSync(out), comments: plans.length, revisions };
}

function withDeclaration(xml: string): string {
  return xml.startsWith('<?xml') ? xml : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${xml}`;
}
