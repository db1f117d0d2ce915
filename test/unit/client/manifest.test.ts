/**
 * The extension manifest: every contributed string is Chinese (package.nls.json and package.nls.zh-cn.json),
 * the settings of SPEC.md are contributed with the right types, and engines.vscode stays installable in
 * VS Code 1.91–1.100.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from '../../../client/src/format';

const root = join(__dirname, '../../..');
const read = (f: string): any => JSON.parse(readFileSync(join(root, f), 'utf8'));
const pkg = read('package.json');
const nls = read('package.nls.json');
const zh = read('package.nls.zh-cn.json');
const HAN = /\p{Script=Han}/u;

function placeholders(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') for (const m of v.matchAll(/^%([\w.-]+)%$/g)) out.push(m[1]);
  else if (Array.isArray(v)) v.forEach((x) => placeholders(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => placeholders(x, out));
  return out;
}

test('every %key% of package.json has its Chinese text (default and zh-cn)', () => {
  const keys = placeholders(pkg);
  assert.ok(keys.length > 20);
  for (const k of keys) {
    assert.ok(typeof nls[k] === 'string' && HAN.test(nls[k]), `package.nls.json lacks a Chinese ${k}`);
    assert.ok(typeof zh[k] === 'string' && HAN.test(zh[k]), `package.nls.zh-cn.json lacks a Chinese ${k}`);
  }
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(nls).sort());
  assert.deepEqual(Object.keys(nls).sort(), [...new Set(keys)].sort(), 'unused keys in package.nls.json');
  assert.equal(zh['command.checkWorkspace'], '检查整个工作区');
});

test('format fills numbered slots', () => {
  assert.equal(format('待填 {0} 处 · 其他 {1} 处', 3, 0), '待填 3 处 · 其他 0 处');
  assert.equal(format('{0}{0}{2}', 'a'), 'aa{2}');
});

test('settings of SPEC.md are contributed', () => {
  const props = pkg.contributes.configuration.properties;
  assert.equal(props['reportLint.enable'].type, 'boolean');
  assert.equal(props['reportLint.rules'].type, 'object');
  assert.deepEqual(props['reportLint.rules'].additionalProperties.enum, ['off', 'info', 'warn', 'error']);
  assert.equal(props['reportLint.dictionary'].type, 'array');
  assert.equal(props['reportLint.debounceMs'].minimum, 0);
  assert.deepEqual(props['reportLint.languages'].default, ['plaintext', 'markdown', 'report']);
  assert.deepEqual(props['reportLint.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.deepEqual(props['reportLint.logLevel'].enum, ['off', 'error', 'info', 'debug']);
});

test('commands, language, grammars and activation', () => {
  const commands = pkg.contributes.commands.map((c: { command: string }) => c.command);
  for (const c of ['reportLint.checkWorkspace', 'reportLint.fixAll', 'reportLint.openRuleDocs']) assert.ok(commands.includes(c), c);
  const lang = pkg.contributes.languages.find((l: { id: string }) => l.id === 'report');
  assert.deepEqual(lang.aliases, ['报告', 'Report']);
  assert.ok(lang.extensions.includes('.report'));
  for (const g of pkg.contributes.grammars) assert.ok(existsSync(join(root, g.path)), g.path);
  assert.ok(existsSync(join(root, lang.configuration)));
  for (const l of ['plaintext', 'markdown', 'report']) assert.ok(pkg.activationEvents.includes(`onLanguage:${l}`), l);
  assert.equal(pkg.main, './dist/client.js');
});

test('language configuration pairs Chinese brackets and quotes', () => {
  const conf = read('language-configuration.json');
  const auto = conf.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
  const surround = conf.surroundingPairs.map((p: string[]) => p.join(''));
  for (const pair of ['（）', '【】', '《》', '“”', '‘’', '「」']) {
    assert.ok(auto.includes(pair), `auto-close ${pair}`);
    assert.ok(surround.includes(pair), `surround ${pair}`);
  }
});

test('engines.vscode installs in VS Code 1.91 to 1.100 (code-server 4.100.3 in the editor tests)', () => {
  const m = /^\^?1\.(\d+)\.\d+$/.exec(pkg.engines.vscode);
  assert.ok(m, pkg.engines.vscode);
  const minor = Number(m[1]);
  assert.ok(minor >= 91 && minor <= 100, pkg.engines.vscode);
  assert.ok(!('vscode' in (pkg.dependencies ?? {})));
});
