import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runBin, tempDir } from './helpers';

// A long report of our own sentences (about 160,000 characters), with slips of every kind spread over it: the
// model rules' findings fall both in this thread's part and in the helper thread's part.
function longReport(): string {
  const lines: string[] = ['一、总体情况'];
  for (let i = 0; i < 1700; i++) {
    const n = 100 + i;
    lines.push(
      `（${'一二三四五六七八九'[i % 9]}）第${n}项工作。全年完成投资${n}万元，同比增长${(i % 9) + 1}.${i % 10}%，带动就业${n * 3}人。` +
        (i % 97 === 5 ? '各项整改措施要及时付诸施，确保取得实效。' : '') +
        (i % 89 === 7 ? '截止目前，已完成项目验收。' : '') +
        (i % 83 === 11 ? `新建厂房${n}平米，项目共个。` : '') +
        `我们坚持问题导向，聚焦群众急难愁盼，推动第${n}批民生实事落地见效，群众满意度持续提升。`,
    );
  }
  return lines.join('\n') + '\n';
}

test('a large document checked by two threads gives exactly the single-threaded report', () => {
  const dir = tempDir();
  const file = path.join(dir, 'long.txt');
  fs.writeFileSync(file, longReport());
  assert.ok(fs.readFileSync(file, 'utf8').length > 150_000, 'above SPLIT_MIN_CHARS');
  const one = runBin(['--format', 'json', 'long.txt'], { cwd: dir, env: { REPORT_LINT_WORKERS: '0', REPORT_LINT_VERBOSE: '1' }, timeout: 120_000 });
  const two = runBin(['--format', 'json', 'long.txt'], { cwd: dir, env: { REPORT_LINT_WORKERS: '2', REPORT_LINT_VERBOSE: '1' }, timeout: 120_000 });
  assert.doesNotMatch(one.stderr, /两个线程分担/);
  assert.match(two.stderr, /模型规则由两个线程分担/);
  assert.equal(two.code, one.code);
  assert.equal(two.stdout, one.stdout);
  const messages = JSON.parse(one.stdout)[0].messages as Array<{ ruleId: string; line: number }>;
  const byRule = (id: string) => messages.filter((m) => m.ruleId === id).map((m) => m.line);
  const missing = byRule('missing-char');
  const lines = longReport().split('\n').length;
  assert.ok(missing.length >= 9, `dropped characters found: ${missing.length}`);
  assert.ok(missing[0] < lines * 0.3 && missing[missing.length - 1] > lines * 0.7, 'found in both parts');
  assert.ok(byRule('wrong-char').length >= 9);
  assert.ok(byRule('missing-number').length >= 9 && byRule('unit').length >= 9);
});

test('with --fix the document is checked by one thread (fixing re-checks in a loop)', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'long.txt'), longReport());
  const r = runBin(['--fix-dry-run', '--format', 'json', 'long.txt'], { cwd: dir, env: { REPORT_LINT_WORKERS: '2', REPORT_LINT_VERBOSE: '1' }, timeout: 120_000 });
  assert.doesNotMatch(r.stderr, /两个线程分担/);
  assert.equal(r.code, 0);
});
