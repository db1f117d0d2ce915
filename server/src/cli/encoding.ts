/**
 * iconv-lite and jschardet, required on first use: a UTF-8 file (most of them) needs neither. The CLI bundle
 * leaves them in node_modules (scripts/build.mjs), so that their 1.8 MB are not compiled at every start.
 */
function iconv(): typeof import('iconv-lite') {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return require('iconv-lite') as typeof import('iconv-lite');
}
function detectEncoding(buf: Buffer): { encoding: string | null; confidence: number } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  return (require('jschardet') as typeof import('jschardet')).detect(buf);
}

export type EncodingName = 'utf8' | 'utf16le' | 'utf16be' | 'gb18030' | string;

/** How a file was stored, so that --fix can write it back the same way. */
export interface TextInfo {
  encoding: EncodingName;
  bom: boolean;
}

export class DecodeError extends Error {
  constructor(message: string, readonly binary = false) {
    super(message);
    this.name = 'DecodeError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a text file: UTF-8 (± BOM), UTF-16 LE/BE with BOM, else GB18030/GBK (or what the detector names).
 * Throws DecodeError for binary or undecodable content.
 */
export function decode(buf: Buffer): { text: string; info: TextInfo } {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return { text: decodeUtf8(buf.subarray(3)), info: { encoding: 'utf8', bom: true } };
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    return { text: iconv().decode(buf.subarray(2), 'utf16le'), info: { encoding: 'utf16le', bom: true } };
  }
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    return { text: iconv().decode(buf.subarray(2), 'utf16be'), info: { encoding: 'utf16be', bom: true } };
  }
  const head = buf.subarray(0, 8192);
  if (head.includes(0)) throw new DecodeError('二进制文件，已跳过', true);
  try {
    return { text: utf8.decode(buf), info: { encoding: 'utf8', bom: false } };
  } catch {
    // not UTF-8: fall through
  }
  const guess = detectEncoding(buf.subarray(0, 65536));
  const name = (guess.encoding ?? '').toLowerCase();
  const candidates = /big5/.test(name) && guess.confidence > 0.9 ? ['big5', 'gb18030'] : ['gb18030'];
  if (name && !/gb|big5|ascii|utf-8/.test(name) && iconv().encodingExists(name) && guess.confidence > 0.9) candidates.push(name);
  for (const enc of candidates) {
    const text = iconv().decode(buf, enc);
    if (!text.includes('\uFFFD')) return { text, info: { encoding: enc, bom: false } };
  }
  throw new DecodeError('无法识别文件编码（支持 UTF-8、带 BOM 的 UTF-16、GB18030/GBK）');
}

function decodeUtf8(buf: Buffer): string {
  try {
    return utf8.decode(buf);
  } catch {
    throw new DecodeError('文件以 UTF-8 BOM 开头，但内容不是有效的 UTF-8');
  }
}

/** Encodes `text` back in the file's own encoding and BOM. */
export function encode(text: string, info: TextInfo): Buffer {
  if (info.encoding === 'utf8') {
    const body = Buffer.from(text, 'utf8');
    return info.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  }
  const body = iconv().encode(text, info.encoding);
  if (!info.bom) return body;
  const bom = info.encoding === 'utf16le' ? [0xff, 0xfe] : info.encoding === 'utf16be' ? [0xfe, 0xff] : [];
  return Buffer.concat([Buffer.from(bom), body]);
}

/** Decodes bytes known to be stored as `info` says (no detection). Undecodable bytes become U+FFFD. */
export function decodeAs(buf: Buffer, info: TextInfo): string {
  if (info.encoding === 'utf8') {
    const body = info.bom && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
    return body.toString('utf8');
  }
  const body = info.bom && buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) ? buf.subarray(2) : buf;
  return iconv().decode(body, info.encoding);
}
