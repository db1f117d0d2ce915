// Every flag of SPEC.md's CLI section, against the built CLI (node bin/report-lint.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../../server/src/rules';
import { assertNoStack, runBin, tempDir, writeTree } from './helpers';

const DRAFT = '一、总体情况\n截至xx月底，全年完成投资。\n';
const CLEAN = '一、总体情况\n今年园区完成投资十亿元。\n';

function project(): string {
  const dir = tempDir();
  writeTree(dir, { 'draft.txt': DRAFT, 'clean.md': CLEAN, 'sub/more.txt': DRAFT, 'notes.rst': DRAFT });
  return dir;
}

test('--version prints the version, --help the usage with every flag', () => {
  const dir = tempDir();
  const v = runBin(['--version'], { cwd: dir });
  assert.equal(v.code, 0);
  assert.match(v.stdout, /^\d+\.\d+\.\d+/);
  const h = runBin(['--help'], { cwd: dir });
  assert.equal(h.code, 0);
  for (const flag of ['--format', '--output', '--config', '--rule', '--ignore-path', '--fix', '--fix-dry-run', '--max-warnings', '--quiet', '--no-color', '--stdin', '--stdin-filename', '--final', '--version', '--help']) {
    assert.ok(h.stdout.includes(flag), flag);
  }
  for (const f of ['stylish', 'json', 'sarif', 'github', 'junit']) assert.ok(h.stdout.includes(f), f);
});

