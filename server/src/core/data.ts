import * as fs from 'node:fs';
import * as path from 'node:path';

let cached: string | undefined;

/**
 * Folder of our lexicons and models (server/data). Works from the sources (tests run them through tsx),
 * from the esbuild bundles in dist/, and from an installed VSIX or npm package.
 */
export function dataDir(): string {
  if (cached) return cached;
  const candidates = [
    process.env.REPORT_LINT_DATA,
    path.resolve(__dirname, '../../data'),
    path.resolve(__dirname, '../server/data'),
    path.resolve(__dirname, '../../server/data'),
    path.resolve(__dirname, 'data'),
  ].filter((p): p is string => !!p);
  cached = candidates.find((p) => fs.existsSync(path.join(p, 'README.md'))) ?? candidates[1];
  return cached;
}

export function dataPath(name: string): string {
  return path.join(dataDir(), name);
}

/** Extra dictionaries in jieba format (`word freq tag`) shipped under server/data, loaded after jieba's own. */
export const EXTRA_DICTIONARIES = ['report-vocab.dict'];
