import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import type { Diagnostic } from '../../server/src/core/types';
import { dominantEol, fixDocument, safeFixes, writeAtomic } from '../../server/src/cli/fix';
import { lintFile, writeBack, type CheckOptions } from '../../server/src/cli/lint-file';
import { commaRule, tempDir } from './helpers';

const FIX: CheckOptions = { rules: {}, quiet: false, final: false, fix: true, fixDryRun: false };
const DRY: CheckOptions = { ...FIX, fix: false, fixDryRun: true };
const noRuleError = (id: string, e: unknown) => {
  throw new Error(`rule ${id} failed: ${e}`);
};
const check = (d: ReportDocument) => lint(d, [commaRule]);
const lintWith = (file: string, opts = FIX) => lintFile(file, opts, undefined, noRuleError, [commaRule]);

function diag(range: [number, number], text: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'x', severity: 'warn', message: 'm', range, fix: { range, text }, ...extra };
}

test('fixDocument applies every safe fix, never a suggestion, and is stable', () => {
  const doc = new ReportDocument('今年,园区付诸施工,明年,继续。\n');
  const r = fixDocument(doc, check);
  assert.equal(r.doc.text, '今年，园区付诸施工，明年，继续。\n');
  assert.equal(r.fixed, 3);
  assert.equal(r.changed, true);
  // The suggestion-only finding is still reported, and its suggestions were not applied.
  assert.deepEqual(r.diagnostics.map((d) => d.message), ['疑似漏字']);
  const again = fixDocument(r.doc, check);
  assert.equal(again.changed, false);
  assert.equal(again.fixed, 0);
  assert.equal(again.doc.text, r.doc.text);
});

test('safeFixes refuses ranges that cut a surrogate pair or a CRLF pair, or fall outside the text', () => {
  const text = '甲𠀀乙\r\n丙';
  // 𠀀 is at [1,3); \r\n at [4,6).
  const fixes = safeFixes(text, [
    diag([2, 3], 'x'), // cuts the surrogate pair
    diag([5, 5], 'x'), // between \r and \n
    diag([0, 1], '丁'), // fine
    diag([6, 99], 'x'), // out of range
    diag([-1, 0], 'x'),
    { ruleId: 'x', severity: 'warn', message: 'm', range: [3, 4], suggestions: [{ desc: 'd', fix: { range: [3, 4], text: '乙乙' } }] },
  ]);
  assert.deepEqual(fixes, [{ range: [0, 1], text: '丁' }]);
});

test('safeFixes writes line breaks of a replacement in the file\'s own style', () => {
  assert.equal(dominantEol('a\r\nb\r\nc\nd'), '\r\n');
  assert.equal(dominantEol('a\nb'), '\n');
  assert.equal(dominantEol('a\rb\rc'), '\r');
  assert.equal(dominantEol('abc'), '\n');
  const fixes = safeFixes('甲\r\n乙', [diag([1, 1], '。\n')]);
  assert.deepEqual(fixes, [{ range: [1, 1], text: '。\r\n' }]);
});

test('fixes that undo each other stop instead of oscillating', () => {
  let flip = 0;
  const pingPong = (d: ReportDocument): Diagnostic[] => {
    flip++;
    const i = d.text.indexOf('甲') >= 0 ? d.text.indexOf('甲') : d.text.indexOf('乙');
    return i < 0 ? [] : [diag([i, i + 1], d.text[i] === '甲' ? '乙' : '甲')];
  };
  const r = fixDocument(new ReportDocument('甲。'), pingPong);
  assert.ok(flip <= 3, `checked ${flip} times`);
  assert.equal(r.doc.text, '乙。');
});

const SOURCE = '一、总体情况\r\n今年,园区完成投资,同比增长。付诸施工顺利。\r\n😀表情,保留\r\n';
const FIXED = '一、总体情况\r\n今年，园区完成投资，同比增长。付诸施工顺利。\r\n😀表情，保留\r\n';

