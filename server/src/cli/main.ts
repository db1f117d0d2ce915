import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, findConfigs, loadConfigFile, normaliseSeverity, resolveConfig, type LoadedConfig } from '../core/config';
import { ReportDocument } from '../core/document';
import { applyFixes } from '../core/fix';
import { totals, type FileResult } from '../core/result';
import { lint } from '../core/runner';
import type { Diagnostic } from '../core/types';
import { allRules, defaultRuleSettings, ruleIds } from '../rules';
import { discover } from './discover';
import { encode, type TextInfo } from './encoding';
import { formatters } from './formatters';
import { readForLint } from './read';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export const HELP = `report-lint ${VERSION} — 中文工作报告审校

用法: report-lint [选项] [路径|通配符 ...]      （默认：当前文件夹）

输出:
  --format NAME           stylish | ${'json'} | sarif | github | junit | html（默认 stylish）
  --output FILE           把报告写入文件
  --quiet                 只报告错误
  --no-color              不使用颜色
配置:
  --config FILE           使用此配置文件（不再查找 .reportlintrc.json）
  --rule ID=LEVEL         设置规则级别：off | info | warn | error（可重复）
  --ignore-path FILE      忽略文件（默认 .reportlintignore）
  --final                 定稿检查：占位符和缺失数字按错误处理
修正:
  --fix                   应用所有安全修正并写回文件（保持编码、BOM 和换行符）
  --fix-dry-run           计算修正但不写回（与 --format json 一起使用可查看结果）
输入:
  --stdin                 从标准输入读取文本
  --stdin-filename NAME   标准输入文本的文件名（决定格式和配置）
Word 文档:
  --annotate DIR          把每个 .docx 的批注副本写入 DIR
  --annotate-mode MODE    comments | revisions（默认 comments）
退出:
  --max-warnings N        警告超过 N 个时以 1 退出
  --version, --help

规则: ${'${RULES}'}
退出码: 0 没有错误；1 有错误或警告过多；2 运行失败（参数、配置或文件无法读取）。
`;

export class UsageError extends Error {}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => string;
  cwd: string;
  isTTY: boolean;
}

export interface CliOptions {
  format: string;
  output?: string;
  config?: string;
  rules: Record<string, string>;
  ignorePath?: string;
  fix: boolean;
  fixDryRun: boolean;
  maxWarnings?: number;
  quiet: boolean;
  color: boolean;
  stdin: boolean;
  stdinFilename?: string;
  final: boolean;
  annotate?: string;
  annotateMode: 'comments' | 'revisions';
  operands: string[];
}

