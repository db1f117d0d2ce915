import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/lsp/server';
import { TestClient } from './helpers/client';
import { GATE, rules } from './helpers/worker-rules';

// The model-tier rules run in a worker thread: while they are busy on one document, the server keeps answering —
// fast findings of other documents, code actions — and their results are merged in when they arrive, for the
// current version only. The worker runs the test rules of helpers/worker-rules.ts (a slow model rule held by a
// gate file, one that throws, one that ends its thread).

const codes = (d: Diagnostic[]) => d.map((x) => x.code).sort();

describe('model tier in a worker thread (in-process server, test rules)', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-worker-'));
    client = await TestClient.start({
      root,
      settings: { logLevel: 'debug' },
      inProcess: (input, output) => {
        const conn = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
        startServer(conn, { rules, modelWorker: { rulesModule: path.join(__dirname, 'helpers/worker-rules.ts') } });
        return conn;
      },
    });
  });
  after(async () => {
    fs.rmSync(GATE, { force: true });
    await client.conn.sendRequest('shutdown');
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('fast findings of another document arrive while the model tier is busy; results merge when it is done', async () => {
    fs.writeFileSync(GATE, '');
    const slow = client.uri('slow.txt');
    const other = client.uri('other.txt');
    const since = await client.open(slow, '慢慢推进,截止目前已完成。\n');
    // The fast phase of the slow document: the comma only; its model rule is now waiting at the gate.
    assert.deepEqual(codes(await client.diagnostics(slow, since)), ['punctuation']);
    const otherSince = await client.open(other, '园区,截止目前已完成。\n');
    assert.deepEqual(codes(await client.diagnostics(other, otherSince)), ['punctuation']);
    // Code actions are served meanwhile, from the fast phase's findings.
    const fast = client.published.get(slow)![since].diagnostics;
    const actions = await client.codeActions(slow, fast);
    assert.ok(actions.some((a) => a.title.includes('，')), JSON.stringify(actions.map((a) => a.title)));
    // Nothing from the model tier yet: the slow document has had its fast publication only.
    assert.equal(client.published.get(slow)!.length, since + 1);

    fs.rmSync(GATE);
    const merged = await client.diagnostics(slow, since, (d) => d.length === 2);
    assert.deepEqual(codes(merged), ['punctuation', 'wrong-char']);
    assert.deepEqual(codes(await client.diagnostics(other, otherSince, (d) => d.length === 2)), ['punctuation', 'wrong-char']);
    // Quick fixes for the model finding (its suggestions) once merged.
    const modelFinding = merged.find((d) => d.code === 'wrong-char')!;
    const titles = (await client.codeActions(slow, [modelFinding])).map((a) => a.title);
    assert.ok(titles.some((t) => t.includes('截至目前')), JSON.stringify(titles));
    await client.close(slow);
    await client.close(other);
  });

  test('a result for an old version is dropped: only the current version is published with model findings', async () => {
    fs.writeFileSync(GATE, '');
    const uri = client.uri('edited.txt');
    const since = await client.open(uri, '慢,截止目前已完成。\n');
    await client.diagnostics(uri, since);
    // Version 2 drops the model finding's text while version 1's model run is still held.
    const mark = await client.replaceText(uri, '慢,到目前已完成。\n');
    await client.diagnostics(uri, mark);
    fs.rmSync(GATE);
    await client.diagnostics(uri, mark, (d, p) => p.version === 2 && d.length === 1 && client.published.get(uri)!.filter((q) => q.version === 2).length === 2);
    await new Promise((r) => setTimeout(r, 200));
    for (const p of client.published.get(uri)!.slice(since)) {
      if (p.version === 1) assert.deepEqual(codes(p.diagnostics), ['punctuation'], 'no model result for version 1');
      else assert.deepEqual(codes(p.diagnostics), ['punctuation']);
    }
    await client.close(uri);
  });

  test('a model rule that throws is logged once; the other rules still report', async () => {
    const uri = client.uri('boom.txt');
    const since = await client.open(uri, '炸,截止目前已完成。\n');
    assert.deepEqual(codes(await client.diagnostics(uri, since, (d) => d.length === 2)), ['punctuation', 'wrong-char']);
    const mark = await client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '炸了。\n' }]);
    await client.diagnostics(uri, mark, (d, p) => p.version === 2 && d.length === 2 && client.published.get(uri)!.filter((q) => q.version === 2).length === 2);
    const logged = client.logs.filter((l) => l.message.includes('missing-char') && l.message.includes('模型规则炸了'));
    assert.equal(logged.length, 1, JSON.stringify(client.logs.map((l) => l.message)));
    await client.close(uri);
  });

  test('the worker dies: the server stays up, restarts it and logs it; other documents get model findings again', async () => {
    const dead = client.uri('dead.txt');
    const since = await client.open(dead, '死,截止目前已完成。\n');
    // The check that killed the worker (twice: it is retried once) ends with the fast findings.
    await client.waitFor('the final publication', () => (client.published.get(dead) ?? []).length >= since + 2 || undefined);
    assert.deepEqual(codes(client.published.get(dead)!.at(-1)!.diagnostics), ['punctuation']);
    assert.ok(client.logs.some((l) => l.message.includes('模型规则线程意外退出')));
    const ok = client.uri('ok.txt');
    const s2 = await client.open(ok, '好,截止目前已完成。\n');
    assert.deepEqual(codes(await client.diagnostics(ok, s2, (d) => d.length === 2)), ['punctuation', 'wrong-char']);
    await client.close(dead);
    await client.close(ok);
  });
});
