import { strToU8, zipSync } from 'fflate';

/** Builds a minimal but valid .docx in memory (tests create their fixtures; no binary files are committed). */
export interface DocxParts {
  /** Inner XML of <w:body>. */
  body: string;
  styles?: string;
  numbering?: string;
  footnotes?: string;
  headers?: string[];
  extra?: Record<string, string | Uint8Array>;
}

export const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"';

/** <w:p> with optional style, numbering and runs (each string is one run; "\t" becomes <w:tab/>). */
export function p(runs: string | string[], o: { style?: string; numId?: number; ilvl?: number; raw?: string } = {}): string {
  const ppr = [o.style ? `<w:pStyle w:val="${o.style}"/>` : '', o.numId !== undefined ? `<w:numPr><w:ilvl w:val="${o.ilvl ?? 0}"/><w:numId w:val="${o.numId}"/></w:numPr>` : ''].join('');
  const rs = (Array.isArray(runs) ? runs : [runs])
    .map((t) => `<w:r>${t.split('\t').map((x) => `<w:t xml:space="preserve">${esc(x)}</w:t>`).join('<w:tab/>')}</w:r>`)
    .join('');
  return `<w:p>${ppr ? `<w:pPr>${ppr}</w:pPr>` : ''}${rs}${o.raw ?? ''}</w:p>`;
}

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A numbering.xml with one abstract list per entry: levels as [numFmt, lvlText, start?]. numId = index + 1. */
export function numbering(lists: Array<Array<[string, string, number?]>>): string {
  const abs = lists
    .map((levels, i) => `<w:abstractNum w:abstractNumId="${i}">${levels.map(([fmt, text, start], l) => `<w:lvl w:ilvl="${l}"><w:start w:val="${start ?? 1}"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/></w:lvl>`).join('')}</w:abstractNum>`)
    .join('');
  const nums = lists.map((_, i) => `<w:num w:numId="${i + 1}"><w:abstractNumId w:val="${i}"/></w:num>`).join('');
  return `<w:numbering ${W}>${abs}${nums}</w:numbering>`;
}

export function makeDocx(parts: DocxParts): Uint8Array {
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    ),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${parts.body}<w:sectPr/></w:body></w:document>`),
  };
  if (parts.styles) files['word/styles.xml'] = strToU8(parts.styles);
  if (parts.numbering) files['word/numbering.xml'] = strToU8(parts.numbering);
  if (parts.footnotes) files['word/footnotes.xml'] = strToU8(parts.footnotes);
  (parts.headers ?? []).forEach((h, i) => (files[`word/header${i + 1}.xml`] = strToU8(`<w:hdr ${W}>${h}</w:hdr>`)));
  for (const [k, v] of Object.entries(parts.extra ?? {})) files[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(files);
}
