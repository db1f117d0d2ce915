// npm run bench: speed and memory of the CLI on documents built from the corpus (../shared/corpus/reports) in a
// temporary folder, beside autocorrect-node (a native Rust linter, installed --no-save into that folder), then the
// bench:* scripts of other parts (bench:lsp, bench:model) if package.json has them.
// Targets: 1 MB in under 1.5 s including start-up; 1,000 reports take ~10× 100 reports (linear); 1 MB within 3× of
// autocorrect-node. Says so and exits 0 when the corpus is missing.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const CORPUS = process.env.REPORT_LINT_CORPUS ?? path.resolve(ROOT, '../shared/corpus/reports');
const BIN = path.join(ROOT, 'bin', 'report-lint.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

interface Measure {
  /** Wall-clock time. */
  ms: number;
  /** CPU time (user + system, all threads): less sensitive to other load on the machine. */
  cpuMs: number;
  maxRssMb: number;
  code: number | null;
}

function listCorpus(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listCorpus(p));
    else if (/\.(txt|md)$/i.test(e.name)) out.push(p);
  }
  return out.sort();
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs `node args` and measures it: with GNU time (-f) when the machine has it, which sees any child however it
 * exits; otherwise with a preload that records process.resourceUsage() at exit (worker threads included).
 */
