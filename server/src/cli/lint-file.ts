import * as fs from 'node:fs';
import * as path from 'node:path';
import { ConfigError, findConfigs, resolveConfig, type EffectiveConfig, type LoadedConfig } from '../core/config';
import type { ReportDocument } from '../core/document';
import type { FileResult } from '../core/result';
import { lint } from '../core/runner';
import type { Diagnostic, Rule } from '../core/types';
import { allRules, defaultRuleSettings, ruleIds } from '../rules';
import { decodeAs, encode, type TextInfo } from './encoding';
import { fixDocument, writeAtomic } from './fix';
import { readForLint } from './read';

/** What checking needs from the command line (plain data: it is also sent to worker threads). */
export interface CheckOptions {
  rules: Record<string, string>;
  quiet: boolean;
  final: boolean;
  fix: boolean;
  fixDryRun: boolean;
}

export type RuleErrorHandler = (ruleId: string, error: unknown) => void;

/** The configuration that applies to `filePath` (or the one given by --config), with --rule on top. Throws ConfigError. */
export function effectiveConfig(filePath: string, opts: CheckOptions, fixedConfig: LoadedConfig | undefined): EffectiveConfig {
  return resolveConfig(filePath, fixedConfig ? [fixedConfig] : findConfigs(filePath), defaultRuleSettings(), ruleIds, { rules: opts.rules });
}

/** Checks one document with the configuration that applies to `filePath` (or the one given by --config). */
export function checkDocument(
  doc: ReportDocument,
  filePath: string,
  opts: CheckOptions,
  fixedConfig: LoadedConfig | undefined,
  onRuleError: RuleErrorHandler,
  rules: readonly Rule[] = allRules,
): Diagnostic[] {
  const eff = effectiveConfig(filePath, opts, fixedConfig);
  let diags = lint(doc, rules, { rules: eff.rules, dictionary: eff.dictionary, final: opts.final, onRuleError });
  if (opts.quiet) diags = diags.filter((d) => d.severity === 'error');
  return diags;
}

/** Checks (and with --fix, fixes) a document that is already in memory. Throws ConfigError. */
export function checkOrFix(
  doc: ReportDocument,
  filePath: string,
  opts: CheckOptions,
  fixedConfig: LoadedConfig | undefined,
  onRuleError: RuleErrorHandler,
  rules: readonly Rule[] = allRules,
): FileResult {
  const check = (d: ReportDocument) => checkDocument(d, filePath, opts, fixedConfig, onRuleError, rules);
  if (opts.fix || opts.fixDryRun) {
    const r = fixDocument(doc, check);
    return { filePath, doc: r.doc, diagnostics: r.diagnostics, output: r.changed ? r.doc.text : undefined, fixed: r.fixed };
  }
  return { filePath, doc, diagnostics: check(doc) };
}

/**
 * Reads, checks and (with --fix) writes back one file. Never throws: an unreadable file, a bad configuration or
 * a failed write comes back as `error`, a binary file as `skipped`.
 */
export function lintFile(
  file: string,
  opts: CheckOptions,
  fixedConfig: LoadedConfig | undefined,
  onRuleError: RuleErrorHandler,
  rules: readonly Rule[] = allRules,
): FileResult {
  const read = readForLint(file);
  if ('error' in read) return { filePath: file, diagnostics: [], error: read.error };
  if ('skipped' in read) return { filePath: file, diagnostics: [], skipped: read.skipped };
  let res: FileResult;
  try {
    res = checkOrFix(read.doc, file, { ...opts, fix: opts.fix && !!read.info, fixDryRun: opts.fixDryRun || (opts.fix && !read.info) }, fixedConfig, onRuleError, rules);
  } catch (e) {
    if (e instanceof ConfigError) return { filePath: file, diagnostics: [], error: `配置错误：${e.message}` };
    return { filePath: file, diagnostics: [], error: `检查失败（${(e as Error)?.message ?? e}）` };
  }
  if (!read.info) {
    // Word documents are never written: fixes are reported, not applied.
    return { ...res, output: undefined, fixed: undefined };
  }
  if (opts.fix && res.output !== undefined) {
    const problem = writeBack(file, read.doc.text, res.output, read.info);
    if (problem) return { ...res, output: undefined, fixed: undefined, error: problem };
  }
  return res;
}

/**
 * Writes the fixed text back in the file's own encoding, BOM and line endings, atomically. Refuses (and says why)
 * when the file changed since it was read, or when its encoding cannot represent it byte for byte, so that no
 * byte outside a fix ever changes.
 */
export function writeBack(file: string, original: string, fixed: string, info: TextInfo): string | undefined {
  let now: Buffer;
  try {
    now = fs.readFileSync(file);
  } catch (e) {
    return `修正未写回：文件无法再次读取（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`;
  }
  if (decodeAs(now, info) !== original) return '修正未写回：检查期间文件被修改过';
  if (!encode(original, info).equals(now)) return `修正未写回：文件的编码（${info.encoding}）无法逐字节还原`;
  const out = encode(fixed, info);
  if (decodeAs(out, info) !== fixed) return `修正未写回：修正后的文字无法用文件的编码（${info.encoding}）保存`;
  try {
    writeAtomic(file, out);
  } catch (e) {
    return `修正未写回：${path.basename(file)} 无法写入（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）`;
  }
  return undefined;
}
