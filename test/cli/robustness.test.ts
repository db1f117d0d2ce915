// Bad and extreme input through the built CLI: a clear message, the right exit code, never a stack trace, and the
// other files still checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { assertNoStack, runBin, tempDir, writeTree } from './helpers';

const DRAFT = '截至xx月底，全年完成投资。\n';
type Json = Array<{ filePath: string; errorCount: number; warningCount: number; messages: Array<{ message: string; line: number; column: number; ruleId: string | null }> }>;

function lintJson(dir: string, args: string[] = []): { code: number | null; json: Json; stderr: string } {
  const r = runBin(['--format', 'json', ...args], { cwd: dir, timeout: 120_000 });
  assertNoStack(r.stderr);
  assertNoStack(r.stdout);
  return { code: r.code, json: JSON.parse(r.stdout), stderr: r.stderr };
}
const byName = (dir: string, json: Json) => Object.fromEntries(json.map((f) => [path.relative(dir, f.filePath), f]));

test('encodings: UTF-8 ± BOM, UTF-16 LE/BE with BOM and GBK without BOM are all read; positions agree', () => {
  const dir = tempDir();
  writeTree(dir, {
    'utf8.txt': DRAFT,
    'utf8bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT)]),
    'utf16le.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(DRAFT, 'utf16le')]),
    'utf16be.txt': Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(DRAFT, 'utf16be')]),
    'gbk.txt': iconv.encode('今年以来，我局认真贯彻落实各项决策部署。' + DRAFT, 'gbk'),
  });
  const { code, json } = lintJson(dir);
  assert.equal(code, 0);
  const f = byName(dir, json);
  for (const name of ['utf8.txt', 'utf8bom.txt', 'utf16le.txt', 'utf16be.txt']) {
    assert.equal(f[name].warningCount, 1, name);
    assert.deepEqual([f[name].messages[0].line, f[name].messages[0].column], [1, 3], name);
  }
  assert.equal(f['gbk.txt'].warningCount, 1);
  assert.equal(f['gbk.txt'].messages[0].column, 23);
});

