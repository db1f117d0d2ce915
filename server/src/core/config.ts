import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { Severity } from './types';

export const CONFIG_FILE = '.reportlintrc.json';
export const IGNORE_FILE = '.reportlintignore';

/** A rule setting as written: `"warn"`, or `["warn", { options }]`. */
export type RuleSetting = Severity | 'warning' | [Severity | 'warning', Record<string, unknown>?];

/** The contents of a .reportlintrc.json (all keys optional). Configuration is data only: nothing is executed. */
export interface ConfigFile {
  /** Stop looking in parent folders. */
  root?: boolean;
  rules?: Record<string, RuleSetting>;
  /** Words that are correct in this workspace (names, terms). */
  dictionary?: string[];
  /** Paths to ignore, gitignore syntax, relative to the config file. */
  ignorePatterns?: string[];
  /** Per-file settings: the later entries win. */
  overrides?: Array<{ files: string | string[]; rules?: Record<string, RuleSetting>; dictionary?: string[] }>;
}

export interface RuleConfig {
  severity: Severity;
  options: Record<string, unknown>;
}

/** Settings of all rules after merging defaults, config files, overrides and command-line/editor settings. */
export type ResolvedRules = Map<string, RuleConfig>;

export class ConfigError extends Error {
  constructor(message: string, readonly file?: string) {
    super(file ? `${file}: ${message}` : message);
    this.name = 'ConfigError';
  }
}

const SEVERITIES = new Set(['off', 'info', 'warn', 'warning', 'error']);

export function normaliseSeverity(value: unknown, where: string): Severity {
  if (typeof value === 'number' && [0, 1, 2].includes(value)) return (['off', 'warn', 'error'] as const)[value];
  if (typeof value !== 'string' || !SEVERITIES.has(value)) {
    throw new ConfigError(`${where}: 级别应为 off、info、warn 或 error，而不是 ${JSON.stringify(value)}`);
  }
  return value === 'warning' ? 'warn' : (value as Severity);
}

/** Parses one rule setting, checking the rule id against the catalogue. */
export function parseRuleSetting(id: string, value: unknown, knownIds: ReadonlySet<string>, where: string): RuleConfig {
  if (!knownIds.has(id)) {
    throw new ConfigError(`${where}: 未知规则 “${id}”。可用规则：${[...knownIds].join(', ')}`);
  }
  if (Array.isArray(value)) {
    const opts = value[1];
    if (opts !== undefined && (typeof opts !== 'object' || opts === null || Array.isArray(opts))) {
      throw new ConfigError(`${where}: 规则 ${id} 的选项应为对象`);
    }
    return { severity: normaliseSeverity(value[0], `${where} ${id}`), options: (opts as Record<string, unknown>) ?? {} };
  }
  return { severity: normaliseSeverity(value, `${where} ${id}`), options: {} };
}

/** Applies a `rules` object onto `target`. */
export function applyRuleSettings(
  target: ResolvedRules,
  rules: Record<string, unknown> | undefined,
  knownIds: ReadonlySet<string>,
  where: string,
): void {
  if (!rules) return;
  if (typeof rules !== 'object' || Array.isArray(rules)) throw new ConfigError(`${where}: "rules" 应为对象`);
  for (const [id, value] of Object.entries(rules)) {
    const parsed = parseRuleSetting(id, value, knownIds, where);
    const prev = target.get(id);
    // A bare severity keeps options set earlier (as in ESLint).
    target.set(id, { severity: parsed.severity, options: Array.isArray(value) ? parsed.options : prev?.options ?? {} });
  }
}

