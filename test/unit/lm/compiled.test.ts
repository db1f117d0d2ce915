import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

// A data folder of our own (this file runs in a process of its own: the data folder is chosen once per process).
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-compiled-'));
fs.writeFileSync(path.join(dir, 'README.md'), 'test data folder\n');
const vocab = path.join(dir, 'report-vocab.dict');
fs.writeFileSync(vocab, '条线 100 n\n');
process.env.REPORT_LINT_DATA = dir;

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { jiebaDict, lexiconInputs, lexiconInputsDigest } = require('../../../server/src/core/lm/compiled') as typeof import('../../../server/src/core/lm/compiled');
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { contentDigest, inputDigest, saltedDigest } = require('../../../server/src/core/lm/lexicon-table') as typeof import('../../../server/src/core/lm/lexicon-table');

test.after(() => fs.rmSync(dir, { recursive: true, force: true }));

test("jieba's dictionary is read from the package as @node-rs/jieba/dict gives it", () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  assert.ok(jiebaDict().equals(Buffer.from(dict)));
  assert.equal(jiebaDict(), jiebaDict(), 'read once');
});

test('the digest of the dictionaries is computed once, and again when a dictionary changes', () => {
  const first = lexiconInputsDigest();
  assert.deepEqual(first, contentDigest(lexiconInputs()));
  assert.equal(lexiconInputsDigest(), first, 'unchanged files: the same digest, not computed again');
  // a word added to our vocabulary: another digest
  fs.writeFileSync(vocab, '条线 100 n\n网格员 50 n\n');
  const second = lexiconInputsDigest();
  assert.notDeepEqual(second, first);
  assert.deepEqual(second, contentDigest(lexiconInputs()));
  // the same length, another word: still noticed (the file's times change)
  fs.writeFileSync(vocab, '条线 100 n\n网格长 50 n\n');
  const bumped = new Date(Date.now() + 5000);
  fs.utimesSync(vocab, bumped, bumped);
  const third = lexiconInputsDigest();
  assert.notDeepEqual(third, second);
  assert.deepEqual(third, contentDigest(lexiconInputs()));
  // the vocabulary taken away
  fs.rmSync(vocab);
  assert.deepEqual(lexiconInputsDigest(), contentDigest([jiebaDict()]));
});

test('a salted digest is inputDigest: settings and inputs both count', () => {
  const inputs = [Buffer.from('条线 100 n\n')];
  assert.deepEqual(saltedDigest(contentDigest(inputs), 'min10'), inputDigest(inputs, 'min10'));
  assert.notDeepEqual(inputDigest(inputs, 'min10'), inputDigest(inputs, 'min20'));
  assert.notDeepEqual(inputDigest(inputs, 'min10'), inputDigest([Buffer.from('条线 100 n\n'), Buffer.alloc(0)], 'min10'));
});
