import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { IGNORE_FILE } from '../core/config';

export const EXTENSIONS = ['txt', 'md', 'docx'];
const ALWAYS_SKIPPED = ['**/node_modules/**', '**/.git/**'];

export interface Discovery {
  files: string[];
  /** Patterns or paths that matched nothing (reported as errors, as ESLint does). */
  unmatched: string[];
}

/**
 * Expands command-line operands into files: a file is taken as given; a folder is searched for *.txt, *.md
 * and *.docx; anything else is a glob. Ignore rules: .reportlintignore in the working folder (or --ignore-path)
 * and config ignorePatterns. Results are absolute, de-duplicated and sorted for a stable report.
 */
export function discover(operands: string[], cwd: string, ignorePath?: string, extraIgnores: string[] = []): Discovery {
  const ig = loadIgnore(cwd, ignorePath, extraIgnores);
  const isIgnored = (abs: string) => {
    const rel = path.relative(cwd, abs).split(path.sep).join('/');
    return !!rel && !rel.startsWith('..') && ig.ignores(rel);
  };
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const op of operands.length ? operands : ['.']) {
    const abs = path.resolve(cwd, op);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      files.add(abs);
      continue;
    }
    let found: string[];
    if (stat?.isDirectory()) {
      found = fg.sync(`**/*.{${EXTENSIONS.join(',')}}`, {
        cwd: abs,
        absolute: true,
        dot: false,
        ignore: ALWAYS_SKIPPED,
        followSymbolicLinks: true,
        suppressErrors: true,
        caseSensitiveMatch: false,
      });
    } else if (fg.isDynamicPattern(op)) {
      found = fg.sync(op.split(path.sep).join('/'), { cwd, absolute: true, ignore: ALWAYS_SKIPPED, suppressErrors: true, dot: false });
    } else {
      unmatched.push(op);
      continue;
    }
    const kept = found.map((f) => path.normalize(f)).filter((f) => !isIgnored(f));
    if (!kept.length && !stat?.isDirectory()) unmatched.push(op);
    for (const f of kept) files.add(f);
  }
  return { files: [...files].sort(), unmatched };
}

function loadIgnore(cwd: string, ignorePath: string | undefined, extra: string[]): Ignore {
  const ig = ignore();
  const file = ignorePath ? path.resolve(cwd, ignorePath) : path.join(cwd, IGNORE_FILE);
  if (ignorePath && !fs.existsSync(file)) throw new Error(`找不到忽略文件：${ignorePath}`);
  if (fs.existsSync(file)) ig.add(fs.readFileSync(file, 'utf8'));
  ig.add(extra);
  return ig;
}
