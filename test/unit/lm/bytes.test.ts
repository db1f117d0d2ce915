import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alignedView } from '../../../server/src/core/lm/bytes';

test('alignedView uses the buffer in place when aligned, and copies when it is not', () => {
  const whole = Buffer.alloc(64);
  for (let i = 0; i < 64; i++) whole[i] = i;
  const inPlace = alignedView(whole, 8, 16, 4);
  assert.equal(inPlace.body, whole.buffer);
  assert.deepEqual([...new Uint8Array(inPlace.body, inPlace.start, 16)], [...whole.subarray(8, 24)]);
  const odd = whole.subarray(1); // a slice at an odd offset, as pooled buffers may be
  const copied = alignedView(odd, 2, 8, 2);
  assert.notEqual(copied.body, whole.buffer);
  assert.equal(copied.start, 0);
  assert.deepEqual([...new Uint8Array(copied.body, copied.start, 8)], [...odd.subarray(2, 10)]);
  new Uint16Array(copied.body, copied.start, 4); // viewable
});
