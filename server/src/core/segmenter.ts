import * as fs from 'node:fs';
import type { Jieba } from '@node-rs/jieba';
import { dataPath } from './data';
import type { Token } from './types';

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

/** Extra dictionaries in jieba format (`word freq tag`) shipped under server/data, loaded after the base one. */
export const EXTRA_DICTIONARIES = ['report-vocab.dict'];

export function getJieba(): Jieba {
  if (!jieba) {
    // Required lazily: start-up of rules that need no segmentation stays instant.
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    jieba = mod.Jieba.withDict(dict);
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
  }
}

/** Segments `text` with POS tags; token offsets are relative to `text` and cover it entirely. */
export function segment(text: string): Token[] {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  const tagged = getJieba().tag(text, true);
  const tokens: Token[] = [];
  let pos = 0;
  for (const t of tagged) {
    // Tokens cover the text in order. A lone surrogate reaches jieba as U+FFFD (same length): such a token is
    // taken where it stands, never searched for further on, so offsets cannot drift past the text.
    let s = pos;
    if (!text.startsWith(t.word, pos) && !t.word.includes('\uFFFD')) {
      const found = text.indexOf(t.word, pos);
      if (found >= 0) s = found;
    }
    const e = Math.min(text.length, s + t.word.length);
    tokens.push({ word: text.slice(s, e), tag: t.tag, start: s, end: e });
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
