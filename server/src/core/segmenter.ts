import * as fs from 'node:fs';
import type { Jieba } from '@node-rs/jieba';
import { EXTRA_DICTIONARIES, dataPath } from './data';
import { compiledLexicon, jiebaDict } from './lm/compiled';
import type { Token } from './types';

export { EXTRA_DICTIONARIES };

/**
 * The one segmenter of the project: @node-rs/jieba with its bundled dictionary, extended by our report
 * vocabulary (server/data/report-vocab.dict, when present) and the user's words. Loaded once, lazily, and shared by every
 * rule; results are cached per string because several rules segment the same paragraph.
 */
let jieba: Jieba | undefined;
const added = new Set<string>();
const cache = new Map<string, Token[]>();
/**
 * The cache holds up to this many characters of text (about 50 MB of tokens at most): every paragraph of a large document
 * stays in it while all rules run, so each is cut once however many rules ask, and the sentences the model rules
 * cut on their own do not push the paragraphs out.
 */
const CACHE_MAX_CHARS = 1_000_000;
let cachedChars = 0;


export function getJieba(): Jieba {
  if (!jieba) {
    // Required lazily: start-up of rules that need no segmentation stays instant.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    jieba = mod.Jieba.withDict(jiebaDict());
    for (const name of EXTRA_DICTIONARIES) {
      const file = dataPath(name);
      if (fs.existsSync(file)) jieba.loadDict(fs.readFileSync(file));
    }
  }
  return jieba;
}

/**
 * Makes the user's words (workspace dictionary) exactly `words` in the segmenter: new words are added (cheap);
 * when a word added before is no longer among them, the segmenter is rebuilt without it (about 0.1 s), so that a
 * word taken out of the dictionary stops changing how text is cut.
 */
export function setUserWords(words: Iterable<string>): void {
  const wanted = new Set<string>();
  for (const w of words) {
    const word = w.trim();
    if (word && !/\s/.test(word)) wanted.add(word);
  }
  let stale = false;
  for (const w of added) if (!wanted.has(w)) stale = true;
  if (stale) {
    jieba = undefined;
    added.clear();
  }
  const lines: string[] = [];
  for (const word of wanted) {
    if (added.has(word)) continue;
    added.add(word);
    lines.push(`${word} 1000 nz`);
  }
  if (lines.length) getJieba().loadDict(Buffer.from(lines.join('\n') + '\n'));
  if (lines.length || stale) {
    cache.clear();
    cachedChars = 0;
    generation++;
  }
}

let generation = 0;

/** Changes whenever the user's words change how text is cut (caches of results that depend on the tokens compare it). */
export function segmentationGeneration(): number {
  return generation;
}

/** Segments `text` with POS tags; token offsets are relative to `text` and cover it entirely. */
export function segment(text: string): Token[] {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const { words, tags } = tagWords(text);
  const tokens: Token[] = [];
  let pos = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    // Tokens cover the text in order. A lone surrogate reaches jieba as U+FFFD (same length): such a token is
    // taken where it stands, never searched for further on, so offsets cannot drift past the text.
    let word = w;
    let s = pos;
    if (!text.startsWith(w, pos)) {
      if (!w.includes('\uFFFD')) {
        const found = text.indexOf(w, pos);
        if (found >= 0) s = found;
      }
      word = text.slice(s, Math.min(text.length, s + w.length));
    }
    // (where jieba's word stands in the text as it is, the word is the text's own: no copy made)
    const e = s + word.length;
    tokens.push({ word, tag: tags[k], start: s, end: e });
    pos = e;
  }
  cache.set(text, tokens);
  cachedChars += text.length;
  while (cachedChars > CACHE_MAX_CHARS && cache.size > 1) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  return tokens;
}

/**
 * jieba's words of `text` with their part-of-speech tags. jieba's own tagging (`tag`) costs about three times its
 * cutting, most of it in handing an object per word across to JavaScript; with the compiled lexicon at hand the
 * words are cut and tagged here, exactly as jieba tags them: a dictionary word gets the tag its dictionary gives
 * it first, a user word not in the dictionaries nz (setUserWords adds it so), any other word x, m or eng by its
 * ASCII letters and digits.
 */
function tagWords(text: string): { words: string[]; tags: string[] } {
  const table = compiledLexicon();
  if (!table) {
    const tagged = getJieba().tag(text, true);
    return { words: tagged.map((t) => t.word), tags: tagged.map((t) => t.tag) };
  }
  const words = getJieba().cut(text, true);
  const tags = new Array<string>(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    tags[i] = table.tagOf(w) ?? (added.has(w) ? 'nz' : untaggedTag(w));
  }
  return { words, tags };
}

/** jieba's tag of a word its dictionaries do not have: x without ASCII letters or digits, m with digits only, else eng. */
function untaggedTag(w: string): string {
  let alnum = 0;
  let digits = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      alnum++;
      digits++;
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) alnum++;
  }
  return alnum === 0 ? 'x' : alnum === digits ? 'm' : 'eng';
}
