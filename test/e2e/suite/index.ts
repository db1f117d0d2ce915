/**
 * Extension-host tests: run inside a real VS Code with the full `vscode` API, the @vscode/test-electron way
 * (`exports.run()` of this file, bundled to out/test/suite.js). Two runners share it: test/e2e/host.test.ts
 * (code-server, in CI) and scripts/test-electron.mjs (desktop VS Code, where it can be downloaded).
 * The workspace is test/e2e/fixtures/workspace (a copy).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const DRAFT = '工作总结.txt';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, fn: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function folder(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'the tests need a workspace folder');
  return f.uri;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'report-lint');
}

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function openDraft(name: string, content?: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.joinPath(folder(), name);
  if (content !== undefined) await vscode.workspace.fs.writeFile(uri, Buffer.from(content, 'utf8'));
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc);
  return doc;
}

async function setConfig(section: string, key: string, value: unknown, languageId?: string): Promise<void> {
  const conf = vscode.workspace.getConfiguration(section, languageId ? { languageId } : undefined);
  await conf.update(key, value, vscode.ConfigurationTarget.Workspace, languageId ? true : undefined);
}

interface Api {
  ready(): Promise<void>;
  meterText(): string;
}

const tests: Array<[string, () => Promise<void>]> = [];
const test = (name: string, fn: () => Promise<void>) => tests.push([name, fn]);

let api: Api;

test('check the whole workspace, before any document is open: the command activates the extension', async () => {
  assert.equal(vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'file').length, 0, 'no document open yet');
  const result = await vscode.commands.executeCommand<{ files: number; problems: number; open: number }>('reportLint.checkWorkspace');
  assert.ok(result && result.files >= 2, `files checked: ${JSON.stringify(result)}`);
  assert.ok(result.problems > 0 && result.open > 0, JSON.stringify(result));
  const md = vscode.Uri.joinPath(folder(), '说明.md');
  await until('findings of 说明.md', () => ours(md).some((d) => codeOf(d) === 'placeholder'));
});

test('the extension activates and its language server starts', async () => {
  const ext = vscode.extensions.getExtension<Api>('report-lint.report-lint');
  assert.ok(ext, 'extension report-lint.report-lint is installed');
  await openDraft(DRAFT);
  api = await until('activation', async () => (ext.isActive ? ext.exports : undefined));
  await api.ready();
});

test('diagnostics: source report-lint, rule ids as codes with documentation links, Chinese messages', async () => {
  const doc = await openDraft(DRAFT);
  const diags = await until('diagnostics', () => (ours(doc.uri).length >= 8 ? ours(doc.uri) : undefined));
  const codes = new Set(diags.map(codeOf));
  for (const id of ['placeholder', 'missing-number', 'unit', 'numbering-style']) assert.ok(codes.has(id), `no ${id} in ${[...codes]}`);
  const xx = diags.find((d) => codeOf(d) === 'placeholder' && doc.getText(d.range) === 'xx');
  assert.ok(xx, 'the placeholder xx is found where it is');
  assert.equal(xx.range.start.line, 4);
  assert.match(xx.message, /占位符/);
  assert.equal(xx.severity, vscode.DiagnosticSeverity.Warning);
  assert.ok(typeof xx.code === 'object' && /placeholder/.test(xx.code.target.toString()), 'codeDescription.href');
});

test('code actions: a quick fix per fix, ignore-this-line, rule docs', async () => {
  const doc = await openDraft(DRAFT);
  const unit = await until('unit finding', () => ours(doc.uri).find((d) => codeOf(d) === 'unit'));
  assert.equal(doc.getText(unit.range), '平米');
  // The server offers ignore-this-line once the check of the current version is complete: ask until it is.
  const ask = () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, unit.range, vscode.CodeActionKind.QuickFix.value);
  let actions = await ask();
  await until('the full list of quick fixes', async () => (actions = await ask()).some((a) => a.title.includes('忽略')), 10_000).catch(() => undefined);
  const titles = actions.map((a) => a.title);
  const fix = actions.find((a) => a.title.includes('平方米'));
  assert.ok(fix?.edit, `a fix to 平方米 among ${titles}`);
  assert.ok(fix.isPreferred, 'the fix is preferred');
  assert.ok(titles.some((t) => t.includes('忽略')), `ignore-this-line among ${titles}`);
  assert.ok(actions.some((a) => a.command?.command === 'reportLint.openRuleDocs'), 'rule docs action');
});

test('document symbols: the numbering hierarchy as a nested outline', async () => {
  const doc = await openDraft(DRAFT);
  const symbols = await until('symbols', async () => {
    const s = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    return s?.length ? s : undefined;
  });
  const names = symbols.map((s) => s.name);
  assert.deepEqual(names.filter((n) => /^[一二三]、/.test(n)), ['一、2025年工作完成情况', '二、存在的问题', '三、2026年工作打算']);
  const first = symbols.find((s) => s.name.startsWith('一、'))!;
  assert.deepEqual(first.children.map((c) => c.name), ['（一）经济发展稳中有进', '（二）城市管理持续加强']);
});

test('the draft meter counts places to fill and other problems', async () => {
  const doc = await openDraft(DRAFT);
  const diags = await until('diagnostics', () => (ours(doc.uri).length >= 8 ? ours(doc.uri) : undefined));
  const open = diags.filter((d) => ['placeholder', 'missing-number'].includes(codeOf(d))).length;
  const expected = `待填 ${open} 处 · 其他 ${diags.length - open} 处`;
  await until(`meter "${expected}" (shows "${api.meterText()}")`, () => api.meterText() === expected);
  assert.equal(open, 7);
});

test('changing reportLint.rules takes effect at once', async () => {
  const doc = await openDraft(DRAFT);
  await until('placeholder findings', () => ours(doc.uri).some((d) => codeOf(d) === 'placeholder'));
  await setConfig('reportLint', 'rules', { placeholder: 'off', unit: 'error' });
  try {
    await until('placeholder off, unit as error', () => {
      const d = ours(doc.uri);
      return !d.some((x) => codeOf(x) === 'placeholder') && d.some((x) => codeOf(x) === 'unit' && x.severity === vscode.DiagnosticSeverity.Error);
    });
  } finally {
    await setConfig('reportLint', 'rules', undefined);
  }
  await until('placeholder back', () => ours(doc.uri).some((d) => codeOf(d) === 'placeholder'));
});

test('fix all on save (editor.codeActionsOnSave source.fixAll.reportLint)', async () => {
  const doc = await openDraft('保存时修正.txt', '三、下步打算\n1、新增绿地3000平米。\n2、完成改造xx个小区。\n');
  await until('findings', () => ours(doc.uri).some((d) => codeOf(d) === 'unit'));
  await setConfig('editor', 'codeActionsOnSave', { 'source.fixAll.reportLint': 'explicit' }, 'plaintext');
  try {
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((e) => e.insert(new vscode.Position(2, 0), '3、'));
    await editor.edit((e) => e.delete(new vscode.Range(2, 0, 2, 2)));
    assert.ok(doc.isDirty);
    assert.ok(await doc.save(), 'saved');
    const text = doc.getText();
    assert.match(text, /3000平方米/, text);
    assert.match(text, /^1\.新增/m, text);
    assert.match(text, /^2\.完成/m, text);
    assert.match(text, /改造xx个/, 'a placeholder has no safe fix and stays');
    const onDisk = Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8');
    assert.equal(onDisk, text);
  } finally {
    await setConfig('editor', 'codeActionsOnSave', undefined, 'plaintext');
  }
});

test('the report language: .report files are checked, with the Chinese alias', async () => {
  const doc = await openDraft('计划.report', '一、重点工作\n全年计划完成投资XX亿元。\n');
  assert.equal(doc.languageId, 'report');
  const diags = await until('diagnostics', () => (ours(doc.uri).length ? ours(doc.uri) : undefined));
  assert.ok(diags.some((d) => codeOf(d) === 'placeholder'));
  const langs = await vscode.languages.getLanguages();
  assert.ok(langs.includes('report'));
});

test('reportLint.enable false clears the findings', async () => {
  const doc = await openDraft(DRAFT);
  await until('findings', () => ours(doc.uri).length > 0);
  await setConfig('reportLint', 'enable', false);
  try {
    await until('no findings', () => ours(doc.uri).length === 0);
  } finally {
    await setConfig('reportLint', 'enable', undefined);
  }
  await until('findings again', () => ours(doc.uri).length > 0);
});

test('the commands are registered', async () => {
  const all = await vscode.commands.getCommands(true);
  for (const c of ['reportLint.checkWorkspace', 'reportLint.fixAll', 'reportLint.openRuleDocs', 'reportLint.addToDictionary', 'reportLint.showProblems', 'reportLint.restartServer']) {
    assert.ok(all.includes(c), c);
  }
});

test('fix all from the command changes only safe fixes', async () => {
  const doc = await openDraft('修正全部.txt', '新增绿地500平米，完成投资xx万元。\n');
  await until('findings', () => ours(doc.uri).some((d) => codeOf(d) === 'unit'));
  await vscode.commands.executeCommand('reportLint.fixAll');
  await until('fixed', () => doc.getText().includes('500平方米'));
  assert.match(doc.getText(), /投资xx万元/);
});

/** Entry point for both runners: resolves when every test passed, rejects with the failures. */
export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const [name, fn] of tests) {
    const start = Date.now();
    try {
      await fn();
      console.log(`✔ ${name} (${Date.now() - start} ms)`);
    } catch (e) {
      failures.push(`${name}: ${(e as Error).stack ?? e}`);
      console.log(`✖ ${name} (${Date.now() - start} ms)\n  ${(e as Error).stack ?? e}`);
    }
  }
  console.log(`extension-host tests: ${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} extension-host test(s) failed:\n${failures.join('\n')}`);
}