test('default: the current folder, .txt/.md only, stable order, exit 0 with warnings', () => {
  const dir = project();
  const r = runBin(['--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.map((f: { filePath: string }) => path.relative(dir, f.filePath)), ['clean.md', 'draft.txt', path.join('sub', 'more.txt')]);
  assert.equal(json[1].warningCount, 1);
  assert.equal(json[1].messages[0].ruleId, 'placeholder');
  assert.equal(json[1].messages[0].line, 2);
  assert.equal(json[1].messages[0].column, 3);
});

test('--format: every format, and an unknown one is a usage error (exit 2)', () => {
  const dir = project();
  for (const [format, check] of [
    ['stylish', (s: string) => assert.match(s, /draft\.txt\n {2}2:3 {2}警告 {2}占位符/)],
    ['json', (s: string) => assert.equal(JSON.parse(s).length, 3)],
    ['sarif', (s: string) => assert.equal(JSON.parse(s).runs[0].results.length, 2)],
    ['github', (s: string) => assert.match(s, /^::warning file=draft\.txt,line=2,col=3,endLine=2,endColumn=5,title=report-lint\(placeholder\)::/m)],
    ['junit', (s: string) => assert.match(s, /<testsuites name="report-lint" tests="3" failures="2"/)],
  ] as const) {
    const r = runBin(['--format', format, '.'], { cwd: dir });
    assert.equal(r.code, 0, `${format}: ${r.stderr}`);
    check(r.stdout);
  }
  const bad = runBin(['--format', 'nope'], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /未知输出格式 “nope”/);
  assertNoStack(bad.stderr);
});

test('--output writes the report to a file (creating folders) and nothing to stdout', () => {
  const dir = project();
  const r = runBin(['--format', 'sarif', '--output', 'out/report.sarif'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  const log = JSON.parse(fs.readFileSync(path.join(dir, 'out/report.sarif'), 'utf8'));
  assert.equal(log.version, '2.1.0');
  // Colour never goes into a file.
  runBin(['--output', 'out/report.txt', '--color'], { cwd: dir });
  assert.doesNotMatch(fs.readFileSync(path.join(dir, 'out/report.txt'), 'utf8'), /\u001b\[/);
});

test('--config uses only that file; --rule overrides it; bad values are usage errors', () => {
  const dir = project();
  writeTree(dir, { '.reportlintrc.json': JSON.stringify({ rules: { placeholder: 'error' } }), 'cfg/off.json': JSON.stringify({ rules: { placeholder: 'off' } }) });
  assert.equal(runBin(['draft.txt'], { cwd: dir }).code, 1, 'the found config makes it an error');
  const off = runBin(['--config', 'cfg/off.json', '--format', 'json', 'draft.txt'], { cwd: dir });
  assert.equal(off.code, 0);
  assert.equal(JSON.parse(off.stdout)[0].messages.length, 0);
  const rule = runBin(['--config', 'cfg/off.json', '--rule', 'placeholder=warn', '--format', 'json', 'draft.txt'], { cwd: dir });
  assert.equal(JSON.parse(rule.stdout)[0].warningCount, 1);
  assert.equal(runBin(['--rule', 'placeholder=error', 'draft.txt'], { cwd: dir }).code, 1);
  assert.equal(runBin(['--rule', 'placeholder=off', '--rule', 'placeholder=info', '--format', 'json', 'draft.txt'], { cwd: dir }).stdout.includes('"severity":0'), true, 'the last --rule wins');
  for (const [args, msg] of [
    [['--rule', 'nope=warn'], /未知规则 “nope”/],
    [['--rule', 'placeholder=loud'], /级别应为/],
    [['--rule', 'placeholder'], /--rule 的格式应为/],
    [['--config', 'missing.json'], /无法读取配置文件/],
  ] as const) {
    const r = runBin([...args, 'draft.txt'], { cwd: dir });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, msg);
    assertNoStack(r.stderr);
  }
});

test('--ignore-path replaces .reportlintignore; a missing one is an error', () => {
  const dir = project();
  writeTree(dir, { '.reportlintignore': 'draft.txt\n', 'my-ignore': 'sub/\n' });
  const names = (args: string[]) => JSON.parse(runBin([...args, '--format', 'json'], { cwd: dir }).stdout).map((f: { filePath: string }) => path.relative(dir, f.filePath));
  assert.deepEqual(names([]), ['clean.md', path.join('sub', 'more.txt')]);
  assert.deepEqual(names(['--ignore-path', 'my-ignore']), ['clean.md', 'draft.txt']);
  const r = runBin(['--ignore-path', 'nope'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /找不到忽略文件：nope/);
});

test('--max-warnings: more warnings than allowed exit 1, as many exit 0; bad values exit 2', () => {
  const dir = project();
  assert.equal(runBin(['--max-warnings', '2'], { cwd: dir }).code, 0);
  const over = runBin(['--max-warnings', '1'], { cwd: dir });
  assert.equal(over.code, 1);
  assert.match(over.stderr, /警告数 2 超过了 --max-warnings 1/);
  assert.equal(runBin(['--max-warnings', '0', 'clean.md'], { cwd: dir }).code, 0);
  assert.equal(runBin(['--max-warnings', 'x'], { cwd: dir }).code, 2);
});

test('--quiet reports errors only', () => {
  const dir = project();
  const r = runBin(['--quiet', '--format', 'json', 'draft.txt'], { cwd: dir });
  assert.equal(JSON.parse(r.stdout)[0].messages.length, 0);
  const e = runBin(['--quiet', '--final', '--format', 'json', 'draft.txt'], { cwd: dir });
  assert.equal(JSON.parse(e.stdout)[0].errorCount, 1);
});

test('--no-color and NO_COLOR turn colour off; --color forces it', () => {
  const dir = project();
  assert.match(runBin(['--color', 'draft.txt'], { cwd: dir }).stdout, /\u001b\[33m/);
  assert.doesNotMatch(runBin(['--color', '--no-color', 'draft.txt'], { cwd: dir }).stdout, /\u001b\[/);
  assert.doesNotMatch(runBin(['draft.txt'], { cwd: dir }).stdout, /\u001b\[/, 'not a terminal: no colour');
});

test('--stdin checks standard input; --stdin-filename names it and picks format and config', () => {
  const dir = project();
  writeTree(dir, { 'strict/.reportlintrc.json': JSON.stringify({ rules: { placeholder: 'error' } }) });
  const r = runBin(['--stdin', '--format', 'json'], { cwd: dir, input: DRAFT });
  assert.equal(r.code, 0);
  const json = JSON.parse(r.stdout);
  assert.equal(json[0].filePath, '<text>');
  assert.equal(json[0].warningCount, 1);
  const named = runBin(['--stdin', '--stdin-filename', 'strict/x.md', '--format', 'json'], { cwd: dir, input: DRAFT });
  assert.equal(named.code, 1, 'the config beside the named file applies');
  assert.equal(JSON.parse(named.stdout)[0].filePath, path.join(dir, 'strict', 'x.md'));
  // Bytes on stdin are decoded like a file (here UTF-16 LE with BOM).
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le')]);
  assert.equal(JSON.parse(runBin(['--stdin', '--format', 'json'], { cwd: dir, input: utf16 }).stdout)[0].warningCount, 1);
  assert.equal(runBin(['--stdin', 'draft.txt'], { cwd: dir }).code, 2);
  assert.equal(runBin(['--stdin-filename', 'x.txt'], { cwd: dir }).code, 2);
  assert.equal(runBin(['--stdin', '--fix'], { cwd: dir, input: DRAFT }).code, 2);
});

test('--final makes open placeholders errors (exit 1): the gate before a report is sent', () => {
  const dir = project();
  assert.equal(runBin(['draft.txt'], { cwd: dir }).code, 0);
  const r = runBin(['--final', 'draft.txt'], { cwd: dir });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /2:3 {2}错误 {2}占位符/);
  assert.equal(runBin(['--final', 'clean.md'], { cwd: dir }).code, 0);
});

test('--fix and --fix-dry-run: nothing to fix leaves files byte-identical and untouched', () => {
  const dir = project();
  const file = path.join(dir, 'draft.txt');
  const before = fs.statSync(file).mtimeMs;
  const r = runBin(['--fix', 'draft.txt'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(fs.readFileSync(file, 'utf8'), DRAFT);
  assert.equal(fs.statSync(file).mtimeMs, before);
  const d = runBin(['--fix-dry-run', '--format', 'json', 'draft.txt'], { cwd: dir });
  assert.equal(JSON.parse(d.stdout)[0].output, undefined);
});

const fixable = allRules.filter((r) => r.meta.fixable && r.meta.docs.flagged.length);
test('--fix applies the fixes of the registry\'s fixable rules, writes them, and a second run changes nothing', { skip: fixable.length ? false : 'no fixable rule with documented examples is registered yet' }, () => {
  const dir = tempDir();
  const text = fixable.flatMap((r) => r.meta.docs.flagged).join('\r\n') + '\r\n';
  writeTree(dir, { 'a.txt': text, 'b.txt': text });
  const dry = runBin(['--fix-dry-run', '--format', 'json', 'a.txt'], { cwd: dir });
  const output: string | undefined = JSON.parse(dry.stdout)[0].output;
  assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), text, 'dry run writes nothing');
  assert.ok(output !== undefined && output !== text, 'the documented examples of fixable rules carry fixes');
  const r = runBin(['--fix', 'a.txt'], { cwd: dir });
  assert.match(r.stdout, /a\.txt\n {2}✔ {2}已修正 \d+ 处/);
  const after = fs.readFileSync(path.join(dir, 'a.txt'), 'utf8');
  assert.equal(after, output);
  assert.equal(after.split('\r\n').length, text.split('\r\n').length, 'line endings kept');
  runBin(['--fix', 'a.txt'], { cwd: dir });
  assert.equal(fs.readFileSync(path.join(dir, 'a.txt'), 'utf8'), after, 'fixing twice changes nothing');
  assert.equal(fs.readFileSync(path.join(dir, 'b.txt'), 'utf8'), text, 'only the named file');
});

test('operands: a glob, a missing path (exit 2, others still checked), an explicit non-default extension', () => {
  const dir = project();
  const g = JSON.parse(runBin(['--format', 'json', '**/*.txt'], { cwd: dir }).stdout);
  assert.deepEqual(g.map((f: { filePath: string }) => path.relative(dir, f.filePath)), ['draft.txt', path.join('sub', 'more.txt')]);
  const m = runBin(['--format', 'json', 'missing.txt', 'draft.txt'], { cwd: dir });
  assert.equal(m.code, 2);
  assert.match(m.stderr, /没有找到与 “missing\.txt” 匹配的文件/);
  assert.equal(JSON.parse(m.stdout).length, 1);
  assert.equal(JSON.parse(runBin(['--format', 'json', 'notes.rst'], { cwd: dir }).stdout)[0].warningCount, 1);
  const u = runBin(['--frobnicate'], { cwd: dir });
  assert.equal(u.code, 2);
  assert.match(u.stderr, /--frobnicate/);
  assertNoStack(u.stderr);
});

test('--output to a place that cannot be written: a clear message, exit 2', () => {
  const dir = project();
  fs.mkdirSync(path.join(dir, 'taken'));
  const r = runBin(['--output', 'taken', 'draft.txt'], { cwd: dir });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /report-lint: 无法写入报告 taken（EISDIR）/);
  assertNoStack(r.stderr);
});