test('empty, binary, invalid UTF-8 and a vanished file: clear messages, exit 2 only for real failures', () => {
  const dir = tempDir();
  writeTree(dir, {
    'empty.txt': '',
    'good.txt': DRAFT,
    'image.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  });
  const ok = lintJson(dir);
  assert.equal(ok.code, 0, 'empty and binary files are no failure');
  const f = byName(dir, ok.json);
  assert.equal(f['empty.txt'].messages.length, 0);
  assert.equal(f['good.txt'].warningCount, 1);
  const stylish = runBin(['image.txt'], { cwd: dir });
  assert.match(stylish.stdout, /image\.txt\n {2}跳过 {2}二进制文件，已跳过/);

  // Bytes that are neither UTF-8 nor GB18030 (a lone 0xFF lead byte in GB18030 is invalid).
  writeTree(dir, { 'bad.txt': Buffer.from([0xe4, 0xbb, 0x8a, 0xff, 0xff, 0xff, 0x80, 0x80, 0xfe, 0x30]) });
  const bad = lintJson(dir);
  assert.equal(bad.code, 2);
  const b = byName(dir, bad.json)['bad.txt'];
  assert.equal(b.errorCount, 1);
  assert.match(b.messages[0].message, /无法识别文件编码/);
  assert.equal(byName(dir, bad.json)['good.txt'].warningCount, 1, 'the others are still checked');
});

test('a file that disappears, a folder named x.txt, an unreadable file', () => {
  const dir = tempDir();
  writeTree(dir, { 'good.txt': DRAFT });
  fs.mkdirSync(path.join(dir, 'folder.txt'));
  fs.writeFileSync(path.join(dir, 'folder.txt', 'inner.txt'), DRAFT);
  // A dangling link: found while listing, gone when read (a file deleted mid-run looks the same to the reader).
  fs.symlinkSync(path.join(dir, 'gone-target.txt'), path.join(dir, 'gone.txt'));
  const r = lintJson(dir, ['good.txt', 'gone.txt', 'folder.txt']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /没有找到与 “gone\.txt” 匹配的文件/);
  const f = byName(dir, r.json);
  assert.equal(f['good.txt'].warningCount, 1);
  assert.equal(f[path.join('folder.txt', 'inner.txt')].warningCount, 1, 'a folder named x.txt is searched, not read');
});

test('a file deleted between discovery and reading is reported by name', async () => {
  const { lintFile } = await import('../../server/src/cli/lint-file');
  const dir = tempDir();
  const r = lintFile(path.join(dir, 'vanished.txt'), { rules: {}, quiet: false, final: false, fix: false, fixDryRun: false }, undefined, () => {});
  assert.match(r.error!, /文件不存在（可能已被删除）/);
  // Root can read anything, so an unreadable path is simulated by a folder where a file was expected.
  fs.mkdirSync(path.join(dir, 'x.txt'));
  const d = lintFile(path.join(dir, 'x.txt'), { rules: {}, quiet: false, final: false, fix: false, fixDryRun: false }, undefined, () => {});
  assert.match(d.error!, /这是一个文件夹/);
});

test('an unreadable file (chmod 000)', { skip: process.getuid?.() === 0 ? 'running as root: root reads any file, so permissions cannot make it unreadable' : false }, () => {
  const dir = tempDir();
  writeTree(dir, { 'good.txt': DRAFT, 'secret.txt': DRAFT });
  fs.chmodSync(path.join(dir, 'secret.txt'), 0o000);
  const r = lintJson(dir);
  assert.equal(r.code, 2);
  assert.match(byName(dir, r.json)['secret.txt'].messages[0].message, /没有读取权限/);
  assert.equal(byName(dir, r.json)['good.txt'].warningCount, 1);
});

test('a broken .reportlintrc.json fails the files under it (exit 2), the others are still checked', () => {
  const dir = tempDir();
  writeTree(dir, { 'good.txt': DRAFT, 'broken/.reportlintrc.json': '{ "rules": { "placeholder": "error", } ', 'broken/a.txt': DRAFT });
  const r = lintJson(dir);
  assert.equal(r.code, 2);
  const f = byName(dir, r.json);
  assert.match(f[path.join('broken', 'a.txt')].messages[0].message, /配置错误：.*\.reportlintrc\.json: 不是有效的 JSON/);
  assert.equal(f['good.txt'].warningCount, 1);
  const s = runBin([], { cwd: dir });
  assertNoStack(s.stdout + s.stderr);
});

test('configuration is data only: unexpected keys (plugins, code, URLs) are rejected, nothing is run or fetched', () => {
  const dir = tempDir();
  const marker = path.join(dir, 'ran.txt');
  for (const config of [
    { plugins: ['./evil.js'] },
    { extends: 'https://example.invalid/config.json' },
    { rules: { placeholder: 'warn' }, parser: './evil.js' },
    { rules: { 'my-rule': 'warn' } },
    { overrides: [{ files: '*.txt', processor: './evil.js' }] },
  ]) {
    writeTree(dir, {
      '.reportlintrc.json': JSON.stringify(config),
      'evil.js': `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran')`,
      'a.txt': DRAFT,
    });
    const r = runBin(['a.txt'], { cwd: dir });
    assert.equal(r.code, 2, JSON.stringify(config));
    assert.match(r.stdout + r.stderr, /配置错误/);
    assertNoStack(r.stdout + r.stderr);
    assert.equal(fs.existsSync(marker), false);
  }
});

test('sizes: a 2 MB single line and a 20 MB file are checked, with positions on the right line', () => {
  const dir = tempDir();
  const unit = '今年以来，园区认真贯彻落实各项决策部署，经济运行总体平稳。';
  const line = unit.repeat(Math.ceil((2 * 1024 * 1024) / Buffer.byteLength(unit)));
  fs.writeFileSync(path.join(dir, 'line.txt'), line + '截至xx月底');
  const para = '一、总体情况\n' + unit.repeat(20) + '\n';
  const big = para.repeat(Math.ceil((20 * 1024 * 1024) / Buffer.byteLength(para)));
  fs.writeFileSync(path.join(dir, 'big.txt'), big + '截至xx月底\n');
  const r = lintJson(dir);
  assert.equal(r.code, 0, r.stderr);
  const f = byName(dir, r.json);
  assert.deepEqual(f['line.txt'].messages.filter((m) => m.ruleId === 'placeholder').map((m) => [m.line, m.column]), [[1, line.length + 3]]);
  const lines = big.split('\n').length;
  assert.deepEqual(f['big.txt'].messages.filter((m) => m.ruleId === 'placeholder').map((m) => m.line), [lines]);
});

test('CR-only and mixed line endings give the same lines as an editor shows', () => {
  const dir = tempDir();
  writeTree(dir, { 'cr.txt': '第一行\r第二行\r截至xx月底\r', 'mixed.txt': '一\r\n二\n三\r截至xx月底' });
  const f = byName(dir, lintJson(dir).json);
  assert.equal(f['cr.txt'].messages[0].line, 3);
  assert.equal(f['mixed.txt'].messages[0].line, 4);
});

test('a reader that closes the pipe early (| head) ends the run quietly, without a stack trace', async () => {
  const { spawn } = await import('node:child_process');
  const { BIN, ensureBuilt } = await import('./helpers');
  ensureBuilt();
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'many.txt'), '截至xx月底，完成投资xx万元。\n'.repeat(4000));
  const child = spawn(process.execPath, [BIN, '--format', 'sarif', 'many.txt'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assertNoStack(stderr);
  assert.doesNotMatch(stderr, /EPIPE/);
  assert.ok(code === 0 || code === 1, `exit ${code}`);
});
