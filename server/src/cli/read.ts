import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../core/document';
import { DocxError, readDocx, type DocxText } from '../core/docx';
import { decode, DecodeError, type TextInfo } from './encoding';

export interface ReadOk {
  doc: ReportDocument;
  /** The decoded text and how it was stored; absent for formats we never write (.docx). */
  info?: TextInfo;
  /** For .docx: where each paragraph of the plain text comes from (for annotated copies). */
  docx?: DocxText;
}
export type ReadResult = ReadOk | { error: string } | { skipped: string };

/** Reads and decodes one file for checking. Never throws: problems come back as `error` or `skipped`. */
export function readForLint(file: string): ReadResult {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在（可能已被删除）' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : code === 'EISDIR' ? '这是一个文件夹' : `无法读取（${code ?? (e as Error).message}）`;
    return { error: why };
  }
  if (/\.docx$/i.test(file)) {
    try {
      const docx = readDocx(buf);
      return { doc: new ReportDocument(docx.text, 'plaintext', file), docx };
    } catch (e) {
      if (e instanceof DocxError) return { error: e.message };
      return { error: `无法读取 Word 文档（${(e as Error)?.message ?? e}）` };
    }
  }
  try {
    const { text, info } = decode(buf);
    return { doc: new ReportDocument(text, ReportDocument.formatFor(path.basename(file)), file), info };
  } catch (e) {
    if (e instanceof DecodeError) return e.binary ? { skipped: e.message } : { error: e.message };
    return { error: `无法解析（${(e as Error).message}）` };
  }
}
