import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/lsp/server';
import { TestClient, editsOf } from './helpers/client';
import { fakeRules } from './helpers/fake-rules';

// The server in process, on deterministic test rules (a fixable fast rule, a model-tier rule with suggestions
// and a dictionary word, a rule that throws): code actions, fix-all, dictionary, two phases, rule errors.

function start(root: string): Promise<TestClient> {
  return TestClient.start({
    root,
    inProcess: (input, output) => {
      const conn = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
      startServer(conn, { rules: fakeRules });
      return conn;
    },
  });
}

const TEXT = '明年,园区将继续推进,重点抓好三件事,截止目前已完成一件。\n';

describe('code actions and commands (in-process server, test rules)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-actions-'));
    client = await start(root);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('fast rules are published first, then the union with the model rules', async () => {
    const uri = client.uri('phases.txt');
    const since = await client.open(uri, TEXT);
    const all = await client.diagnostics(uri, since, (d) => d.length === 4);
    const pubs = client.published.get(uri)!.slice(since);
    assert.deepEqual(pubs.map((p) => p.diagnostics.map((d) => d.code)), [
      ['punctuation', 'punctuation', 'punctuation'],
      ['punctuation', 'punctuation', 'punctuation', 'wrong-char'],
    ]);
    assert.deepEqual(all[3].range, { start: { line: 0, character: 19 }, end: { line: 0, character: 23 } });

    // An edit in another paragraph: the first publication already carries the model finding, moved.
    const mark = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '总体情况\n' }]);
    const first = await client.diagnostics(uri, mark, () => true);
    assert.deepEqual(first.find((d) => d.code === 'wrong-char')?.range, { start: { line: 1, character: 19 }, end: { line: 1, character: 23 } });
    await client.diagnostics(uri, mark, (d, p) => d.length === 4 && p.version === 2);
    await client.close(uri);
  });

  test('quick fixes: the fix (preferred), suggestions best first, fix all of the rule, ignore, dictionary, docs', async () => {
    const uri = client.uri('actions.txt');
    const since = await client.open(uri, TEXT);
    const diags = await client.diagnostics(uri, since, (d) => d.length === 4);

    const comma = await client.codeActions(uri, [diags[0]]);
    assert.deepEqual(comma.map((a) => a.title), ['改为“，”', '修正本文件中所有 punctuation 问题（3 处）', '忽略此行的 punctuation', '查看规则 punctuation 的说明']);
    assert.equal(comma[0].isPreferred, true);
    assert.deepEqual(editsOf(comma[0].edit, uri), [{ range: diags[0].range, newText: '，' }]);
    assert.deepEqual(editsOf(comma[1].edit, uri).map((e) => e.range.start.character), [2, 10, 18]);

    const word = await client.codeActions(uri, [diags[3]]);
    assert.deepEqual(word.map((a) => a.title), ['改为“截至目前”', '改为“到目前”', '忽略此行的 wrong-char', '将“截止目前”加入工作区词典', '查看规则 wrong-char 的说明']);
    assert.equal(word[0].isPreferred, undefined);
    assert.deepEqual(word[3].command, { title: '加入工作区词典', command: 'reportLint.addToDictionary', arguments: [uri, '截止目前'] });

    // Only source.fixAll requested: one action with every safe fix.
    const fixAll = await client.codeActions(uri, diags, ['source.fixAll']);
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.reportLint']);
    assert.equal(editsOf(fixAll[0].edit, uri).length, 3);
    assert.deepEqual(await client.codeActions(uri, diags, ['refactor']), []);

    // After an edit the old diagnostics' edits are stale: none offered for them (fix-all works from the new check).
    const mark = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '二' }]);
    await client.diagnostics(uri, mark, (d, p) => p.version === 2 && d.length === 4);
    const stale = await client.codeActions(uri, [diags[0]]);
    assert.deepEqual(stale.map((a) => a.title), ['修正本文件中所有 punctuation 问题（3 处）', '查看规则 punctuation 的说明']);
    await client.close(uri);
  });

  test('reportLint.fixAll applies every safe fix through workspace/applyEdit', async () => {
    const uri = client.uri('fixall.txt');
    const since = await client.open(uri, TEXT);
    await client.diagnostics(uri, since, (d) => d.length === 4);
    const before = client.appliedEdits.length;
    const r = await client.executeCommand('reportLint.fixAll', [uri]);
    assert.equal(r.applied, 3);
    const applied = client.appliedEdits[before];
    const edits = editsOf(applied.edit, uri);
    assert.equal(edits.length, 3);
    const mark = await client.applyEdits(uri, edits);
    assert.equal(client.docs.get(uri)!.getText(), '明年，园区将继续推进，重点抓好三件事，截止目前已完成一件。\n');
    const left = await client.diagnostics(uri, mark, (d, p) => p.version === 2 && d.length === 1);
    assert.equal(left[0].code, 'wrong-char');
    await client.close(uri);
  });

  test('add to dictionary writes the nearest .reportlintrc.json (or creates one) and re-checks', async () => {
    const uri = client.uri('dict/a.txt');
    const since = await client.open(uri, '截止目前已完成。\n');
    await client.diagnostics(uri, since, (d) => d.length === 1);
    const mark = client.mark(uri);
    const r = await client.executeCommand('reportLint.addToDictionary', [uri, '截止目前']);
    assert.equal(r.added, true);
    assert.equal(r.file, path.join(root, '.reportlintrc.json'));
    assert.deepEqual(JSON.parse(fs.readFileSync(r.file, 'utf8')), { dictionary: ['截止目前'] });
    await client.diagnostics(uri, mark, (d) => d.length === 0);
    fs.rmSync(r.file);
    await client.close(uri);

    // An existing file keeps its other keys, indentation and line breaks.
    const dir = path.join(root, 'dict2');
    fs.mkdirSync(dir);
    const cfg = path.join(dir, '.reportlintrc.json');
    fs.writeFileSync(cfg, '{\r\n    "rules": {\r\n        "punctuation": "error"\r\n    },\r\n    "dictionary": ["华阳新天地"]\r\n}\r\n');
    const uri2 = client.uri('dict2/b.txt');
    await client.open(uri2, '截止目前已完成。\n');
    const r2 = await client.executeCommand('reportLint.addToDictionary', [uri2, '截止目前']);
    assert.equal(r2.file, cfg);
    assert.equal(
      fs.readFileSync(cfg, 'utf8'),
      '{\r\n    "rules": {\r\n        "punctuation": "error"\r\n    },\r\n    "dictionary": [\r\n        "华阳新天地",\r\n        "截止目前"\r\n    ]\r\n}\r\n',
    );
    assert.equal((await client.executeCommand('reportLint.addToDictionary', [uri2, '截止目前'])).added, false);
    await client.close(uri2);
  });

  test('a rule that throws is logged once and the other rules still publish', async () => {
    const uri = client.uri('boom.txt');
    const since = await client.open(uri, '炸,药库,已拆除。\n');
    const d = await client.diagnostics(uri, since, (x) => x.length === 2);
    assert.deepEqual(d.map((x) => x.code), ['punctuation', 'punctuation']);
    const mark = await client.replaceText(uri, '炸,药库,已拆除,完毕。\n');
    await client.diagnostics(uri, mark, (x) => x.length === 3);
    const errors = client.logs.filter((l) => /count-mismatch/.test(l.message));
    assert.equal(errors.length, 1);
    assert.equal(errors[0].type, 1);
    assert.match(errors[0].message, /boom/);
    await client.close(uri);
  });
});
