// Compiles the word lexicon (jieba's dictionary + server/data/report-vocab.dict) into server/data/lexicon.bin, so
// that the language model starts without parsing dictionaries. Run by scripts/build.mjs (npm run build); the file
// is not committed. Without it (or when the dictionaries changed since) the lexicon is built at start-up as before.
import { compileLexicon } from '../server/src/core/lm';

const t0 = performance.now();
const { file, bytes } = compileLexicon();
console.log(`lexicon: ${file} (${(bytes / 1e6).toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
