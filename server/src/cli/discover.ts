import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { CONFIG_FILE, IGNORE_FILE, parseConfig, type LoadedConfig } from '../core/config';

/** What a folder is searched for. */
export const EXTENSIONS = ['txt', 'md', 'docx'];
/** Never searched, whatever the ignore files say. */
const ALWAYS_SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface Discovery {
  files: string[];
  /** Patterns or paths that matched nothing (reported as errors, as ESLint does). */
  unmatched: string[];
}

/** One ignore file (or pattern list), matched relative to its folder. */
interface Layer {
  base: string;
  ig: Ignore;
}

export interface DiscoverOptions {
  /** --ignore-path: replaces the working folder's .reportlintignore. */
  ignorePath?: string;
  /** --config: its ignorePatterns apply instead of those of the .reportlintrc.json files found. */
  fixedConfig?: LoadedConfig;
  /** More gitignore-style patterns, relative to the working folder. */
  extraIgnores?: string[];
  /** Respect .gitignore files (default true). */
  gitignore?: boolean;
}

/**
 * Expands command-line operands into files. A file named on the command line is taken as given; a folder is
 * searched for *.txt, *.md and *.docx; anything else is a glob (matched from its static prefix). While searching,
 * hidden entries, node_modules and .git are skipped, and so is everything that an ignore source excludes:
 * .reportlintignore (the working folder's, or --ignore-path; nested ones too), .gitignore files (nested ones, and
 * those of the enclosing folders up to the repository root) and the ignorePatterns of .reportlintrc.json files.
 * Symbolic links are followed once: a link back to a folder already searched (a loop) is not entered again.
 * Results are absolute, de-duplicated and sorted, so the report order is stable.
 */
export function discover(
  operands: string[],
  cwd: string,
  ignorePathOrOptions?: string | DiscoverOptions,
  fixedConfigOrPatterns?: LoadedConfig | string[],
): Discovery {
  const options: DiscoverOptions =
    typeof ignorePathOrOptions === 'object'
      ? ignorePathOrOptions
      : Array.isArray(fixedConfigOrPatterns)
        ? { ignorePath: ignorePathOrOptions, extraIgnores: fixedConfigOrPatterns }
        : { ignorePath: ignorePathOrOptions, fixedConfig: fixedConfigOrPatterns };
  const walker = new Walker(cwd, options);
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const op of operands.length ? operands : ['.']) {
    const abs = path.resolve(cwd, op);
    const stat = statOrUndefined(abs);
    if (stat?.isFile()) {
      files.add(abs);
      continue;
    }
    if (stat?.isDirectory()) {
      for (const f of walker.walk(abs, (_rel, name) => hasExtension(name))) files.add(f);
      continue;
    }
    const scan = picomatch.scan(op.split(path.sep).join('/'));
    if (!scan.isGlob) {
      unmatched.push(op);
      continue;
    }
    const base = path.resolve(cwd, scan.base || '.');
    const match = picomatch(scan.glob, { dot: false, nocase: false });
    let found = 0;
    if (statOrUndefined(base)?.isDirectory()) {
      for (const f of walker.walk(base, (rel) => match(rel))) {
        files.add(f);
        found++;
      }
    }
    if (!found) unmatched.push(op);
  }
  return { files: [...files].sort(), unmatched };
}

