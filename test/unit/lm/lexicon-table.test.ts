import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { Lexicon } from '../../../server/src/core/lm/lexicon';
import { LexiconTable, inputDigest, writeLexiconTable } from '../../../server/src/core/lm/lexicon-table';
import { loadLexicon } from '../../../server/src/core/lm';
import { wordTagsOf } from '../../../server/src/core/lm/compiled';
import { dataPath } from '../../../server/src/core/data';

// A small dictionary of our own in jieba's format (word freq tag).
const DICT = ['实施 5000 v', '付诸实施 40 l', '实际 9000 n', '国际 8000 n', '交际 300 n', '问题 20000 n', '的 300000 uj',
  '工作 30000 vn', '推进 6000 v', '乡村 4000 n', '振兴 3000 v', '乡村振兴 900 nz', '际 12 ng', '施 50 v', '稀有词 3 n'].join('\n');

function compiled(text: string): Lexicon {
  const parsed = Lexicon.fromFiles([Buffer.from(text)]);
  const digest = inputDigest([Buffer.from(text)], 'test');
  const table = LexiconTable.open(writeLexiconTable(parsed.content(), digest), digest);
  assert.ok(table, 'the table opens with the digest it was written with');
  return new Lexicon(table);
}

const PROBES = ['实施', '付诸实施', '国际', '际', '施', '稀有词', '未知', '乡村振兴', '的', ''];
const STRINGS = ['遇到的际问题', '付诸施', '推进乡村振兴工作', '国际交际', '完全陌生的话', '的的的'];

test('a compiled lexicon answers exactly as the one parsed from the same dictionary', () => {
  const a = Lexicon.fromFiles([Buffer.from(DICT)]);
  const b = compiled(DICT);
  for (const w of PROBES) {
    assert.equal(b.wordFreq(w), a.wordFreq(w), w);
    assert.equal(b.isKnownWord(w), a.isKnownWord(w), w);
    assert.equal(b.wordTag(w), a.wordTag(w), w);
    assert.equal(b.wordLogProb(w), a.wordLogProb(w), w);
  }
  for (const s of STRINGS) assert.equal(b.segLogProb(s), a.segLogProb(s), s);
  for (const k of ['付诸施', '际', '施', '实', '乡振兴', '稀词']) assert.deepEqual(b.deletionCandidates(k), a.deletionCandidates(k), k);
  // 际 comes from 实际, 国际 and 交际, most frequent first; 稀有词 (frequency 3) proposes nothing
  assert.deepEqual(b.deletionCandidates('际').map((c) => c.word), ['实际', '国际', '交际']);
  assert.deepEqual(b.deletionCandidates('稀词'), []);
});

test('words added at run time count on top of a compiled lexicon', () => {
  const a = Lexicon.fromFiles([Buffer.from(DICT)]);
  const b = compiled(DICT);
  a.deletionCandidates(''); // the parsed lexicon builds its index on first use: words added after it come last
  for (const lex of [a, b]) {
    lex.addWord('际遇', 500, 'n'); // new word: a new deletion candidate for 际
    lex.addWord('稀有词', 80); // raised above the candidate floor
    lex.addWord('实施', 10); // never lowered
  }
  for (const w of ['际遇', '稀有词', '实施']) assert.equal(b.wordFreq(w), a.wordFreq(w), w);
  assert.equal(b.wordFreq('实施'), 5000);
  for (const s of STRINGS) assert.equal(b.segLogProb(s), a.segLogProb(s), s);
  assert.deepEqual(b.deletionCandidates('际'), a.deletionCandidates('际'));
  assert.deepEqual(b.deletionCandidates('际').map((c) => c.word), ['实际', '国际', '交际', '际遇']);
  assert.deepEqual(b.deletionCandidates('稀词').map((c) => c.word), ['稀有词']);
});

test("a compiled lexicon stores the single characters' standalone shares, and answers them as it would work them out", () => {
  const parsed = Lexicon.fromFiles([Buffer.from(DICT)]);
  const digest = inputDigest([Buffer.from(DICT)], 'test');
  const open = (charShares?: Map<number, number>) => new Lexicon(LexiconTable.open(writeLexiconTable({ ...parsed.content(), charShares }, digest), digest)!);
  const plain = open();
  const chars = ['际', '施', '实', '的', '乡', '未'];
  const stored = open(new Map(chars.slice(0, 4).map((c) => [c.charCodeAt(0), plain.standaloneShare(c)])));
  for (const c of chars) assert.equal(stored.standaloneShare(c), parsed.standaloneShare(c), c);
  // 际 stands alone 12 times beside 实际, 国际 and 交际
  assert.equal(stored.standaloneShare('际'), 12 / (12 + 9000 + 8000 + 300));
  // the stored number is the one answered (none is worked out again) …
  const marked = open(new Map([['际'.charCodeAt(0), 0.25]]));
  assert.equal(marked.standaloneShare('际'), 0.25);
  // … until words are added on top: then the shares are worked out afresh
  const added = open(new Map([['际'.charCodeAt(0), 0.25]]));
  added.addWord('际遇', 500, 'n');
  assert.equal(added.standaloneShare('际'), 12 / (12 + 9000 + 8000 + 300 + 500));
});

