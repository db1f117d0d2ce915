import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import { placeholder } from '../../server/src/rules/placeholder';
import { ignoreLineEdit, kindRequested, lineBreakOf, quickFixes } from '../../server/src/lsp/code-actions';
import { addWordToConfig, nearestConfigFile, workspaceRootOf } from '../../server/src/lsp/dictionary';

/** Applies the "ignore on this line" edit for the first placeholder finding and checks again. */
function ignoreFirst(text: string, format: 'plaintext' | 'markdown' = 'plaintext') {
  const doc = new ReportDocument(text, format);
  const [d] = lint(doc, [placeholder]);
  assert.ok(d, 'expected a placeholder finding');
  const edit = ignoreLineEdit(doc, doc.positionAt(d.range[0]).line, 'placeholder');
  const out = TextDocument.applyEdits(TextDocument.create('file:///x', format, 1, text), [edit]);
  return { out, left: lint(new ReportDocument(out, format), [placeholder]) };
}

test('ignore on this line: own line above, same indentation and line break, finding gone', () => {
  assert.deepEqual(ignoreFirst('总体情况\n　　截至xx月底完成。\n'), {
    out: '总体情况\n　　<!-- report-lint-disable-next-line placeholder -->\n　　截至xx月底完成。\n',
    left: [],
  });
  // CRLF file, flagged line is the last one and has no line break: the file's own break is used.
  assert.equal(ignoreFirst('总体情况\r\n  截至xx月底完成。').out, '总体情况\r\n  <!-- report-lint-disable-next-line placeholder -->\r\n  截至xx月底完成。');
  // First line of the document.
  assert.equal(ignoreFirst('截至xx月底完成。').out, '<!-- report-lint-disable-next-line placeholder -->\n截至xx月底完成。');
});

test('ignore on this line: a rule is added to a next-line directive already above', () => {
  const { out, left } = ignoreFirst('总体情况\n<!-- report-lint-disable-next-line unit -->\n截至xx月底完成。\n');
  assert.equal(out, '总体情况\n<!-- report-lint-disable-next-line unit placeholder -->\n截至xx月底完成。\n');
  assert.deepEqual(left, []);
});

test('ignore on this line: a continuation line of a Markdown paragraph gets disable-line at its end', () => {
  const { out, left } = ignoreFirst('# 总结\n\n今年以来，全区经济平稳运行，\n截至xx月底完成投资。\n', 'markdown');
  assert.equal(out, '# 总结\n\n今年以来，全区经济平稳运行，\n截至xx月底完成投资。 <!-- report-lint-disable-line placeholder -->\n');
  assert.deepEqual(left, []);
  // The first line of a Markdown paragraph still gets its own directive line.
  assert.equal(ignoreFirst('# 总结\n\n截至xx月底完成投资。\n', 'markdown').out, '# 总结\n\n<!-- report-lint-disable-next-line placeholder -->\n截至xx月底完成投资。\n');
});

test('kindRequested follows the code action kind hierarchy', () => {
  assert.equal(kindRequested(undefined, 'quickfix'), true);
  assert.equal(kindRequested(undefined, 'source.fixAll.reportLint'), false);
  assert.equal(kindRequested(['source'], 'source.fixAll.reportLint'), true);
  assert.equal(kindRequested(['source.fixAll'], 'source.fixAll.reportLint'), true);
  assert.equal(kindRequested(['source.fixAll.eslint'], 'source.fixAll.reportLint'), false);
  assert.equal(kindRequested(['quickfix'], 'source.fixAll.reportLint'), false);
  assert.equal(lineBreakOf('a\r\nb\nc'), '\r\n');
  assert.equal(lineBreakOf('abc'), '\n');
});

test('add to dictionary: nearest config, created at the workspace root when none, kept formatting, clear errors', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-dict-'));
  try {
    const doc = path.join(root, 'a', 'b', '报告.txt');
    fs.mkdirSync(path.dirname(doc), { recursive: true });
    assert.equal(nearestConfigFile(doc), undefined);
    assert.equal(workspaceRootOf(doc, ['/elsewhere', root]), root);
    assert.equal(workspaceRootOf(doc, [root + '-other']), undefined);

    const created = addWordToConfig('华阳新天地', doc, [root]);
    assert.deepEqual(created, { file: path.join(root, '.reportlintrc.json'), added: true, created: true });
    assert.equal(fs.readFileSync(created.file, 'utf8'), '{\n  "dictionary": [\n    "华阳新天地"\n  ]\n}\n');

    // A nearer file wins; BOM, tabs and the missing final line break are kept.
    const near = path.join(root, 'a', '.reportlintrc.json');
    fs.writeFileSync(near, '\uFEFF{\n\t"root": true,\n\t"rules": {"unit": "off"}\n}');
    assert.equal(addWordToConfig('滨江新城', doc, [root]).file, near);
    assert.equal(fs.readFileSync(near, 'utf8'), '\uFEFF{\n\t"root": true,\n\t"rules": {\n\t\t"unit": "off"\n\t},\n\t"dictionary": [\n\t\t"滨江新城"\n\t]\n}');
    assert.equal(addWordToConfig('滨江新城', doc, [root]).added, false);

    fs.writeFileSync(near, '{ "dictionary": "滨江新城" }');
    assert.throws(() => addWordToConfig('某词', doc, [root]), /"dictionary" 应为字符串数组，未写入/);
    fs.writeFileSync(near, '{ broken');
    assert.throws(() => addWordToConfig('某词', doc, [root]), /不是有效的 JSON，未写入/);
    assert.equal(fs.readFileSync(near, 'utf8'), '{ broken', 'a broken file is left as it is');
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('quick fixes while the model rules still run: ignore-line needs only the current document', () => {
  const doc = new ReportDocument('截至xx月底完成。\n');
  const d = { range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, message: 'x', source: 'report-lint', code: 'placeholder', data: { version: 3 } };
  const params = { textDocument: { uri: 'file:///a.txt' }, range: d.range, context: { diagnostics: [d] } };
  const titles = (v: number) => quickFixes(params, { uri: 'file:///a.txt', version: v, doc, documentChanges: true }).map((a) => a.title);
  assert.deepEqual(titles(3), ['忽略此行的 placeholder', '查看规则 placeholder 的说明']);
  assert.deepEqual(titles(4), ['查看规则 placeholder 的说明'], 'a diagnostic of an older version offers no edit');
});
