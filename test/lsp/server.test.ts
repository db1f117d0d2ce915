import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { allRules } from '../../server/src/rules';
import { ROOT, SERVER, TestClient, editsOf } from './helpers/client';

// Drives the built server (node dist/server.js --stdio) as an editor would.

function tempWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-lsp-'));
}

/** 0-based line/character of the n-th occurrence of `needle` in `text`, in UTF-16 code units. */
function posOf(text: string, needle: string, nth = 0) {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = text.indexOf(needle, i + 1);
  assert.ok(i >= 0, `${needle} not in text`);
  const before = text.slice(0, i);
  const line = before.split(/\r\n|\r|\n/).length - 1;
  const lineStart = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1;
  return { line, character: i - lineStart };
}

/** Only `placeholder` (and `unit` for fixes) on, so these tests do not move when other rules are tuned. */
const ONLY = (...ids: string[]) => ({ rules: Object.fromEntries(allRules.filter((r) => !ids.includes(r.meta.id)).map((r) => [r.meta.id, 'off'])) });
const SETTINGS = ONLY('placeholder', 'unit');

const DRAFT = '截至xx月底，全区新开工项目xx个。\n完成投资12亿元。\n';

describe('report-lint-server over stdio', () => {
  let root: string;
  let client: TestClient;

  before(async () => {
    root = tempWorkspace();
    client = await TestClient.start({ root, settings: SETTINGS });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('initialize announces incremental sync, code actions and commands', () => {
    const caps = client.initializeResult!.capabilities;
    assert.equal((caps.textDocumentSync as { change: number }).change, 2);
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.ok(kinds.includes('quickfix') && kinds.includes('source.fixAll.reportLint'));
    assert.deepEqual(
      [...caps.executeCommandProvider!.commands].sort(),
      ['reportLint.addToDictionary', 'reportLint.checkWorkspace', 'reportLint.fixAll', 'reportLint.openRuleDocs'],
    );
    assert.equal(client.initializeResult!.serverInfo?.name, 'report-lint-server');
  });

  test('registers a watcher for .reportlintrc.json', async () => {
    const reg = await client.waitFor('watcher registration', () => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const globs = (reg.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern);
    assert.ok(globs.includes('**/.reportlintrc.json'));
  });

  test('publishes diagnostics on open, then after an edit', async () => {
    const uri = client.uri('draft.txt');
    const since = await client.open(uri, DRAFT);
    const diags = await client.diagnostics(uri, since);
    assert.equal(diags.length, 2);
    const d = diags[0];
    assert.equal(d.source, 'report-lint');
    assert.equal(d.code, 'placeholder');
    assert.equal(d.severity, DiagnosticSeverity.Warning);
    assert.match(d.codeDescription!.href, /placeholder\.md$/);
    assert.deepEqual(d.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } });
    assert.match(String(d.message), /xx/);
    assert.equal((d.data as { open?: boolean }).open, true);
    assert.deepEqual(diags[1].range.start, posOf(DRAFT, 'xx', 1));

    // Fill in the second placeholder with an incremental change.
    const p = posOf(DRAFT, 'xx', 1);
    const since2 = await client.change(uri, [{ range: { start: p, end: { line: p.line, character: p.character + 2 } }, text: '36' }]);
    const after = await client.diagnostics(uri, since2);
    assert.deepEqual(after.map((x) => x.range.start), [{ line: 0, character: 2 }]);
    await client.close(uri);
  });

  test('positions are UTF-16 on astral characters and CRLF line endings', async () => {
    const uri = client.uri('astral.txt');
    const text = '一、总体情况\r\n𠮷𠮷村完成投资xx万元，𠮷字路口改造x处。\r\n';
    const since = await client.open(uri, text);
    const diags = await client.diagnostics(uri, since);
    assert.deepEqual(
      diags.map((d) => d.range),
      [
        { start: { line: 1, character: 9 }, end: { line: 1, character: 11 } },
        { start: { line: 1, character: 21 }, end: { line: 1, character: 22 } },
      ],
    );
    await client.close(uri);
  });

  test('code actions: ignore on this line (same indentation and line break), rule documentation', async () => {
    const uri = client.uri('ignore.txt');
    const text = '总体情况\r\n　　截至xx月底，工作进展顺利。\r\n';
    const since = await client.open(uri, text);
    const diags = await client.diagnostics(uri, since);
    assert.equal(diags.length, 1);
    const actions = await client.codeActions(uri, diags);
    const ignore = actions.find((a) => a.title === '忽略此行的 placeholder');
    assert.ok(ignore, `actions: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(ignore.kind, 'quickfix');
    const edits = editsOf(ignore.edit, uri);
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '　　<!-- report-lint-disable-next-line placeholder -->\r\n' }]);
    // Versioned edit: applies only to the version the diagnostic was computed on.
    assert.equal((ignore.edit!.documentChanges![0] as { textDocument: { version: number } }).textDocument.version, 1);

    const since2 = await client.applyEdits(uri, edits);
    assert.deepEqual(await client.diagnostics(uri, since2), []);

    const docs = actions.find((a) => a.command?.command === 'reportLint.openRuleDocs');
    assert.ok(docs);
    const r = await client.executeCommand('reportLint.openRuleDocs', docs.command!.arguments!);
    assert.equal(r.shown, true);
    assert.deepEqual(client.shownDocuments.at(-1), { uri: 'https://github.com/report-lint/report-lint/blob/main/docs/rules/placeholder.md', external: true });
    await client.close(uri);
  });

  test('document symbols follow the numbering hierarchy; folding ranges by section', async () => {
    const uri = client.uri('outline.txt');
    const text = '一、总体情况\n今年以来，全区经济平稳运行。\n（一）工业生产\n工业增加值增长5%。\n（二）项目建设\n新开工项目12个。\n二、下一步打算\n继续抓好项目建设。\n';
    await client.open(uri, text);
    type Sym = { name: string; kind: number; range: { start: { line: number }; end: { line: number } }; children?: Sym[] };
    const symbols: Sym[] = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (s: Sym): unknown => [s.name, s.range.start.line, s.range.end.line, (s.children ?? []).map(shape)];
    assert.deepEqual(symbols.map(shape), [
      ['一、总体情况', 0, 5, [['（一）工业生产', 2, 3, []], ['（二）项目建设', 4, 5, []]]],
      ['二、下一步打算', 6, 7, []],
    ]);
    const folds: Array<{ startLine: number; endLine: number }> = await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 5], [2, 3], [4, 5], [6, 7]]);
    await client.close(uri);
  });

  test('quick fix and reportLint.fixAll apply the safe fixes of the real rules', async () => {
    const uri = client.uri('units.txt');
    const since = await client.open(uri, '新建办公用房3000平米，绿化面积2000平米。\n');
    const diags = await client.diagnostics(uri, since);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.character, d.range.end.character]), [['unit', 10, 12], ['unit', 21, 23]]);
    const actions = await client.codeActions(uri, [diags[0]]);
    assert.equal(actions[0].isPreferred, true);
    assert.deepEqual(editsOf(actions[0].edit, uri), [{ range: diags[0].range, newText: '平方米' }]);

    const before = client.appliedEdits.length;
    assert.deepEqual(await client.executeCommand('reportLint.fixAll', [{ uri }]), { applied: 2 });
    const mark = await client.applyEdits(uri, editsOf(client.appliedEdits[before].edit, uri));
    assert.equal(client.docs.get(uri)!.getText(), '新建办公用房3000平方米，绿化面积2000平方米。\n');
    assert.deepEqual(await client.diagnostics(uri, mark), []);
    await client.close(uri);
  });

  test('a configuration change switches a rule off and re-levels it', async () => {
    const uri = client.uri('settings.md');
    const since = await client.open(uri, '# 计划\n\n全年增速*%以上。\n', 'markdown');
    assert.equal((await client.diagnostics(uri, since)).length, 1);

    let mark = client.mark(uri);
    await client.changeSettings({ rules: { placeholder: 'off' } });
    assert.deepEqual(await client.diagnostics(uri, mark), []);

    mark = client.mark(uri);
    await client.changeSettings({ rules: { placeholder: 'error' } });
    const d = await client.diagnostics(uri, mark, (ds) => ds.length > 0);
    assert.equal(d[0].severity, DiagnosticSeverity.Error);

    mark = client.mark(uri);
    await client.changeSettings({ rules: { placeholder: 'info' }, final: true });
    const final = await client.diagnostics(uri, mark, (ds) => ds.length > 0);
    assert.equal(final[0].severity, DiagnosticSeverity.Error, 'final: open text is an error whatever its level');

    mark = client.mark(uri);
    await client.changeSettings({ languages: ['plaintext'] });
    assert.deepEqual(await client.diagnostics(uri, mark), [], 'markdown is no longer checked');

    mark = client.mark(uri);
    await client.changeSettings({ enable: false, languages: ['markdown'] });
    assert.deepEqual(await client.diagnostics(uri, mark), []);
    await client.changeSettings({});
    await client.close(uri);
  });

  test('.reportlintrc.json changes are picked up without restart; a broken one is reported once', async () => {
    const dir = path.join(root, 'sub');
    fs.mkdirSync(dir, { recursive: true });
    const cfg = path.join(dir, '.reportlintrc.json');
    const uri = client.uri('sub/report.txt');
    const since = await client.open(uri, '截至xx月底，工作进展顺利。\n');
    assert.equal((await client.diagnostics(uri, since))[0].severity, DiagnosticSeverity.Warning);

    fs.writeFileSync(cfg, JSON.stringify({ rules: { placeholder: 'error' } }));
    let mark = client.mark(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: client.uri('sub/.reportlintrc.json'), type: 1 }] });
    assert.equal((await client.diagnostics(uri, mark))[0].severity, DiagnosticSeverity.Error);

    // Broken: the defaults apply, one error message, and a diagnostic at the top of the config file (listed
    // before it is opened, and in the open document as typed).
    const cfgUri = client.uri('sub/.reportlintrc.json');
    const broken = '{ "rules": { "placeholder": "loud" } }\n';
    fs.writeFileSync(cfg, broken);
    const before = client.messages.length;
    mark = client.mark(uri);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 2 }] });
    assert.equal((await client.diagnostics(uri, mark))[0].severity, DiagnosticSeverity.Warning);
    assert.match(String((await client.diagnostics(cfgUri, 0, (d) => d.length > 0))[0].message), /loud/);
    const cfgMark = await client.open(cfgUri, broken, 'json');
    const cfgDiags = await client.diagnostics(cfgUri, cfgMark, (d) => d.length > 0);
    assert.equal(cfgDiags.length, 1);
    assert.equal(cfgDiags[0].severity, DiagnosticSeverity.Error);
    assert.deepEqual(cfgDiags[0].range.start, { line: 0, character: 0 });
    assert.match(String(cfgDiags[0].message), /^配置有误，report-lint 暂用默认设置：placeholder: .*loud/);
    const shown = await client.waitFor('an error message', () => client.messages.slice(before).find((m) => m.type === 1));
    assert.match(shown.message, /loud/);
    // More checks of the same document do not repeat the message.
    mark = client.mark(uri);
    await client.replaceText(uri, '截至xx月底，工作进展基本顺利。\n');
    await client.diagnostics(uri, mark);
    assert.equal(client.messages.slice(before).filter((m) => m.type === 1).length, 1);

    // Fixed and saved in the editor: re-read at once.
    const fixed = '{ "rules": { "placeholder": "info" } }\n';
    fs.writeFileSync(cfg, fixed);
    mark = client.mark(uri);
    const cfgMark2 = client.mark(cfgUri);
    await client.replaceText(cfgUri, fixed);
    await client.conn.sendNotification('textDocument/didSave', { textDocument: { uri: cfgUri } });
    assert.equal((await client.diagnostics(uri, mark))[0].severity, DiagnosticSeverity.Information);
    assert.deepEqual(await client.diagnostics(cfgUri, cfgMark2, (d) => d.length === 0), []);
    // Closed while fixed: nothing listed for it.
    const cfgMark3 = client.mark(cfgUri);
    await client.close(cfgUri);
    assert.deepEqual(await client.diagnostics(cfgUri, cfgMark3), []);
    await client.close(uri);
    fs.rmSync(cfg);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: cfgUri, type: 3 }] });
  });

  test('model-tier rules (in the worker thread) follow the settings: rule level and user dictionary', async () => {
    const uri = client.uri('model-settings.txt');
    await client.changeSettings({ rules: { 'wrong-char': 'error' } });
    try {
      const since = await client.open(uri, '截止目前，已完成投资3.2亿元。\n');
      const found = await client.diagnostics(uri, since, (d) => d.some((x) => x.code === 'wrong-char'));
      assert.equal(found.find((d) => d.code === 'wrong-char')!.severity, DiagnosticSeverity.Error);
      // "Add to dictionary" adds the flagged word (截止): with it in the dictionary the finding goes.
      const mark = client.mark(uri);
      await client.changeSettings({ rules: { 'wrong-char': 'error' }, dictionary: ['截止'] });
      await client.waitFor('a publication without wrong-char', () =>
        (client.published.get(uri) ?? []).slice(mark).some((p) => p.diagnostics.length === 0) || undefined,
      );
      await new Promise((r) => setTimeout(r, 300));
      assert.deepEqual(client.published.get(uri)!.at(-1)!.diagnostics, []);
    } finally {
      await client.close(uri);
      await client.changeSettings({});
    }
  });

  test('garbage input does not take the server down', async () => {
    const uri = client.uri('garbage.txt');
    const junk =
      '\u0000\u0001\uFFFD\uD800x\uDC00' + '<!-- report-lint-disable' + '【待'.repeat(500) + '\r\r\n\n' + 'x'.repeat(70_000) + '*'.repeat(5000) + '\uDBFF' + '𠮷'.repeat(1000) + '<!--';
    const since = await client.open(uri, junk);
    await client.diagnostics(uri, since);
    await client.close(uri);
    // Still serving.
    const ok = client.uri('after-garbage.txt');
    const s2 = await client.open(ok, '预计xx月完成。');
    assert.equal((await client.diagnostics(ok, s2)).length, 1);
    await client.close(ok);
  });

  test('documentStats counts open findings and the others', async () => {
    const uri = client.uri('stats.txt');
    await client.open(uri, '截至xx月底，完成投资*亿元。\n');
    const stats = await client.conn.sendRequest('reportLint/documentStats', { uri });
    assert.deepEqual(stats, { uri, version: 1, open: 2, other: 0, errors: 0, warnings: 2, infos: 0, byRule: { placeholder: 2 } });
    assert.equal(await client.conn.sendRequest('reportLint/documentStats', { uri: client.uri('not-open.txt') }), null);
    await client.close(uri);
  });

  test('checkWorkspace checks *.txt/*.md/*.report on disk, respects .reportlintignore and reports progress', async () => {
    const ws = path.join(root, 'ws');
    fs.mkdirSync(path.join(ws, '归档'), { recursive: true });
    fs.writeFileSync(path.join(ws, '一季度.txt'), '截至xx月底，完成投资。\n');
    fs.writeFileSync(path.join(ws, '计划.md'), '# 计划\n\n全年增速*%以上。\n');
    fs.writeFileSync(path.join(ws, '归档', '旧稿.txt'), '截至xx月底。\n');
    // The extension's own report language (package.json contributes.languages): *.report files, also ignored ones.
    fs.writeFileSync(path.join(ws, '半年.report'), '上半年新增就业xx人，截止目前完成全年任务的一半。\n');
    fs.writeFileSync(path.join(ws, '归档', '旧稿.report'), '截至xx月底。\n');
    fs.writeFileSync(path.join(ws, 'data.json'), '{"x":"xx月"}');
    fs.writeFileSync(path.join(ws, '.reportlintignore'), '归档/\n');
    fs.writeFileSync(path.join(ws, '报告(定稿).txt'), '完成投资xx万元。\n');
    const c2 = await TestClient.start({ root: ws, settings: SETTINGS });
    try {
      const summary = await c2.executeCommand('reportLint.checkWorkspace', []);
      assert.equal(summary.files, 4);
      assert.equal(summary.open, 4);
      assert.equal(summary.cancelled, false);
      const q1 = c2.uri('一季度.txt');
      assert.equal((await c2.diagnostics(q1))[0].code, 'placeholder');
      assert.equal((await c2.diagnostics(c2.uri('计划.md'))).length, 1);
      assert.equal(c2.mark(c2.uri('归档/旧稿.txt')), 0, 'ignored file not published');
      assert.equal(c2.mark(c2.uri('归档/旧稿.report')), 0, 'ignored file not published');
      assert.deepEqual((await c2.diagnostics(c2.uri('半年.report'))).map((d) => d.code), ['placeholder']);
      const kinds = c2.progress.map((p) => p.value.kind);
      assert.equal(kinds[0], 'begin');
      assert.equal(kinds.at(-1), 'end');
      assert.ok(kinds.includes('report'));

      // Opened under another spelling of its URI (as VS Code encodes parentheses): the copy published by the
      // workspace check is cleared, so the problem is not listed twice.
      const published = c2.uri('报告(定稿).txt');
      assert.equal((await c2.diagnostics(published)).length, 1);
      const vscodeUri = published.replace('(', '%28').replace(')', '%29');
      assert.notEqual(vscodeUri, published);
      const mark = c2.mark(published);
      const since = await c2.open(vscodeUri, '完成投资xx万元。\n');
      assert.equal((await c2.diagnostics(vscodeUri, since)).length, 1);
      assert.deepEqual(await c2.diagnostics(published, mark), []);

      // With a model-tier rule on: its findings (from the server's worker thread) are merged in.
      await c2.changeSettings({ rules: { 'wrong-char': 'warn' } });
      const report = c2.uri('半年.report');
      const before = c2.mark(report);
      await c2.executeCommand('reportLint.checkWorkspace', []);
      assert.deepEqual((await c2.diagnostics(report, before)).map((d) => d.code), ['placeholder', 'wrong-char']);
    } finally {
      await c2.stop();
    }
  });

  test('the document stays checked while edits come faster than the debounce delay', async () => {
    const uri = client.uri('debounce.txt');
    // Long enough that a loaded CI machine still reads the whole burst before the delay is over.
    await client.changeSettings({ debounceMs: 1000 });
    const since = await client.open(uri, '截至xx月底。\n');
    await client.diagnostics(uri, since);
    const mark = client.mark(uri);
    await client.replaceText(uri, '截至xx月底，完成x个。\n');
    await client.replaceText(uri, '截至xx月底，完成x个，开工x个。\n');
    await client.replaceText(uri, '截至10月底，完成x个，开工x个。\n');
    // The draft meter asking meanwhile gets the counts of the newest version, after the debounced check.
    const stats = await client.conn.sendRequest('reportLint/documentStats', { uri });
    assert.deepEqual(stats, { uri, version: 4, open: 2, other: 0, errors: 0, warnings: 2, infos: 0, byRule: { placeholder: 2 } });
    const d = await client.diagnostics(uri, mark);
    assert.equal(d.length, 2);
    // One publication for the burst, for its last version.
    assert.deepEqual(client.published.get(uri)!.slice(mark).map((p) => p.version), [4]);
    await client.changeSettings({});
    await client.close(uri);
  });
});

describe('report-lint-server transports and command line', () => {
  test('node IPC (--node-ipc), as the VS Code client starts it', async () => {
    const root = tempWorkspace();
    const client = await TestClient.start({ root, transport: 'ipc', settings: SETTINGS });
    try {
      const uri = client.uri('ipc.txt');
      const since = await client.open(uri, '截至xx月底。\n');
      assert.deepEqual((await client.diagnostics(uri, since)).map((d) => d.code), ['placeholder']);
    } finally {
      await client.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('without a transport it prints its usage and exits 2; --version prints the version', () => {
    const bare = spawnSync(process.execPath, [SERVER], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /--stdio/);
    assert.doesNotMatch(bare.stderr, /\n\s+at /, 'no stack trace');
    const version = spawnSync(process.execPath, [SERVER, '--version'], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });
});
