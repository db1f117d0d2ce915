import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildPairIndex, confusables, confusionKind, openPairIndex, readingsOf, soundAlikeCodes, soundAlikeWords, type PairIndex } from '../../../server/src/core/confusion';

// The lookups the wrong-char passes use many times are shortcuts of confusables(): they must agree with it.
const CHARS = [...'据局信息政府安排健全率利是的行长重量乐', '㐀'];

test('soundAlikeCodes is the same-sound and same-syllable part of confusables', () => {
  for (const c of CHARS) {
    const expected = new Set(confusables(c).filter((x) => x.kind === 'same-sound' || x.kind === 'same-syllable').map((x) => x.char.charCodeAt(0)));
    assert.deepEqual(new Set(soundAlikeCodes(c.charCodeAt(0))), expected, c);
  }
  assert.ok(soundAlikeCodes('据'.charCodeAt(0)).has('局'.charCodeAt(0)));
  assert.ok(!soundAlikeCodes('据'.charCodeAt(0)).has('据'.charCodeAt(0)));
});

test('confusionKind gives the kind of a character among confusables, undefined outside', () => {
  for (const c of CHARS)
    for (const maxRank of [Infinity, 3000, 500]) {
      const kinds = confusables(c, maxRank);
      for (const x of kinds) assert.equal(confusionKind(c, x.char, maxRank), x.kind, `${c} ${x.char} ${maxRank}`);
      // and the characters of other sets, most of which are not in this one
      for (const d of CHARS) for (const x of confusables(d)) assert.equal(confusionKind(c, x.char, maxRank), kinds.find((y) => y.char === x.char)?.kind, `${c} ${x.char} ${maxRank}`);
      assert.equal(confusionKind(c, c, maxRank), undefined);
    }
  assert.equal(confusionKind('据', '剧'), 'same-sound');
  assert.equal(confusionKind('据', '局'), 'same-syllable');
  assert.equal(confusionKind('据', '天'), undefined);
});

test('soundAlikeWords: dictionary words of the same syllables, the text itself excluded', () => {
  const words = soundAlikeWords('正', '负');
  assert.ok(words.includes('政府'));
  assert.ok(!words.includes('正负'));
  for (const w of soundAlikeWords('心', '细')) {
    const toneless = (c: string) => new Set(readingsOf(c).map((r) => r.replace(/\d$/, '')));
    assert.ok([...toneless(w[0])].some((s) => toneless('心').has(s)), w);
    assert.ok([...toneless(w[1])].some((s) => toneless('细').has(s)), w);
  }
  assert.ok(soundAlikeWords('心', '细').includes('信息'));
  assert.deepEqual(soundAlikeWords('a', 'b'), []);
});

test('sound confusions come from the two commonest readings of a character', () => {
  // 和: hé, hè, huó, huò, hú: 或 (huò) is not a sound-alike of it; 长 (cháng, zhǎng) still is of 涨
  assert.equal(confusionKind('或', '和'), undefined);
  assert.equal(confusionKind('和', '或'), undefined);
  assert.equal(confusionKind('长', '涨'), 'same-sound');
  assert.deepEqual(readingsOf('和').slice(0, 2), ['he2', 'he4']);
});

test('the pair index compiled by the build gives the same words as one built from the dictionaries', () => {
  const compiled = openPairIndex();
  const built = buildPairIndex();
  if (!compiled) {
    console.log('# pair-index.bin not compiled here (npm run build compiles it)');
    return;
  }
  // the same entries under every key: keys are syllable pairs, entries two character codes, in dictionary order
  const entries = (p: PairIndex) => {
    const m = new Map<number, number[]>();
    for (const [key, id] of p.ids) m.set(key, [...p.words.subarray(p.start[id], p.start[id + 1])]);
    return m;
  };
  const a = entries(compiled);
  const b = entries(built);
  assert.equal(a.size, b.size);
  for (const [key, list] of b) assert.deepEqual(a.get(key), list, String(key));
  assert.ok(soundAlikeWords('心', '细').includes('信息'));
});
