import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createConnection } from 'vscode-languageserver/node';
import { StreamMessageReader, StreamMessageWriter, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { ReportDocument } from '../../server/src/core/document';
import { lint } from '../../server/src/core/runner';
import type { Rule } from '../../server/src/core/types';
import { allRules } from '../../server/src/rules';
import { startServer } from '../../server/src/lsp/server';
import { TestClient } from './helpers/client';
import { wordRule } from './helpers/fake-rules';

/** The real rules plus a model-tier one, so that findings carried over between the two phases are exercised. */
const modelRule: Rule = { meta: { ...wordRule.meta, id: 'test-model' }, check: wordRule.check };
const RULES: readonly Rule[] = [...allRules, modelRule];

// Incremental re-checking (paragraph cache, findings carried over between phases) must give exactly what a
// fresh check of the same text gives: random edit sequences, compared after every burst.

let root: string;
let client: TestClient;
before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-incremental-'));
  client = await TestClient.start({
    root,
    inProcess: (input, output) => {
      const conn = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
      startServer(conn, { rules: RULES });
      return conn;
    },
  });
});
after(async () => {
  await client.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = ['截止目前', 'xx', '共个', '3000平米', ',', '，', '\n', '\r\n', '一、', '（二）', '2.', '𠮷', '约亩', '完成投资12亿元。', '<!-- report-lint-disable-next-line placeholder -->\n', '*', '。'];

function expected(text: string, format: 'plaintext' | 'markdown') {
  const doc = new ReportDocument(text, format);
  const sev = { error: 1, warn: 2, info: 3 } as const;
  return lint(doc, RULES).map((d) => ({ code: d.ruleId, range: { start: doc.positionAt(d.range[0]), end: doc.positionAt(d.range[1]) }, message: d.message, severity: sev[d.severity] }));
}

const shape = (ds: Diagnostic[]) => ds.map((d) => ({ code: d.code, range: d.range, message: d.message, severity: d.severity }));

for (const [name, format] of [['2024年工作总结.txt', 'plaintext'], ['工作计划.md', 'markdown']] as const) {
  test(`random edits of ${name}: every re-check equals a fresh check`, async () => {
    const random = rng(name.length * 7919);
    const uri = client.uri(name);
    // A model finding at the start and the end, so that edits between them leave some to carry over.
    const base = '截止目前，各项工作有序推进。\n\n' + fs.readFileSync(path.resolve(__dirname, '../../examples', name), 'utf8') + '\n截止目前已全部完成。\n';
    const texts = new Map<number, string>([[1, base]]);
    const since = await client.open(uri, base, format);
    const first = expected(base, format);
    assert.deepEqual(shape(await client.diagnostics(uri, since, (d) => d.length === first.length)), first);
    for (let burst = 0; burst < 25; burst++) {
      const mark = client.mark(uri);
      const edits = 1 + Math.floor(random() * 3);
      for (let k = 0; k < edits; k++) {
        const doc = client.docs.get(uri)!;
        const text = doc.getText();
        const at = Math.floor(random() * (text.length + 1));
        const del = random() < 0.35 ? Math.min(text.length - at, 1 + Math.floor(random() * 6)) : 0;
        const insert = del && random() < 0.5 ? '' : SNIPPETS[Math.floor(random() * SNIPPETS.length)];
        await client.change(uri, [{ range: { start: doc.positionAt(at), end: doc.positionAt(at + del) }, text: insert }]);
        texts.set(client.docs.get(uri)!.version, client.docs.get(uri)!.getText());
      }
      const text = client.docs.get(uri)!.getText();
      const version = client.docs.get(uri)!.version;
      // The last publication of the burst: the union of both phases for the last version.
      const got = await client.diagnostics(uri, mark, (d, p) => p.version === version && d.length === expected(text, format).length);
      assert.deepEqual(shape(got), expected(text, format), `burst ${burst}: ${JSON.stringify(text)}`);
      // Every publication of the burst (first phases included) holds only findings a fresh check of its version has.
      for (const p of client.published.get(uri)!.slice(mark)) {
        const want = expected(texts.get(p.version!)!, format).map((x) => JSON.stringify(x));
        for (const d of shape(p.diagnostics)) assert.ok(want.includes(JSON.stringify(d)), `version ${p.version}: ${JSON.stringify(d)}`);
      }
    }
    // The edits did exercise the carrying over: some first-phase publications held model findings.
    const carried = client.published.get(uri)!.filter((p, i, all) => all[i + 1]?.version === p.version && p.diagnostics.some((d) => d.code === 'test-model'));
    assert.ok(carried.length > 0);
    await client.close(uri);
  });
}