function measure(args: string[], cwd: string, tmp: string): Measure {
  const usageFile = path.join(tmp, `usage-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const useTime = fs.existsSync(GNU_TIME);
  const cmd = useTime ? GNU_TIME : process.execPath;
  const argv = useTime ? ['-f', '%e %U %S %M', '-o', usageFile, process.execPath, ...args] : ['--require', path.join(tmp, 'usage-preload.js'), ...args];
  const t0 = performance.now();
  const r = spawnSync(cmd, argv, {
    cwd,
    env: { ...process.env, RL_BENCH_USAGE: usageFile, NO_COLOR: '1' },
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - t0;
  let cpuMs = NaN;
  let maxRssMb = NaN;
  try {
    const raw = fs.readFileSync(usageFile, 'utf8');
    fs.rmSync(usageFile);
    if (useTime) {
      const [, user, sys, rssKb] = raw.trim().split('\n').pop()!.split(' ').map(Number);
      cpuMs = (user + sys) * 1000;
      maxRssMb = rssKb / 1024;
    } else {
      const u = JSON.parse(raw);
      cpuMs = (u.userCPUTime + u.systemCPUTime) / 1000;
      maxRssMb = u.maxRSS / 1024;
    }
  } catch {
    // the child did not get to write it
  }
  if (r.status !== 0 && r.status !== 1) process.stderr.write(`  (exit ${r.status}) ${(r.stderr ?? '').slice(0, 500)}\n`);
  return { ms, cpuMs, maxRssMb, code: r.status };
}

function median(ms: Measure[]): Measure {
  const mid = <T>(xs: T[], key: (x: T) => number) => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)];
  return { ...mid(ms, (x) => x.ms), cpuMs: mid(ms, (x) => x.cpuMs).cpuMs, maxRssMb: Math.max(...ms.map((x) => x.maxRssMb)) };
}

function repeat(n: number, f: () => Measure): Measure {
  return median(Array.from({ length: n }, f));
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const verdict = (ok: boolean) => (ok ? '✔' : '✘');

function main(): void {
  if (!fs.existsSync(CORPUS)) {
    console.log(`bench: corpus not found at ${CORPUS} (../shared is missing beside the repository); nothing measured.`);
    runOtherBenches();
    return;
  }
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.js'))) {
    console.log('bench: dist/cli.js missing; run npm run build first (npm run bench does).');
    process.exitCode = 1;
    return;
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-bench-'));
  try {
    fs.writeFileSync(
      path.join(tmp, 'usage-preload.js'),
      "process.on('exit', () => { try { require('fs').writeFileSync(process.env.RL_BENCH_USAGE, JSON.stringify(process.resourceUsage())); } catch {} });\n",
    );
    const sources = listCorpus(CORPUS).map((f) => fs.readFileSync(f, 'utf8').replace(/^\uFEFF/, ''));
    const all = sources.join('\n');
    const load = os.loadavg()[0];
    console.log(`bench: load average ${load.toFixed(1)} on ${os.availableParallelism?.() ?? os.cpus().length} cores${load > 1.5 ? ' — the machine is busy: wall times are inflated, cpu times less so' : ''}`);
    console.log(`bench: corpus ${CORPUS}: ${sources.length} reports, ${(Buffer.byteLength(all) / 1024 / 1024).toFixed(1)} MB; node ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} cores`);

    // (a) One 1 MB file.
    const oneMb = takeBytes(all, 1024 * 1024);
    const file1 = path.join(tmp, 'one-mb.txt');
    fs.writeFileSync(file1, oneMb);
    const a = repeat(RUNS, () => measure([BIN, '--output', path.join(tmp, 'out-a.txt'), file1], tmp, tmp));
    console.log(`\n(a) 1 MB file (${oneMb.length.toLocaleString()} chars), CLI including start-up:`);
    console.log(`    wall ${fmtMs(a.ms)}   cpu ${fmtMs(a.cpuMs)}   peak memory ${a.maxRssMb.toFixed(0)} MB   ${verdict(a.ms < 2000)} target < 2 s (wall), every rule`);
    const fastOnly = ['--rule', 'missing-char=off', '--rule', 'wrong-char=off'];
    const aFast = repeat(RUNS, () => measure([BIN, ...fastOnly, '--output', path.join(tmp, 'out-a.txt'), file1], tmp, tmp));
    console.log(`    without the model rules (missing-char, wrong-char off): wall ${fmtMs(aFast.ms)}   cpu ${fmtMs(aFast.cpuMs)}   peak memory ${aFast.maxRssMb.toFixed(0)} MB`);
    // where the time goes (REPORT_LINT_TIMING=1: the CLI's own per-rule table, one run)
    const timing = spawnSync(process.execPath, [BIN, '--output', path.join(tmp, 'out-a.txt'), file1], { cwd: tmp, encoding: 'utf8', env: { ...process.env, REPORT_LINT_TIMING: '1' } });
    const table = (timing.stderr ?? '').trim();
    if (table) console.log(`    per rule (REPORT_LINT_TIMING=1, one run):\n${table.split('\n').map((l) => `      ${l}`).join('\n')}`);

    // (b) 1,000 and 100 reports of ~20 KB each.
    const chunks = makeChunks(all, 1000, 20 * 1024);
    const dir1000 = path.join(tmp, 'r1000');
    const dir100 = path.join(tmp, 'r100');
    writeChunks(dir1000, chunks);
    writeChunks(dir100, chunks.slice(0, 100));
    const mb = (n: number) => (chunks.slice(0, n).reduce((s, c) => s + Buffer.byteLength(c), 0) / 1024 / 1024).toFixed(1);
    console.log(`\n(b) folders of reports (~20 KB each), CLI:`);
    const rows: Array<[string, Measure]> = [];
    for (const [label, dir, workers] of [
      ['100 reports', dir100, undefined],
      ['1,000 reports', dir1000, undefined],
      ['100 reports, one thread', dir100, '0'],
      ['1,000 reports, one thread', dir1000, '0'],
    ] as const) {
      const env: Record<string, string> = workers === undefined ? {} : { REPORT_LINT_WORKERS: workers };
      const m = repeat(label.startsWith('1,000') ? Math.min(RUNS, 2) : RUNS, () => withEnv(env, () => measure([BIN, '--output', path.join(tmp, 'out-b.txt'), dir], tmp, tmp)));
      rows.push([label, m]);
      const size = label.startsWith('1,000') ? mb(1000) : mb(100);
      console.log(`    ${label.padEnd(26)} ${size.padStart(5)} MB   wall ${fmtMs(m.ms).padStart(8)}   cpu ${fmtMs(m.cpuMs).padStart(8)}   peak memory ${m.maxRssMb.toFixed(0).padStart(4)} MB`);
    }
    const ratio = rows[1][1].ms / rows[0][1].ms;
    const ratio1 = rows[3][1].ms / rows[2][1].ms;
    const cpuRatio1 = rows[3][1].cpuMs / rows[2][1].cpuMs;
    console.log(`    ratio 1,000 / 100 (wall): ${ratio.toFixed(1)} parallel, ${ratio1.toFixed(1)} one thread; cpu one thread ${cpuRatio1.toFixed(1)}   ${verdict(ratio1 <= 11 && cpuRatio1 <= 11)} linear (≈10, less when start-up is a large share)`);
    console.log(`    parallel speed-up on 1,000 reports: ${(rows[3][1].ms / rows[1][1].ms).toFixed(2)}×`);

    // (c) The same 1 MB beside autocorrect-node.
    console.log(`\n(c) 1 MB beside autocorrect-node (native Rust), both as command-line runs including start-up:`);
    const acDir = path.join(tmp, 'autocorrect');
    fs.mkdirSync(acDir);
    const inst = spawnSync('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', acDir, 'autocorrect-node'], { encoding: 'utf8' });
    const acCli = path.join(acDir, 'node_modules', 'autocorrect-node', 'cli.js');
    if (inst.status !== 0 || !fs.existsSync(acCli)) {
      console.log(`    autocorrect-node could not be installed (${(inst.stderr || '').trim().split('\n').pop()}); skipped.`);
    } else {
      const ac = repeat(RUNS, () => measure([acCli, '--lint', file1], tmp, tmp));
      const factor = a.ms / ac.ms;
      console.log(`    report-lint      wall ${fmtMs(a.ms).padStart(8)}   cpu ${fmtMs(a.cpuMs).padStart(8)}   peak memory ${a.maxRssMb.toFixed(0).padStart(4)} MB`);
      console.log(`    autocorrect-node wall ${fmtMs(ac.ms).padStart(8)}   cpu ${fmtMs(ac.cpuMs).padStart(8)}   peak memory ${ac.maxRssMb.toFixed(0).padStart(4)} MB`);
      console.log(`    report-lint / autocorrect-node = ${factor.toFixed(2)}× wall, ${(a.cpuMs / ac.cpuMs).toFixed(2)}× cpu   ${verdict(factor <= 3)} target ≤ 3× (wall)`);
      console.log(`    without the model rules: ${(aFast.ms / ac.ms).toFixed(2)}× wall, ${(aFast.cpuMs / ac.cpuMs).toFixed(2)}× cpu`);
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  runOtherBenches();
}

/** The first `bytes` UTF-8 bytes of `text`, cut at a line end. */
function takeBytes(text: string, bytes: number): string {
  let out = '';
  let n = 0;
  let source = text;
  while (n < bytes) {
    for (const line of source.split('\n')) {
      out += line + '\n';
      n += Buffer.byteLength(line) + 1;
      if (n >= bytes) break;
    }
    source = text;
  }
  return out;
}

/**
 * `count` documents of about `size` bytes, cut from the corpus at line ends, cycling through it. From the second
 * pass on, every line gets a distinct mark, so no paragraph repeats and per-paragraph caches cannot flatter the run.
 */
function makeChunks(text: string, count: number, size: number): string[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const chunks: string[] = [];
  let i = 0;
  while (chunks.length < count) {
    let c = '';
    let n = 0;
    while (n < size) {
      const pass = Math.floor(i / lines.length);
      const line = lines[i++ % lines.length] + (pass ? `（附${pass}）` : '');
      c += line + '\n';
      n += Buffer.byteLength(line) + 1;
    }
    chunks.push(c);
  }
  return chunks;
}

function writeChunks(dir: string, chunks: string[]): void {
  fs.mkdirSync(dir, { recursive: true });
  chunks.forEach((c, i) => fs.writeFileSync(path.join(dir, `report-${String(i).padStart(4, '0')}.txt`), c));
}

function withEnv<T>(env: Record<string, string>, f: () => T): T {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/** Runs the other parts' benchmarks (bench:lsp, bench:model, …) when package.json defines them. */
function runOtherBenches(): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  for (const name of Object.keys(pkg.scripts ?? {}).filter((n) => n.startsWith('bench:')).sort()) {
    console.log(`\n== npm run ${name}`);
    const r = spawnSync('npm', ['run', '--silent', name], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) {
      console.log(`bench: ${name} exited with ${r.status}`);
      process.exitCode = r.status ?? 1;
    }
  }
}

main();
