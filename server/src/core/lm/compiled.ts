import * as fs from 'node:fs';
import * as path from 'node:path';
import { EXTRA_DICTIONARIES, dataPath } from '../data';
import { Lexicon } from './lexicon';
import { LEXICON_FILE, LexiconTable, contentDigest, saltedDigest } from './lexicon-table';

/**
 * The compiled lexicon (server/data/lexicon.bin, see lexicon-table.ts), opened once and shared by the language
 * model's lexicon and the segmenter (which tags its words from it). Kept apart from the model so that the fast
 * rules can use it without loading the model.
 */

let jiebaBytes: Buffer | undefined;

/**
 * jieba's own dictionary (dict.txt of @node-rs/jieba), read once per process. Read here rather than through
 * `@node-rs/jieba/dict`, which also reads the 6 MB idf.txt beside it that nothing here uses.
 */
export function jiebaDict(): Buffer {
  if (!jiebaBytes) {
    try {
      jiebaBytes = fs.readFileSync(path.join(path.dirname(require.resolve('@node-rs/jieba/dict')), 'dict.txt'));
    } catch {
      // eslint-disable-next-line @typescript-eslint/no-var-requires
      const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
      jiebaBytes = Buffer.from(dict.buffer, dict.byteOffset, dict.byteLength);
    }
  }
  return jiebaBytes;
}

/** Our dictionaries (server/data) that exist, in loading order. */
function ourDictionaries(): string[] {
  return EXTRA_DICTIONARIES.map((n) => dataPath(n)).filter((f) => fs.existsSync(f));
}

/** The dictionaries the lexicon is built from: jieba's, then ours (server/data). */
export function lexiconInputs(): Buffer[] {
  return [jiebaDict(), ...ourDictionaries().map((f) => fs.readFileSync(f))];
}

let inputsMemo: { key: string; digest: Buffer } | undefined;

/**
 * contentDigest of lexiconInputs(), computed once and kept while our dictionary files keep their size and times
 * (jieba's is read once per process): the compiled lexicon and the compiled pair index of the wrong-char rule
 * (core/confusion.ts) both depend on the dictionaries, and each start would otherwise read and hash them twice.
 */
export function lexiconInputsDigest(): Buffer {
  const key = ourDictionaries()
    .map((f) => {
      const st = fs.statSync(f);
      return `${f}\u0000${st.size}\u0000${st.mtimeMs}\u0000${st.ctimeMs}\u0000${st.ino}`;
    })
    .join('\u0001');
  if (inputsMemo?.key !== key) inputsMemo = { key, digest: contentDigest(lexiconInputs()) };
  return inputsMemo.digest;
}

export const DIGEST_SALT = `min${Lexicon.CANDIDATE_MIN_FREQ}`;

let opened: LexiconTable | null | undefined;

/**
 * The compiled lexicon when server/data/lexicon.bin was compiled from these very dictionaries, else undefined
 * (missing, stale or damaged: callers then build what they need from the dictionaries). Opened once.
 */
export function compiledLexicon(): LexiconTable | undefined {
  if (opened === undefined) {
    opened = null;
    try {
      const file = dataPath(LEXICON_FILE);
      if (fs.existsSync(file)) opened = LexiconTable.open(fs.readFileSync(file), saltedDigest(lexiconInputsDigest(), DIGEST_SALT)) ?? null;
    } catch {
      opened = null;
    }
  }
  return opened ?? undefined;
}

/** Forgets the opened table (after `npm run build` wrote a new one in this process). */
export function reopenCompiledLexicon(): void {
  opened = undefined;
}

/** jieba's tag of every word of the dictionaries: the first one a word is given, as jieba keeps it. */
export function wordTagsOf(inputs: ReadonlyArray<Buffer>): Map<string, string> {
  const tags = new Map<string, string>();
  for (const b of inputs) {
    for (const line of b.toString('utf8').split('\n')) {
      const parts = line.trim().split(/\s+/);
      if (parts.length >= 3 && parts[0] && parts[0][0] !== '#' && !tags.has(parts[0])) tags.set(parts[0], parts[2]);
    }
  }
  return tags;
}
