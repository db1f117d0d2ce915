// Packages the VS Code extension as a VSIX for one platform (default: this machine's), offline-ready.
//
//   node scripts/package.mjs [--target linux-x64|linux-arm64|linux-armhf|alpine-x64|alpine-arm64|darwin-x64|
//                             darwin-arm64|win32-x64|win32-arm64] [--out FILE] [--no-build]
//
// The client and the server are esbuild bundles; the one native dependency, @node-rs/jieba, stays outside the
// bundle, so the VSIX carries it (with its dictionary) and the jieba binary of the target platform under
// dist/node_modules/, where dist/server.js finds it. The extension is staged in out/vsix/<target>/ with only what
// it needs (manifest, translations, grammars, bundles — client, server and the server's model-tier worker —,
// server/data) and packed there with `vsce package`.
// A platform package not installed here (another OS or CPU) is fetched with `npm pack` from the registry.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** vsce target → the @node-rs/jieba platform package that runs there. */
export const JIEBA_PLATFORM = {
  'linux-x64': 'jieba-linux-x64-gnu',
  'linux-arm64': 'jieba-linux-arm64-gnu',
  'linux-armhf': 'jieba-linux-arm-gnueabihf',
  'alpine-x64': 'jieba-linux-x64-musl',
  'alpine-arm64': 'jieba-linux-arm64-musl',
  'darwin-x64': 'jieba-darwin-x64',
  'darwin-arm64': 'jieba-darwin-arm64',
  'win32-x64': 'jieba-win32-x64-msvc',
  'win32-arm64': 'jieba-win32-arm64-msvc',
};

function hostTarget() {
  const arch = { x64: 'x64', arm64: 'arm64', arm: 'armhf' }[process.arch];
  let os = process.platform;
  if (os === 'linux') {
    // glibc or musl (Alpine): Node reports the glibc version it runs on, musl has none.
    const glibc = process.report?.getReport?.().header?.glibcVersionRuntime;
    if (!glibc) os = 'alpine';
  }
  return `${os}-${arch}`;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { target: undefined, out: undefined, build: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--target' || a === '-t') opts.target = argv[++i];
    else if (a.startsWith('--target=')) opts.target = a.slice('--target='.length);
    else if (a === '--out' || a === '-o') opts.out = argv[++i];
    else if (a === '--no-build') opts.build = false;
    else fail(`unknown argument ${a}`);
  }
  return opts;
}

function run(cmd, args, cwd = root) {
  try {
    execFileSync(cmd, args, { cwd, stdio: 'inherit', shell: process.platform === 'win32' });
  } catch (e) {
    fail(`${relative(root, args[0] ?? cmd)} ${args[1] ?? ''} failed (exit ${e.status ?? e.signal ?? e.message})`);
  }
}

/** The installed platform package, or a copy fetched with `npm pack` (same version as @node-rs/jieba). */
function platformPackage(name, version) {
  const installed = join(root, 'node_modules/@node-rs', name);
  if (existsSync(join(installed, 'package.json'))) {
    const v = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version;
    if (v === version) return installed;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'report-lint-pack-'));
  console.log(`package: fetching @node-rs/${name}@${version}`);
  const file = execFileSync('npm', ['pack', `@node-rs/${name}@${version}`, '--silent', '--pack-destination', tmp], {
    cwd: tmp,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  })
    .trim()
    .split('\n')
    .pop();
  execFileSync('tar', ['xzf', join(tmp, file), '-C', tmp]);
  return join(tmp, 'package');
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  const target = opts.target ?? hostTarget();
  const platform = JIEBA_PLATFORM[target];
  if (!platform) fail(`no jieba build for target "${target}"; one of: ${Object.keys(JIEBA_PLATFORM).join(', ')}`);

  if (opts.build) run(process.execPath, ['scripts/build.mjs']);
  const bundles = ['dist/client.js', 'dist/server.js', 'dist/model-worker.js'];
  for (const f of bundles) {
    if (!existsSync(join(root, f))) fail(`${f} is missing: run npm run build`);
  }

  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const jiebaDir = join(root, 'node_modules/@node-rs/jieba');
  const jiebaPkg = JSON.parse(readFileSync(join(jiebaDir, 'package.json'), 'utf8'));

  const stage = join(root, 'out/vsix', target);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const copy = (from, to = from) => cpSync(join(root, from), join(stage, to), { recursive: true });

  // The manifest without what only the repository needs (scripts would run in vsce's prepublish step).
  const manifest = { ...pkg };
  for (const k of ['scripts', 'devDependencies', 'dependencies', 'bin', 'private']) delete manifest[k];
  writeFileSync(join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const f of readdirSync(root)) if (/^package\.nls(\.[\w-]+)?\.json$/.test(f)) copy(f);
  for (const f of ['README.md', 'LICENSE', 'language-configuration.json', 'syntaxes']) copy(f);
  for (const f of bundles) copy(f);
  if (existsSync(join(root, 'server/data'))) copy('server/data');

  // @node-rs/jieba (its published files) and the target's binary, beside the bundles.
  const nm = join(stage, 'dist/node_modules/@node-rs');
  mkdirSync(join(nm, 'jieba'), { recursive: true });
  for (const f of ['package.json', ...jiebaPkg.files]) {
    if (existsSync(join(jiebaDir, f))) cpSync(join(jiebaDir, f), join(nm, 'jieba', f), { recursive: true });
  }
  cpSync(platformPackage(platform, jiebaPkg.version), join(nm, platform), { recursive: true });

  const out = resolve(opts.out ?? join(root, `${pkg.name}-${target}-${pkg.version}.vsix`));
  const vsce = join(root, 'node_modules/@vscode/vsce/vsce');
  run(
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--target', target, '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out],
    stage,
  );
  console.log(`package: ${relative(process.cwd(), out) || out} (${target})`);
}

main();