for (const [name, encoding, bom] of [
  ['UTF-8', 'utf8', false],
  ['UTF-8 with BOM', 'utf8', true],
  ['UTF-16 LE with BOM', 'utf16le', true],
  ['UTF-16 BE with BOM', 'utf16be', true],
] as const) {
  test(`--fix keeps ${name}, its BOM and CRLF line endings; fixing twice changes nothing`, () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.txt');
    const enc = (s: string) => {
      const body = iconv.encode(s, encoding);
      const mark = !bom ? [] : encoding === 'utf8' ? [0xef, 0xbb, 0xbf] : encoding === 'utf16le' ? [0xff, 0xfe] : [0xfe, 0xff];
      return Buffer.concat([Buffer.from(mark), body]);
    };
    fs.writeFileSync(file, enc(SOURCE));
    const r = lintWith(file);
    assert.equal(r.error, undefined);
    assert.equal(r.fixed, 3);
    assert.deepEqual(fs.readFileSync(file), enc(FIXED));
    const mtime = fs.statSync(file).mtimeMs;
    const second = lintWith(file);
    assert.equal(second.output, undefined);
    assert.equal(second.fixed, 0);
    assert.deepEqual(fs.readFileSync(file), enc(FIXED));
    assert.equal(fs.statSync(file).mtimeMs, mtime, 'an unchanged file is not rewritten');
  });
}

test('--fix keeps a GBK file (no BOM) in GBK, and only the fixed bytes change', () => {
  const dir = tempDir();
  const file = path.join(dir, 'gbk.txt');
  const src = '今年,园区完成投资。\n明年继续推进重点项目建设工作，确保全年目标任务圆满完成。\n';
  const before = iconv.encode(src, 'gbk');
  fs.writeFileSync(file, before);
  const r = lintWith(file);
  assert.equal(r.error, undefined);
  const after = fs.readFileSync(file);
  assert.deepEqual(after, iconv.encode(src.replace(',', '，'), 'gbk'));
  // Bytes before the comma are identical; the comma (1 byte) became "，" (2 bytes); the rest is shifted, unchanged.
  const at = iconv.encode('今年', 'gbk').length;
  assert.deepEqual(after.subarray(0, at), before.subarray(0, at));
  assert.deepEqual(after.subarray(at + 2), before.subarray(at + 1));
});

test('--fix-dry-run reports the fixed text without writing', () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.md');
  fs.writeFileSync(file, '今年,园区\n');
  const r = lintWith(file, DRY);
  assert.equal(r.output, '今年，园区\n');
  assert.equal(r.fixed, 1);
  assert.equal(fs.readFileSync(file, 'utf8'), '今年,园区\n');
});

test('writeBack refuses when the file changed since it was read, or cannot be stored in its encoding', () => {
  const dir = tempDir();
  const file = path.join(dir, 'a.txt');
  fs.writeFileSync(file, '新的内容');
  assert.match(writeBack(file, '旧的内容', '旧的内容。', { encoding: 'utf8', bom: false })!, /检查期间文件被修改/);
  assert.equal(fs.readFileSync(file, 'utf8'), '新的内容');
  const gbk = path.join(dir, 'b.txt');
  fs.writeFileSync(gbk, iconv.encode('今年', 'gbk'));
  // "😀" has no GBK form (GB18030 has): writing it into a GBK-detected file must refuse, not write "?".
  assert.match(writeBack(gbk, '今年', '今年😀', { encoding: 'gbk', bom: false })!, /无法用文件的编码/);
  assert.deepEqual(fs.readFileSync(gbk), iconv.encode('今年', 'gbk'));
  assert.equal(writeBack(file, '新的内容', '新的内容。', { encoding: 'utf8', bom: false }), undefined);
  assert.equal(fs.readFileSync(file, 'utf8'), '新的内容。');
  fs.rmSync(file);
  assert.match(writeBack(file, '新的内容', 'x', { encoding: 'utf8', bom: false })!, /无法再次读取/);
});

test('writeAtomic keeps the permission bits, follows a symbolic link and leaves no temporary file', () => {
  const dir = tempDir();
  const file = path.join(dir, 'real.txt');
  fs.writeFileSync(file, 'old');
  fs.chmodSync(file, 0o640);
  const link = path.join(dir, 'link.txt');
  fs.symlinkSync(file, link);
  writeAtomic(link, Buffer.from('new'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'new');
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link stays a link');
  assert.equal(fs.statSync(file).mode & 0o777, 0o640);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['link.txt', 'real.txt']);
});

test('writeAtomic leaves the target untouched and removes its temporary file when the rename fails', () => {
  const dir = tempDir();
  // A folder where the file should be: rename over it fails.
  const target = path.join(dir, 'x.txt');
  fs.mkdirSync(target);
  fs.writeFileSync(path.join(target, 'inner'), 'keep');
  assert.throws(() => writeAtomic(target, Buffer.from('new')));
  assert.deepEqual(fs.readdirSync(dir), ['x.txt']);
  assert.equal(fs.readFileSync(path.join(target, 'inner'), 'utf8'), 'keep');
});