test('a compiled lexicon of other dictionaries, or a damaged file, is not used', () => {
  const parsed = Lexicon.fromFiles([Buffer.from(DICT)]);
  const buf = writeLexiconTable(parsed.content(), inputDigest([Buffer.from(DICT)], 'test'));
  assert.equal(LexiconTable.open(buf, inputDigest([Buffer.from(DICT + '\n新词 10 n')], 'test')), undefined);
  assert.equal(LexiconTable.open(buf, inputDigest([Buffer.from(DICT)], 'other settings')), undefined);
  assert.equal(LexiconTable.open(Buffer.from('not a lexicon at all'), inputDigest([Buffer.from(DICT)], 'test')), undefined);
  assert.equal(LexiconTable.open(Buffer.alloc(0), inputDigest([], 'test')), undefined);
});

test('the shipped lexicon, compiled or not, gives the same answers', () => {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const parsed = Lexicon.fromFiles([Buffer.from(dict), dataPath('report-vocab.dict')]);
  const loaded = loadLexicon();
  for (const w of ['实施', '营商环境', '付诸实施', '乡村振兴', '高质量发展', '不存在的词语组合']) assert.equal(loaded.wordFreq(w), parsed.wordFreq(w), w);
  for (const s of ['遇到的际问题要及时解决', '把各项措施付诸施', '持续优化营商环境']) assert.equal(loaded.segLogProb(s), parsed.segLogProb(s), s);
  for (const k of ['付诸施', '际', '营环境']) assert.deepEqual(loaded.deletionCandidates(k), parsed.deletionCandidates(k), k);
  for (const c of ['际', '影', '革', '把', '的', '中', '施']) assert.equal(loaded.standaloneShare(c), parsed.standaloneShare(c), c);
  if (!fs.existsSync(dataPath('lexicon.bin'))) console.log('# lexicon.bin not compiled here (npm run build compiles it); compared the parsed lexicon with itself');
});

test("a compiled lexicon keeps every word's tag, the first a dictionary gives it (as jieba does)", () => {
  const ours = Buffer.from('乡村振兴 20 n\n强村公司 15 nt\n');
  const inputs = [Buffer.from(DICT), ours];
  const content = { ...Lexicon.fromFiles(inputs).content(), wordTags: wordTagsOf(inputs) };
  const digest = inputDigest(inputs, 'test');
  const table = LexiconTable.open(writeLexiconTable(content, digest), digest);
  assert.ok(table);
  assert.equal(table.tagOf('付诸实施'), 'l');
  assert.equal(table.tagOf('乡村振兴'), 'nz'); // the first dictionary's tag stays
  assert.equal(table.tagOf('强村公司'), 'nt');
  assert.equal(table.tagOf('的'), 'uj');
  assert.equal(table.tagOf('未知词'), undefined);
  assert.equal(table.tagOf('推进乡村振兴', 2, 6), 'nz'); // a slice, looked up in place
});

test('a lexicon tells by its revision when a word was added or raised (memos of answers compare it)', () => {
  const lex = new Lexicon();
  lex.addDict(DICT);
  const r0 = lex.revision;
  lex.addWord('实施', 10); // lower: nothing changes
  assert.equal(lex.revision, r0);
  lex.addWord('按排', 5);
  assert.ok(lex.revision > r0);
  const r1 = lex.revision;
  lex.addWord('按排', 50);
  assert.ok(lex.revision > r1);
});

test("a character's standalone share is remembered, and worked out again when a word holding it is added", () => {
  const lex = new Lexicon();
  lex.addDict(DICT);
  const fresh = () => {
    const again = new Lexicon();
    again.addDict(DICT);
    return again;
  };
  const before = lex.standaloneShare('际');
  assert.equal(before, fresh().standaloneShare('际'));
  assert.equal(lex.standaloneShare('际'), before, 'asked again: the same');
  assert.ok(before < 1);
  assert.equal(lex.standaloneShare('实际'), fresh().standaloneShare('实际'), 'two characters too');
  lex.addWord('际遇', 5000);
  assert.ok(lex.standaloneShare('际') < before, 'one more word holds 际');
});
