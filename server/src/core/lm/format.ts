/**
 * The character n-gram file (server/data/char-lm.bin), shared by the builder and the reader:
 *   header (32 bytes): "RLLM", version, order, slots, entries, oov log10 prob (f32)
 *   Uint16 fingerprint[slots] (0 = empty) · Uint8 quantised log10 P(w|h)[slots] (0 = none) ·
 *   Uint8 quantised log10 back-off weight[slots]
 * Slots are an open-addressing table indexed by the first hash of the n-gram modulo slots, linear probing.
 */
/** Table load factor. */
export const LOAD = 0.75;
export const MAGIC = 'RLLM';
export const VERSION = 1;
export const HEADER_BYTES = 32;

/** log10 P in [PROB_MIN, 0] on 255 levels (code 0 = no probability stored). */
export const PROB_MIN = -7;
/** log10 back-off weight in [BOW_MIN, 0] on 256 levels. */
export const BOW_MIN = -4;

export const quantize = {
  prob(lp: number): number {
    const x = Math.max(PROB_MIN, Math.min(0, lp));
    return 1 + Math.round(((x - PROB_MIN) / -PROB_MIN) * 254);
  },
  bow(lb: number): number {
    const x = Math.max(BOW_MIN, Math.min(0, lb));
    return Math.round(((x - BOW_MIN) / -BOW_MIN) * 255);
  },
};

export const dequantize = {
  prob(q: number): number {
    return PROB_MIN + ((q - 1) / 254) * -PROB_MIN;
  },
  bow(q: number): number {
    return BOW_MIN + (q / 255) * -BOW_MIN;
  },
};
