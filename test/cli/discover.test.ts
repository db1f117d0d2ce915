import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discover } from '../../server/src/cli/discover';
import { runBin, tempDir, writeTree } from './helpers';

const rel = (dir: string, files: string[]) => files.map((f) => path.relative(dir, f).split(path.sep).join('/'));

test('folders: *.txt, *.md, *.docx only; hidden entries, node_modules and .git skipped; sorted', () => {
  const dir = tempDir();
  writeTree(dir, {
    'b.txt': 'x',
    'a.md': 'x',
    'c.DOCX': 'x',
    'd.rst': 'x',
    '.hidden.txt': 'x',
    '.cache/x.txt': 'x',
    'node_modules/pkg/readme.md': 'x',
    '.git/notes.txt': 'x',
    'sub/z.txt': 'x',
    'sub/deeper/y.md': 'x',
  });
  assert.deepEqual(rel(dir, discover([], dir).files), ['a.md', 'b.txt', 'c.DOCX', 'sub/deeper/y.md', 'sub/z.txt']);
});

test('.gitignore files are respected, nested ones and those above the search root up to the repository root', () => {
  const dir = tempDir();
  writeTree(dir, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': 'drafts/\n*.tmp.md\n',
    'drafts/a.txt': 'x',
    'keep.txt': 'x',
    'old.tmp.md': 'x',
    'docs/.gitignore': 'private.txt\n!important.tmp.md\n',
    'docs/private.txt': 'x',
    'docs/public.txt': 'x',
    'docs/important.tmp.md': 'x',
    'docs/sub/private.txt': 'x',
  });
  assert.deepEqual(rel(dir, discover([], dir).files), ['docs/important.tmp.md', 'docs/public.txt', 'keep.txt']);
  // Searching from inside: the repository root's .gitignore still applies.
  const docs = path.join(dir, 'docs');
  assert.deepEqual(rel(dir, discover(['.'], docs).files), ['docs/important.tmp.md', 'docs/public.txt']);
  assert.deepEqual(rel(dir, discover(['drafts'], dir).files), [], 'an ignored folder named on the command line stays ignored inside');
  assert.deepEqual(rel(dir, discover(['drafts/a.txt'], dir).files), ['drafts/a.txt'], 'a file named on the command line is checked');
  assert.equal(discover([], dir, { gitignore: false }).files.length, 7);
});

test('.reportlintignore (nested too), --ignore-path and config ignorePatterns relative to their folder', () => {
  const dir = tempDir();
  writeTree(dir, {
    '.reportlintignore': '归档/\n',
    '归档/2019.txt': 'x',
    'a/.reportlintignore': 'skip.txt\n',
    'a/skip.txt': 'x',
    'a/keep.txt': 'x',
    'b/.reportlintrc.json': JSON.stringify({ ignorePatterns: ['generated/**'] }),
    'b/generated/x.txt': 'x',
    'b/own.txt': 'x',
    'generated/top.txt': 'x',
  });
  assert.deepEqual(rel(dir, discover([], dir).files), ['a/keep.txt', 'b/own.txt', 'generated/top.txt']);
  writeTree(dir, { 'other-ignore': 'generated/\n' });
  assert.deepEqual(rel(dir, discover([], dir, { ignorePath: 'other-ignore' }).files), ['a/keep.txt', 'b/own.txt', '归档/2019.txt']);
  assert.throws(() => discover([], dir, { ignorePath: 'missing' }), /找不到忽略文件/);
});

test('globs match from their static prefix and respect ignores; unmatched operands are reported', () => {
  const dir = tempDir();
  writeTree(dir, { '.reportlintignore': 'docs/skip.txt\n', 'docs/a.txt': 'x', 'docs/skip.txt': 'x', 'docs/x/b.txt': 'x', 'docs/c.md': 'x', 'other/d.txt': 'x' });
  assert.deepEqual(rel(dir, discover(['docs/**/*.txt'], dir).files), ['docs/a.txt', 'docs/x/b.txt']);
  assert.deepEqual(rel(dir, discover(['*/*.md'], dir).files), ['docs/c.md']);
  const d = discover(['nothing/**/*.txt', 'missing.txt', 'docs/a.txt', 'docs/a.txt'], dir);
  assert.deepEqual(d.unmatched, ['nothing/**/*.txt', 'missing.txt']);
  assert.deepEqual(rel(dir, d.files), ['docs/a.txt']);
});

