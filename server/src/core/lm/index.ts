/**
 * The shared language model of the engine: a character n-gram (server/data/char-lm.bin), the word lexicon
 * (jieba's dictionary + server/data/report-vocab.dict + user words) and a sparse word bigram
 * (server/data/word-bigram.bin, optional). Loaded once, lazily, on first use by a rule
 * of tier `model`; `fast` rules never touch it.
 *
 *   const lm = getLanguageModel();
 *   lm.logProb(text, start, end)   // log10 P of text[start, end) given its left context in text (raw text in)
 *   lm.scoreWindow(str)            // log10 P of a short string read on its own
 *   lm.wordFreq('实施')  lm.isKnownWord('营商环境')  lm.segLogProb('付诸实施')
 */
import * as fs from 'node:fs';
import { dataPath } from '../data';
import { timedShared } from '../timing';
import { CharNgram } from './ngram';
import { Lexicon, type DeletionCandidate } from './lexicon';
import { LEXICON_FILE, LexiconTable, inputDigest, writeLexiconTable } from './lexicon-table';
import { DIGEST_SALT, compiledLexicon, lexiconInputs, reopenCompiledLexicon, wordTagsOf } from './compiled';
import { normalize } from './normalize';
import { WordBigram } from './wordbigram';

export { CharNgram, Lexicon, WordBigram, normalize };
export type { DeletionCandidate };
export { BOUNDARY, normChar, normCodeOf, normalizeCodes } from './normalize';

export const MODEL_FILE = 'char-lm.bin';
export const BIGRAM_FILE = 'word-bigram.bin';

export class LanguageModel {
  constructor(
    readonly ngram: CharNgram,
    readonly lexicon: Lexicon,
    /** Word pairs of the training text; absent when the file is (rules then do without). */
    readonly words?: WordBigram,
  ) {}

  /** log10 P of the characters text[start, end), each given up to order-1 characters of left context in `text`. */
  logProb(text: string, start: number, end: number): number {
    const from = Math.max(0, start - this.ngram.order + 1);
    const norm = normalize(text.slice(from, end));
    return this.ngram.logProb(norm, start - from, end - from);
  }

  /** log10 P of a short string read as the start of a sentence. */
  scoreWindow(str: string): number {
    return this.ngram.scoreWindow(normalize(str));
  }

  wordFreq(word: string): number {
    return this.lexicon.wordFreq(word);
  }

  isKnownWord(word: string): boolean {
    return this.lexicon.isKnownWord(word);
  }

  /** log10 probability of the best segmentation of `s` under the unigram word model. */
  segLogProb(s: string): number {
    return this.lexicon.segLogProb(s);
  }
}

let model: LanguageModel | undefined;
let failure: Error | undefined;

/**
 * The language model, loaded on first call (about 0.3 s). Throws a clear error when the model file is missing
 * or damaged; later calls rethrow the same error without retrying.
 */
export function getLanguageModel(): LanguageModel {
  if (model) return model;
  if (failure) throw failure;
  try {
    const file = dataPath(MODEL_FILE);
    if (!fs.existsSync(file)) throw new Error(`language model not found: ${file}`);
    model = timedShared('（加载语言模型）', () => {
      const ngram = new CharNgram(fs.readFileSync(file));
      const bigramFile = dataPath(BIGRAM_FILE);
      const words = fs.existsSync(bigramFile) ? new WordBigram(fs.readFileSync(bigramFile)) : undefined;
      return new LanguageModel(ngram, loadLexicon(), words);
    });
    return model;
  } catch (e) {
    failure = e instanceof Error ? e : new Error(String(e));
    throw failure;
  }
}

/**
 * The lexicon: from the compiled table server/data/lexicon.bin when it was compiled from these very dictionaries
 * (instant), else built from the dictionaries (about half a second).
 */
export function loadLexicon(): Lexicon {
  const table = compiledLexicon();
  return table ? new Lexicon(table) : Lexicon.fromFiles(lexiconInputs());
}

/** Compiles the lexicon of the current dictionaries into server/data/lexicon.bin (run by `npm run build`). */
export function compileLexicon(): { file: string; bytes: number } {
  const inputs = lexiconInputs();
  const content = { ...Lexicon.fromFiles(inputs).content(), wordTags: wordTagsOf(inputs) };
  const digest = inputDigest(inputs, DIGEST_SALT);
  // the standalone shares of the single characters that are in words, as a lexicon over the table works them out
  const table = LexiconTable.open(writeLexiconTable(content, digest), digest);
  if (!table) throw new Error('compiled lexicon does not open');
  const lexicon = new Lexicon(table);
  const charShares = new Map<number, number>();
  for (const key of content.deletions.keys()) if (key.length === 1) charShares.set(key.charCodeAt(0), lexicon.standaloneShare(key));
  const buf = writeLexiconTable({ ...content, charShares }, digest);
  const file = dataPath(LEXICON_FILE);
  fs.writeFileSync(file, buf);
  reopenCompiledLexicon();
  return { file, bytes: buf.length };
}

/** True when the model is already in memory (front ends may report "model loading"). */
export function isLanguageModelLoaded(): boolean {
  return !!model;
}

/** Adds user words (workspace dictionary) to the lexicon, so they count as known words and candidates. */
export function addLexiconWords(words: Iterable<string>, freq = 1000): void {
  const lm = getLanguageModel();
  for (const w of words) {
    const word = w.trim();
    if (word && !/\s/.test(word)) lm.lexicon.addWord(word, freq, 'nz');
  }
}
