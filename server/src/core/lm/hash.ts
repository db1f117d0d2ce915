/**
 * Two independent 32-bit hashes of a string slice (FNV-1a style with a murmur finaliser). The model file stores
 * n-grams by these hashes only: `h1` picks the slot, `h2` is the fingerprint kept in it.
 */
export function hashSlice(s: string, start: number, end: number, out: Uint32Array): void {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x9747b28c ^ Math.imul(end - start, 0x01000193);
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  finish(a, b, out);
}

/** hashSlice over character codes (w[start, end)) instead of a string: the same two hashes. */
export function hashCodes(w: ArrayLike<number>, start: number, end: number, out: Uint32Array): void {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x9747b28c ^ Math.imul(end - start, 0x01000193);
  for (let i = start; i < end; i++) {
    const c = w[i];
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  finish(a, b, out);
}

function finish(a: number, b: number, out: Uint32Array): void {
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  a = Math.imul(a, 0xc2b2ae35);
  a ^= a >>> 16;
  b ^= b >>> 16;
  b = Math.imul(b, 0x7feb352d);
  b ^= b >>> 15;
  b = Math.imul(b, 0x846ca68b);
  b ^= b >>> 16;
  out[0] = a >>> 0;
  out[1] = b >>> 0;
}