test('symbolic links: followed once, loops survived, dangling links skipped', () => {
  const dir = tempDir();
  writeTree(dir, { 'real/a.txt': 'x', 'real/sub/b.txt': 'x' });
  fs.symlinkSync(path.join(dir, 'real'), path.join(dir, 'real', 'sub', 'loop'));
  fs.symlinkSync('..', path.join(dir, 'real', 'up'));
  fs.symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'real', 'dangling.txt'));
  fs.symlinkSync(path.join(dir, 'real', 'a.txt'), path.join(dir, 'real', 'link.txt'));
  const files = rel(dir, discover([], dir).files);
  assert.ok(files.includes('real/a.txt') && files.includes('real/sub/b.txt') && files.includes('real/link.txt'));
  assert.ok(files.length < 10, `no endless descent: ${files.join(', ')}`);
  const r = runBin(['--format', 'json'], { cwd: dir, timeout: 30_000 });
  assert.equal(r.code, 0, r.stderr);
});

test('parallel run (worker threads) gives the same report, in the same order, as one thread', () => {
  const dir = tempDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) {
    const body = i % 3 === 0 ? '截至xx月底，完成投资。\n' : i % 3 === 1 ? '一、总体情况\n今年园区运行平稳。\n' : '项目共个，约亩。\n'.repeat(1 + (i % 5));
    files[`f${String(i).padStart(2, '0')}.txt`] = body.repeat(1 + ((i * 7) % 4));
  }
  files['bad.txt'] = '';
  writeTree(dir, files);
  fs.writeFileSync(path.join(dir, 'bad.txt'), Buffer.from([0xe4, 0xbb, 0x8a, 0xff, 0xff, 0xff, 0x80, 0x80, 0xfe, 0x30]));
  const one = runBin(['--format', 'json'], { cwd: dir, env: { REPORT_LINT_WORKERS: '0', REPORT_LINT_VERBOSE: '1' } });
  const pool = runBin(['--format', 'json'], { cwd: dir, env: { REPORT_LINT_WORKERS: '3', REPORT_LINT_VERBOSE: '1' } });
  const auto = runBin(['--format', 'json'], { cwd: dir, env: { REPORT_LINT_VERBOSE: '1' } });
  assert.match(one.stderr, /61 个文件，单线程检查/);
  assert.match(pool.stderr, /61 个文件，3 个工作线程并行检查/);
  assert.match(auto.stderr, /61 个文件，\d 个工作线程并行检查/, 'more than 50 files: parallel by default');
  assert.equal(one.code, 2);
  assert.equal(pool.code, 2);
  assert.equal(pool.stdout, one.stdout);
  assert.equal(auto.stdout, one.stdout);
  assert.equal(JSON.parse(one.stdout).length, 61);
});

test('REPORT_LINT_TIMING=1 prints where the time went, per rule, after the same report (one thread)', () => {
  const dir = tempDir();
  const files: Record<string, string> = {};
  for (let i = 0; i < 55; i++) files[`r${i}.txt`] = '一、总体情况\n截至xx月底，项目共个，完成投资3.2亿元。\n';
  writeTree(dir, files);
  const plain = runBin(['--format', 'json'], { cwd: dir, env: { REPORT_LINT_WORKERS: '0' } });
  const timed = runBin(['--format', 'json'], { cwd: dir, env: { REPORT_LINT_TIMING: '1', REPORT_LINT_VERBOSE: '1' } });
  assert.equal(timed.code, plain.code);
  assert.equal(timed.stdout, plain.stdout);
  assert.match(timed.stderr, /55 个文件，单线程检查/, 'timing checks in one thread even with many files');
  const rows = timed.stderr.split('\n').filter((l) => /\|\s+[\d.]+ \|\s+[\d.]+%$/.test(l));
  const names = rows.map((l) => l.split('|')[0].trim());
  for (const id of ['placeholder', 'missing-number', 'wrong-char', 'missing-char', '（分词）', '（加载语言模型）']) assert.ok(names.includes(id), `${id} in\n${timed.stderr}`);
  assert.doesNotMatch(plain.stderr, /时间（毫秒）/);
});