export function parseCli(argv: string[], isTTY: boolean): CliOptions | 'help' | 'version' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true },
        'ignore-path': { type: 'string' },
        fix: { type: 'boolean' },
        'fix-dry-run': { type: 'boolean' },
        'max-warnings': { type: 'string' },
        quiet: { type: 'boolean' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        stdin: { type: 'boolean' },
        'stdin-filename': { type: 'string' },
        final: { type: 'boolean' },
        annotate: { type: 'string' },
        'annotate-mode': { type: 'string' },
        version: { type: 'boolean', short: 'v' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return 'help';
  if (v.version) return 'version';
  const format = v.format ?? 'stylish';
  if (!(format in formatters)) throw new UsageError(`未知输出格式 “${format}”，可用：${Object.keys(formatters).join(', ')}`);
  const rules: Record<string, string> = {};
  for (const r of v.rule ?? []) {
    const m = /^([\w-]+)\s*[=:]\s*(\w+)$/.exec(r);
    if (!m) throw new UsageError(`--rule 的格式应为 ID=off|info|warn|error，而不是 “${r}”`);
    if (!ruleIds.has(m[1])) throw new UsageError(`未知规则 “${m[1]}”，可用：${[...ruleIds].join(', ')}`);
    try {
      normaliseSeverity(m[2], `--rule ${m[1]}`);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    rules[m[1]] = m[2];
  }
  let maxWarnings: number | undefined;
  if (v['max-warnings'] !== undefined) {
    maxWarnings = Number(v['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings 需要一个非负整数');
    if (maxWarnings === -1) maxWarnings = undefined;
  }
  const mode = v['annotate-mode'] ?? 'comments';
  if (mode !== 'comments' && mode !== 'revisions') throw new UsageError('--annotate-mode 只能是 comments 或 revisions');
  if (v.stdin && parsed.positionals.length) throw new UsageError('--stdin 不能与文件路径同时使用');
  if (v.stdin && v.fix) throw new UsageError('--stdin 不能与 --fix 同时使用（可用 --fix-dry-run）');
  if (v['stdin-filename'] && !v.stdin) throw new UsageError('--stdin-filename 需要与 --stdin 一起使用');
  return {
    format,
    output: v.output,
    config: v.config,
    rules,
    ignorePath: v['ignore-path'],
    fix: !!v.fix,
    fixDryRun: !!v['fix-dry-run'],
    maxWarnings,
    quiet: !!v.quiet,
    color: v['no-color'] ? false : v.color ?? (isTTY && !process.env.NO_COLOR),
    stdin: !!v.stdin,
    stdinFilename: v['stdin-filename'],
    final: !!v.final,
    annotate: v.annotate,
    annotateMode: mode,
    operands: parsed.positionals,
  };
}

/** Checks one document with the configuration that applies to `filePath`. */
export function checkDocument(doc: ReportDocument, filePath: string, opts: CliOptions, fixedConfig: LoadedConfig | undefined, onRuleError: (id: string, e: unknown) => void): Diagnostic[] {
  const configs = fixedConfig ? [fixedConfig] : findConfigs(filePath);
  const eff = resolveConfig(filePath, configs, defaultRuleSettings(), ruleIds, { rules: opts.rules });
  let diags = lint(doc, allRules, { rules: eff.rules, dictionary: eff.dictionary, final: opts.final, onRuleError });
  if (opts.quiet) diags = diags.filter((d) => d.severity === 'error');
  return diags;
}

/** Applies safe fixes repeatedly (at most 10 passes) until nothing changes, re-checking in between. */
export function fixDocument(doc: ReportDocument, check: (d: ReportDocument) => Diagnostic[]): { doc: ReportDocument; diagnostics: Diagnostic[]; changed: boolean } {
  let current = doc;
  let diags = check(current);
  let changed = false;
  for (let pass = 0; pass < 10; pass++) {
    const fixes = diags.filter((d) => d.fix).map((d) => d.fix!);
    if (!fixes.length) break;
    const { output, applied } = applyFixes(current.text, fixes);
    if (!applied.length || output === current.text) break;
    changed = true;
    current = new ReportDocument(output, current.format, current.uri);
    diags = check(current);
  }
  return { doc: current, diagnostics: diags, changed };
}

/** Writes atomically: a temp file beside the target, then rename. Keeps the file's mode. */
export function writeAtomic(file: string, data: Buffer): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.report-lint-${process.pid}.tmp`);
  let mode: number | undefined;
  try {
    mode = fs.statSync(file).mode;
  } catch {
    mode = undefined;
  }
  fs.writeFileSync(tmp, data, mode !== undefined ? { mode } : undefined);
  fs.renameSync(tmp, file);
}

/** Runs the CLI; returns the exit code. Never throws for user errors. */
export function runCli(argv: string[], io: CliIO): number {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseCli(argv, io.isTTY);
  } catch (e) {
    io.stderr(`report-lint: ${(e as Error).message}\n运行 report-lint --help 查看用法。\n`);
    return 2;
  }
  if (opts === 'help') {
    io.stdout(HELP.replace('${RULES}', [...ruleIds].join(', ')));
    return 0;
  }
  if (opts === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  let failed = false;
  const ruleErrors = new Set<string>();
  const onRuleError = (id: string, e: unknown) => {
    const key = `${id}: ${(e as Error)?.message ?? e}`;
    if (!ruleErrors.has(key)) {
      ruleErrors.add(key);
      io.stderr(`report-lint: 规则 ${id} 出错，已跳过它的结果（${(e as Error)?.message ?? e}）\n`);
    }
  };
  try {
    const fixedConfig = opts.config ? loadConfigFile(path.resolve(io.cwd, opts.config)) : undefined;
    const results: FileResult[] = [];
    const o = opts;
    const check = (doc: ReportDocument, file: string) => checkDocument(doc, file, o, fixedConfig, onRuleError);
    if (opts.stdin) {
      const name = path.resolve(io.cwd, opts.stdinFilename ?? '<stdin>.txt');
      const doc = new ReportDocument(io.readStdin().replace(/^\uFEFF/, ''), ReportDocument.formatFor(name), name);
      if (opts.fixDryRun || opts.fix) {
        const r = fixDocument(doc, (d) => check(d, name));
        results.push({ filePath: opts.stdinFilename ? name : '<text>', doc: r.doc, diagnostics: r.diagnostics, output: r.changed ? r.doc.text : undefined });
      } else {
        results.push({ filePath: opts.stdinFilename ? name : '<text>', doc, diagnostics: check(doc, name) });
      }
    } else {
      const extraIgnores = (fixedConfig ? [fixedConfig] : findConfigs(path.join(io.cwd, 'x'))).flatMap((c) => c.config.ignorePatterns ?? []);
      const { files, unmatched } = discover(opts.operands, io.cwd, opts.ignorePath, extraIgnores);
      for (const u of unmatched) {
        io.stderr(`report-lint: 没有找到与 “${u}” 匹配的文件\n`);
        failed = true;
      }
      for (const file of files) {
        const read = readForLint(file);
        if ('error' in read) {
          results.push({ filePath: file, diagnostics: [], error: read.error });
          failed = true;
          continue;
        }
        if ('skipped' in read) {
          results.push({ filePath: file, diagnostics: [], skipped: read.skipped });
          continue;
        }
        let configError: ConfigError | undefined;
        let res: FileResult;
        try {
          if ((opts.fix || opts.fixDryRun) && read.info) {
            const r = fixDocument(read.doc, (d) => check(d, file));
            res = { filePath: file, doc: r.doc, diagnostics: r.diagnostics, output: r.changed ? r.doc.text : undefined };
            if (opts.fix && r.changed) writeAtomic(file, encode(r.doc.text, read.info as TextInfo));
          } else {
            res = { filePath: file, doc: read.doc, diagnostics: check(read.doc, file) };
          }
        } catch (e) {
          if (!(e instanceof ConfigError)) throw e;
          configError = e;
          res = { filePath: file, diagnostics: [], error: `配置错误：${e.message}` };
        }
        if (configError) failed = true;
        results.push(res);
      }
    }
    const text = formatters[opts.format](results, { color: opts.output ? false : opts.color, cwd: io.cwd });
    if (opts.output) {
      fs.mkdirSync(path.dirname(path.resolve(io.cwd, opts.output)), { recursive: true });
      fs.writeFileSync(path.resolve(io.cwd, opts.output), text);
    } else {
      io.stdout(text);
    }
    if (failed) return 2;
    const t = totals(results);
    if (t.errors > 0) return 1;
    if (opts.maxWarnings !== undefined && t.warnings > opts.maxWarnings) {
      io.stderr(`report-lint: 警告数 ${t.warnings} 超过了 --max-warnings ${opts.maxWarnings}\n`);
      return 1;
    }
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(`report-lint: 配置错误：${e.message}\n`);
      return 2;
    }
    io.stderr(`report-lint: ${(e as Error).message}\n`);
    return 2;
  }
}
