// Compiles the word lexicon (jieba's dictionary + server/data/report-vocab.dict) into server/data/lexicon.bin, so
// that the language model starts without parsing dictionaries, and wrong-char's index of two-character words by
// sound into server/data/pair-index.bin. Run by scripts/build.mjs (npm run build); the files are not committed.
// Without them (or when the dictionaries changed since) both are built at start-up as before.
import { compileLexicon } from '../server/src/core/lm';
import { compilePairIndex } from '../server/src/core/confusion';

const t0 = performance.now();
const { file, bytes } = compileLexicon();
console.log(`lexicon: ${file} (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
const t1 = performance.now();
const pairs = compilePairIndex();
console.log(`pair index: ${pairs.file} (${(pairs.bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
