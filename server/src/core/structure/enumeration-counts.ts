import type { ReportDocument } from '../document';
import type { Finding } from '../types';
import { cnFormat, cnValue } from './numerals';
import { writtenMarker, type Marker } from './markers';
import { documentStructure } from './parse';
import { loosePattern, runsOf } from './sequence';

/**
 * The enumeration part of `count-mismatch`: a stated number of parts (分为三大板块： · 主要做好以下四个方面工作)
 * directly followed by an enumeration (一是…二是… · （一）…（三）) with a different number of items.
 */

// 两 / 二…十九 / 2–19, then a classifier, then (optionally) the thing counted.
const COUNT_RE =
  /(?<![第“‘《0-9０-９一二三四五六七八九十百千万两几])(两|十[一二三四五六七八九]?|[二三四五六七八九]十?[一二三四五六七八九]?|[2-9]|1[0-9])(个|项|大|条|种|类|件|点|方面|部分|阶段|步)(方面|板块|部分|任务|工作|措施|重点|领域|环节|举措|问题|目标|阶段|原则|内容|类别|大类|行动|工程|特点|原因|方式|途径|渠道|要求|事项|意见|建议|体会|经验|做法|短板|不足|成效|成绩|变化|转变)?/g;

/** Units of time that begin like a counted noun (工作 / 工作日): the number before them measures a duration. */
const TIME_UNIT = /^工作(?:日|天|周|小时|时)/;

interface Count {
  value: number;
  /** Document offsets of the numeral and of the whole phrase. */
  numStart: number;
  numEnd: number;
  start: number;
  end: number;
}

function countValue(s: string): number | undefined {
  if (s === '两') return 2;
  if (/^[0-9]+$/.test(s)) return Number(s);
  return cnValue(s);
}

/** The last count phrase in `text` (a document slice starting at `base`), if the text after it is only an intro. */
function lastCount(text: string, base: number): Count | undefined {
  let found: Count | undefined;
  COUNT_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = COUNT_RE.exec(text))) {
    // A counted noun must follow: 三大板块, 四个方面, 三项工作, 六个部分, 三点 — not 三个村 or 两项.
    if (!m[3] && !/^(方面|部分|阶段|点)$/.test(m[2])) continue;
    // A number of time units is a duration, not a count of items (延长10个工作日：… · 缩短至5个工作日。一是…):
    // the counted noun must not be the start of a unit of time.
    if (TIME_UNIT.test(text.slice(m.index + m[1].length + m[2].length))) continue;
    const v = countValue(m[1]);
    if (!v || v < 2 || v > 19) continue;
    found = { value: v, numStart: base + m.index, numEnd: base + m.index + m[1].length, start: base + m.index, end: base + m.index + m[0].length };
  }
  if (!found) return undefined;
  // Between the phrase and the enumeration: a few characters of intro (工作： · 治理： · 如下：), no full stop inside.
  const tail = text.slice(found.end - base);
  if (tail.length > 12 || /[。！？；;]./.test(tail) || /[“”"‘’]/.test(tail)) return undefined;
  // Quoted slogans (“三个代表”, “两个维护”) are names, not counts.
  if (/[“‘"]$/.test(text.slice(0, found.start - base))) return undefined;
  return found;
}

/** The text a list's intro lives in: the sentence before the first item, in its paragraph or the one before. */
function introBefore(doc: ReportDocument, first: Marker): { text: string; base: number } | undefined {
  const p = doc.paragraphs[first.paragraph];
  const before = doc.masked.slice(p.start, first.start);
  if (/[^\s\u001A]/.test(before)) {
    const cut = Math.max(before.lastIndexOf('。', before.length - 2), before.lastIndexOf('！', before.length - 2), before.lastIndexOf('？', before.length - 2));
    return { text: before.slice(cut + 1).replace(/[\s\u001A]+$/, ''), base: p.start + cut + 1 };
  }
  const prev = doc.paragraphs[first.paragraph - 1];
  if (!prev) return undefined;
  const t = prev.text.replace(/[\s\u001A]+$/, '');
  const cut = Math.max(t.lastIndexOf('。', t.length - 2), t.lastIndexOf('！', t.length - 2), t.lastIndexOf('？', t.length - 2));
  return { text: t.slice(cut + 1), base: prev.start + cut + 1 };
}

export function enumerationCountFindings(doc: ReportDocument): Finding[] {
  const s = documentStructure(doc);
  const out: Finding[] = [];
  for (const list of s.lists) {
    for (const run of runsOf(list)) {
      if (run[0].value !== 1) continue;
      const intro = introBefore(doc, run[0]);
      if (!intro) continue;
      const count = lastCount(intro.text, intro.base);
      if (!count) continue;
      const items = run;
      // A gap or a repeat inside is numbering-sequence's to report; the count is then unclear.
      // (首先…其次…最后: 最后 is the last item, whatever its number.)
      if (items.some((m, i) => m.value !== i + 1 && !(m.family === 'seq-word' && m.value === 0 && i === items.length - 1 && i > 0))) continue;
      const n = items.length;
      if (n === count.value) continue;
      const last = items[n - 1];
      if (n < count.value) {
        // The rest may be written in a form not taken as a marker (三是 after a comma in a quote…): then silent.
        const after = doc.text.slice(last.end, Math.min(doc.text.length, last.end + 2000));
        if (list.family === 'seq-word' || loosePattern(list.family, n + 1).test(after.slice(0, nextBreak(doc, last)))) continue;
      }
      const phrase = doc.text.slice(count.start, count.end);
      const span = n === 1 ? `“${writtenMarker(items[0])}”` : `“${writtenMarker(items[0])}”至“${writtenMarker(last)}”`;
      const num = doc.text.slice(count.numStart, count.numEnd);
      const newNum = /^[0-9]+$/.test(num) ? String(n) : n === 2 ? '两' : cnFormat(n);
      const fixed = newNum + doc.text.slice(count.numEnd, count.end);
      out.push({
        message: `所述“${phrase}”与下文列出的${n}项（${span}）不符`,
        range: [count.start, count.end],
        related: [{ range: [items[0].start, last.end], message: `下文列出${n}项：${span}` }],
        suggestions: [{ desc: `改为“${fixed}”`, fix: { range: [count.numStart, count.numEnd], text: newNum } }],
      });
    }
  }
  return out.sort((a, b) => a.range[0] - b.range[0]);
}

/** Offset (relative to `m.end`) where the enumeration's context ends: the end of the next paragraph. */
function nextBreak(doc: ReportDocument, m: Marker): number {
  const p = doc.paragraphs[m.paragraph + 1] ?? doc.paragraphs[m.paragraph];
  return Math.max(0, p.end - m.end);
}
