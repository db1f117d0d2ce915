/**
 * Editor settings of the language server (section `reportLint`, asked per document with
 * workspace/configuration, or pushed with workspace/didChangeConfiguration by clients without it).
 */
export interface Settings {
  /** Check documents at all. */
  enable: boolean;
  /** Rule levels: id → off | info | warn | error (win over .reportlintrc.json). */
  rules: Record<string, unknown>;
  /** Words that are correct in this workspace, added to the config files' dictionaries. */
  dictionary: string[];
  /** Delay before re-checking after an edit, in milliseconds (0: at once). */
  debounceMs: number;
  /** Language ids of the documents to check. */
  languages: string[];
  /** `--final` in the editor: open findings (placeholders, missing numbers) become errors. */
  final: boolean;
  /** How much the server writes to the client's log. */
  logLevel: LogLevel;
}

export type LogLevel = 'off' | 'error' | 'info' | 'debug';

/** VS Code's plaintext and markdown, the extension's report language, and Vim/Neovim's `text` (*.txt). */
export const DEFAULT_LANGUAGES = ['plaintext', 'markdown', 'report', 'text'];

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: true,
  rules: {},
  dictionary: [],
  debounceMs: 300,
  languages: DEFAULT_LANGUAGES,
  final: false,
  logLevel: 'info',
});

const LOG_LEVELS: readonly LogLevel[] = ['off', 'error', 'info', 'debug'];

/**
 * Reads whatever the client sent (possibly null, partial or of the wrong types) into complete settings:
 * a value of the wrong type falls back to its default. Rule levels are validated later, with the config files.
 */
export function normaliseSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, dictionary: [], languages: [...DEFAULT_LANGUAGES] };
  if (typeof raw !== 'object' || raw === null) return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (typeof r.rules === 'object' && r.rules !== null && !Array.isArray(r.rules)) s.rules = { ...(r.rules as Record<string, unknown>) };
  if (Array.isArray(r.dictionary)) s.dictionary = r.dictionary.filter((w): w is string => typeof w === 'string' && w.trim() !== '');
  if (typeof r.debounceMs === 'number' && Number.isFinite(r.debounceMs) && r.debounceMs >= 0) s.debounceMs = Math.min(r.debounceMs, 60_000);
  if (Array.isArray(r.languages)) s.languages = r.languages.filter((l): l is string => typeof l === 'string');
  if (typeof r.final === 'boolean') s.final = r.final;
  if (typeof r.logLevel === 'string' && (LOG_LEVELS as string[]).includes(r.logLevel)) s.logLevel = r.logLevel as LogLevel;
  else {
    // VS Code's conventional `reportLint.trace.server`: verbose tracing also turns on the server's debug log.
    const trace = (r.trace as Record<string, unknown> | undefined)?.server;
    if (trace === 'verbose') s.logLevel = 'debug';
  }
  return s;
}
