import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE } from '../core/config';

/** The nearest .reportlintrc.json above `file` (its own folder first), without parsing any. */
export function nearestConfigFile(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** The workspace folder that contains `file` (the innermost), if any. */
export function workspaceRootOf(file: string, roots: readonly string[]): string | undefined {
  const abs = path.resolve(file);
  return roots
    .filter((r) => abs === r || abs.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
    .sort((a, b) => b.length - a.length)[0];
}

export interface AddWordResult {
  file: string;
  /** False when the word was already there. */
  added: boolean;
  created: boolean;
}

/**
 * Adds `word` to the `dictionary` of the .reportlintrc.json nearest to `docPath` (or of a new one at the
 * workspace root), keeping every other key, the key order, the indentation, the line breaks and a BOM.
 * Throws an Error with a Chinese message when the file cannot be read as a config object.
 */
export function addWordToConfig(word: string, docPath: string | undefined, roots: readonly string[]): AddWordResult {
  const existing = docPath ? nearestConfigFile(docPath) : undefined;
  if (!existing) {
    const dir = (docPath && workspaceRootOf(docPath, roots)) ?? roots[0] ?? (docPath ? path.dirname(docPath) : undefined);
    if (!dir) throw new Error('没有打开的工作区文件夹，无法创建 .reportlintrc.json');
    const file = path.join(dir, CONFIG_FILE);
    fs.writeFileSync(file, JSON.stringify({ dictionary: [word] }, null, 2) + '\n');
    return { file, added: true, created: true };
  }
  const raw = fs.readFileSync(existing, 'utf8');
  const bom = raw.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = raw.slice(bom.length);
  let data: unknown;
  try {
    data = text.trim() ? JSON.parse(text) : {};
  } catch (e) {
    throw new Error(`${existing} 不是有效的 JSON，未写入（${(e as Error).message}）`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`${existing} 应为 JSON 对象，未写入`);
  const obj = data as Record<string, unknown>;
  const dict = obj.dictionary ?? [];
  if (!Array.isArray(dict) || !dict.every((w) => typeof w === 'string')) throw new Error(`${existing} 中的 "dictionary" 应为字符串数组，未写入`);
  if (dict.includes(word)) return { file: existing, added: false, created: false };
  obj.dictionary = [...dict, word];
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  let out = JSON.stringify(obj, null, indent);
  if (eol !== '\n') out = out.replace(/\n/g, eol);
  if (/\r?\n\s*$/.test(text) || !text.trim()) out += eol;
  fs.writeFileSync(existing, bom + out);
  return { file: existing, added: true, created: false };
}