function hasExtension(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

class Walker {
  private readonly dirLayers = new Map<string, Layer[]>();
  private readonly rootLayers: Layer[] = [];

  constructor(
    private readonly cwd: string,
    private readonly options: DiscoverOptions,
  ) {
    const ig = ignore();
    const file = options.ignorePath ? path.resolve(cwd, options.ignorePath) : path.join(cwd, IGNORE_FILE);
    const text = readText(file);
    if (options.ignorePath && text === undefined) throw new Error(`找不到忽略文件：${options.ignorePath}`);
    if (text !== undefined) {
      ig.add(text);
      this.rootLayers.push({ base: options.ignorePath ? path.dirname(file) : cwd, ig });
    }
    if (options.extraIgnores?.length) this.rootLayers.push({ base: cwd, ig: ignore().add(options.extraIgnores) });
    if (options.fixedConfig?.config.ignorePatterns?.length) {
      this.rootLayers.push({ base: options.fixedConfig.dir, ig: ignore().add(options.fixedConfig.config.ignorePatterns) });
    }
  }

  /** Ignore layers that apply inside `dir`, from the outermost folder to `dir` itself. */
  private layersFor(dir: string): Layer[] {
    const hit = this.dirLayers.get(dir);
    if (hit) return hit;
    const parent = path.dirname(dir);
    let inherited: Layer[];
    if (parent === dir) inherited = [];
    else if (this.dirLayers.has(parent)) inherited = this.dirLayers.get(parent)!;
    else inherited = this.enclosingLayers(parent);
    const own = this.ownLayers(dir);
    const layers = own.length ? [...inherited, ...own] : inherited;
    this.dirLayers.set(dir, layers);
    return layers;
  }

  /**
   * Layers of the folders above a search root: .gitignore files up to the repository root (the nearest folder
   * with .git), .reportlintrc.json ignorePatterns up to a "root": true config.
   */
  private enclosingLayers(dir: string): Layer[] {
    const chain: string[] = [];
    for (let d = dir; ; d = path.dirname(d)) {
      chain.unshift(d);
      if (fs.existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
    }
    const inRepo = fs.existsSync(path.join(chain[0], '.git'));
    const layers: Layer[] = [];
    for (const d of chain) layers.push(...this.ownLayers(d, inRepo));
    return layers;
  }

  private ownLayers(dir: string, withGit = true): Layer[] {
    const layers: Layer[] = [];
    if (withGit && this.options.gitignore !== false) {
      const gi = readText(path.join(dir, '.gitignore'));
      if (gi !== undefined) layers.push({ base: dir, ig: ignore().add(gi) });
    }
    // The working folder's own ignore file is a root layer (it gives way to --ignore-path).
    if (dir !== this.cwd) {
      const ri = readText(path.join(dir, IGNORE_FILE));
      if (ri !== undefined) layers.push({ base: dir, ig: ignore().add(ri) });
    }
    if (!this.options.fixedConfig) {
      const cfgText = readText(path.join(dir, CONFIG_FILE));
      if (cfgText !== undefined) {
        try {
          const pats = parseConfig(cfgText, path.join(dir, CONFIG_FILE)).ignorePatterns;
          if (pats?.length) layers.push({ base: dir, ig: ignore().add(pats) });
        } catch {
          // A broken config is reported when the files under it are checked.
        }
      }
    }
    if (dir === this.cwd) layers.push(...this.rootLayers);
    return layers;
  }

  private ignored(abs: string, isDir: boolean, layers: Layer[]): boolean {
    let ignored = false;
    for (const l of layers) {
      const rel = path.relative(l.base, abs);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      const r = l.ig.test(rel.split(path.sep).join('/') + (isDir ? '/' : ''));
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }

  /** Files under `root` accepted by `accept(pathRelativeToRoot, name)`, in a stable order. */
  walk(root: string, accept: (rel: string, name: string) => boolean): string[] {
    const out: string[] = [];
    const stack: string[] = [root];
    const visited = new Set<string>();
    while (stack.length) {
      const dir = stack.pop()!;
      let real: string;
      try {
        real = fs.realpathSync(dir);
      } catch {
        continue;
      }
      if (visited.has(real)) continue;
      visited.add(real);
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      const layers = this.layersFor(dir);
      const subdirs: string[] = [];
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.name.startsWith('.') || ALWAYS_SKIPPED.has(e.name)) continue;
        const abs = path.join(dir, e.name);
        let isDir = e.isDirectory();
        let isFile = e.isFile();
        if (e.isSymbolicLink()) {
          const st = statOrUndefined(abs);
          if (!st) continue;
          isDir = st.isDirectory();
          isFile = st.isFile();
        }
        if (isDir) {
          if (!this.ignored(abs, true, layers)) subdirs.push(abs);
        } else if (isFile) {
          const rel = path.relative(root, abs).split(path.sep).join('/');
          if (accept(rel, e.name) && !this.ignored(abs, false, layers)) out.push(abs);
        }
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
    }
    return out;
  }
}
