import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after } from 'node:test';
import type { Rule } from '../../server/src/core/types';

export const ROOT = path.resolve(__dirname, '../..');
export const BIN = path.join(ROOT, 'bin', 'report-lint.js');

let built = false;
/** The CLI tests run the built bundle; `npm test` builds first, a single test file run rebuilds when sources are newer. */
export function ensureBuilt(): void {
  if (built) return;
  const bundle = path.join(ROOT, 'dist', 'cli.js');
  if (!fs.existsSync(bundle) || newestSource(path.join(ROOT, 'server', 'src')) > fs.statSync(bundle).mtimeMs) {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('build failed');
  }
  built = true;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node bin/report-lint.js ...args` in `cwd`. */
export function runBin(args: string[], opts: { cwd: string; input?: string | Buffer; env?: Record<string, string>; timeout?: number }): RunResult {
  ensureBuilt();
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...opts.env },
    timeout: opts.timeout ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'report-lint-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes files (path → content) under `dir`, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = path.join(dir, rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
}

/** No stack trace may reach the user. */
export function assertNoStack(s: string): void {
  if (/\n\s+at .+\(.+:\d+:\d+\)|\n\s+at .+:\d+:\d+|TypeError|ReferenceError|RangeError|node:internal/.test(s)) {
    throw new Error(`stack trace or internal error in output:\n${s}`);
  }
}

/**
 * A fixable test rule: a half-width comma between Han characters gets the fix "，"; "付诸施" gets two
 * suggestions (which --fix must never apply).
 */
export const commaRule: Rule = {
  meta: {
    id: 'test-comma',
    defaultSeverity: 'warn',
    category: 'typography',
    title: '测试逗号',
    docs: { summary: '测试', details: '测试', flagged: [], passed: [] },
    fixable: true,
    tier: 'fast',
  },
  check(ctx) {
    const out = [];
    const text = ctx.doc.text;
    const re = /(?<=[\u4e00-\u9fff]),(?=[\u4e00-\u9fff])/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) out.push({ message: '半角逗号“,”应为全角“，”', range: [m.index, m.index + 1] as [number, number], fix: { range: [m.index, m.index + 1] as [number, number], text: '，' } });
    const s = /付诸施/g;
    while ((m = s.exec(text))) {
      out.push({
        message: '疑似漏字',
        range: [m.index, m.index + 3] as [number, number],
        suggestions: [
          { desc: '改为“付诸实施”', fix: { range: [m.index + 2, m.index + 2] as [number, number], text: '实' } },
          { desc: '改为“付诸实践”', fix: { range: [m.index + 2, m.index + 3] as [number, number], text: '实践' } },
        ],
      });
    }
    return out;
  },
};