/** Parses and validates the text of a config file. */
export function parseConfig(text: string, file: string): ConfigFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new ConfigError(`不是有效的 JSON（${(e as Error).message}）`, file);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError('配置应为 JSON 对象', file);
  const c = data as Record<string, unknown>;
  const known = new Set(['$schema', 'root', 'rules', 'dictionary', 'ignorePatterns', 'overrides']);
  for (const k of Object.keys(c)) if (!known.has(k)) throw new ConfigError(`未知配置项 “${k}”`, file);
  if (c.root !== undefined && typeof c.root !== 'boolean') throw new ConfigError('"root" 应为 true 或 false', file);
  if (c.rules !== undefined && (typeof c.rules !== 'object' || c.rules === null || Array.isArray(c.rules))) throw new ConfigError('"rules" 应为对象', file);
  if (c.dictionary !== undefined && !isStringArray(c.dictionary)) throw new ConfigError('"dictionary" 应为字符串数组', file);
  if (c.ignorePatterns !== undefined && !isStringArray(c.ignorePatterns)) throw new ConfigError('"ignorePatterns" 应为字符串数组', file);
  if (c.overrides !== undefined) {
    if (!Array.isArray(c.overrides)) throw new ConfigError('"overrides" 应为数组', file);
    for (const o of c.overrides) {
      if (typeof o !== 'object' || o === null || !(typeof o.files === 'string' || isStringArray(o.files))) {
        throw new ConfigError('"overrides" 的每一项都要有 "files"（字符串或字符串数组）', file);
      }
      for (const k of Object.keys(o)) if (!['files', 'rules', 'dictionary'].includes(k)) throw new ConfigError(`"overrides" 中有未知配置项 “${k}”`, file);
      if (o.rules !== undefined && (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules))) throw new ConfigError('"overrides" 的 "rules" 应为对象', file);
      if (o.dictionary !== undefined && !isStringArray(o.dictionary)) throw new ConfigError('"overrides" 的 "dictionary" 应为字符串数组', file);
    }
  }
  return c as ConfigFile;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export interface LoadedConfig {
  file: string;
  dir: string;
  config: ConfigFile;
}

/**
 * Finds the config files that apply to `filePath`, nearest last, by walking up from its folder until a file
 * says `"root": true` or the filesystem root. Results are cached per folder; `clearConfigCache` after edits.
 */
const dirCache = new Map<string, LoadedConfig[]>();

export function clearConfigCache(): void {
  dirCache.clear();
}

export function findConfigs(filePath: string): LoadedConfig[] {
  return configsForDir(path.dirname(path.resolve(filePath)));
}

function configsForDir(dir: string): LoadedConfig[] {
  const hit = dirCache.get(dir);
  if (hit) return hit;
  const file = path.join(dir, CONFIG_FILE);
  let own: LoadedConfig | undefined;
  if (fs.existsSync(file)) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      throw new ConfigError(`无法读取（${(e as Error).message}）`, file);
    }
    own = { file, dir, config: parseConfig(text, file) };
  }
  const parent = path.dirname(dir);
  const result = own?.config.root || parent === dir ? (own ? [own] : []) : [...configsForDir(parent), ...(own ? [own] : [])];
  dirCache.set(dir, result);
  return result;
}

export function loadConfigFile(file: string): LoadedConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`无法读取配置文件（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`, file);
  }
  return { file: path.resolve(file), dir: path.dirname(path.resolve(file)), config: parseConfig(text, file) };
}

export interface EffectiveConfig {
  rules: ResolvedRules;
  dictionary: Set<string>;
}

/**
 * Merges, for one file: rule defaults, then each config (farthest first) with its matching overrides, then
 * `extra` settings (command line or editor), which win.
 */
export function resolveConfig(
  filePath: string,
  configs: LoadedConfig[],
  defaults: ResolvedRules,
  knownIds: ReadonlySet<string>,
  extra: { rules?: Record<string, unknown>; dictionary?: Iterable<string> } = {},
): EffectiveConfig {
  const rules: ResolvedRules = new Map([...defaults].map(([k, v]) => [k, { ...v }]));
  const dictionary = new Set<string>();
  const abs = path.resolve(filePath);
  for (const c of configs) {
    applyRuleSettings(rules, c.config.rules as Record<string, unknown> | undefined, knownIds, c.file);
    for (const w of c.config.dictionary ?? []) dictionary.add(w);
    const rel = path.relative(c.dir, abs).split(path.sep).join('/');
    for (const o of c.config.overrides ?? []) {
      const pats = Array.isArray(o.files) ? o.files : [o.files];
      if (pats.some((p) => picomatch(p, { dot: true, matchBase: !p.includes('/') })(rel))) {
        applyRuleSettings(rules, o.rules as Record<string, unknown> | undefined, knownIds, c.file);
        for (const w of o.dictionary ?? []) dictionary.add(w);
      }
    }
  }
  applyRuleSettings(rules, extra.rules, knownIds, '设置');
  for (const w of extra.dictionary ?? []) dictionary.add(w);
  return { rules, dictionary };
}
