import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfigFile, normaliseSeverity, type LoadedConfig } from '../core/config';
import { timingEnabled, timingTable } from '../core/timing';
import { ReportDocument } from '../core/document';
import { totals, type FileResult } from '../core/result';
import { ruleIds } from '../rules';
import { discover } from './discover';
import { decode, DecodeError } from './encoding';
import { formatters } from './formatters';
import { checkOrFix, lintFile, type CheckOptions, type RuleErrorHandler } from './lint-file';
import { annotateDocx } from './annotate';
import { writeAtomic } from './fix';
import { DocxError, readDocx } from '../core/docx';
import { lintInWorkers, poolSize } from './pool';
import { lintFileSplit, splitWanted } from './split';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

export const HELP = `report-lint ${VERSION} — 中文工作报告审校

用法: report-lint [选项] [路径|通配符 ...]      （默认：当前文件夹）

输出:
  --format NAME           ${'${FORMATS}'}（默认 stylish）
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
  /** Standard input, as bytes (decoded like a file) or text. */
  readStdin: () => Buffer | string;
  cwd: string;
  isTTY: boolean;
  /** The script a worker thread runs (the CLI bundle itself); without it everything is checked in this thread. */
  workerScript?: string;
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

/** Runs the CLI; resolves to the exit code. Never throws for user errors. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let opts: CliOptions | 'help' | 'version';
  try {
    opts = parseCli(argv, io.isTTY);
  } catch (e) {
    io.stderr(`report-lint: ${(e as Error).message}\n运行 report-lint --help 查看用法。\n`);
    return 2;
  }
  if (opts === 'help') {
    io.stdout(HELP.replace('${RULES}', [...ruleIds].join(', ')).replace('${FORMATS}', Object.keys(formatters).join(' | ')));
    return 0;
  }
  if (opts === 'version') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
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
    const check: CheckOptions = { rules: opts.rules, quiet: opts.quiet, final: opts.final, fix: opts.fix, fixDryRun: opts.fixDryRun };
    let results: FileResult[];
    let failed = false;
    if (opts.stdin) {
      results = [checkStdin(opts, check, io, fixedConfig, onRuleError)];
    } else {
      const { files, unmatched } = discover(opts.operands, io.cwd, opts.ignorePath, fixedConfig);
      for (const u of unmatched) {
        io.stderr(`report-lint: 没有找到与 “${u}” 匹配的文件\n`);
        failed = true;
      }
      // REPORT_LINT_TIMING: one thread, so that the table covers every file
      const threads = io.workerScript && !opts.stdin && !timingEnabled() ? poolSize(files) : 0;
      if (process.env.REPORT_LINT_VERBOSE) io.stderr(`report-lint: ${files.length} 个文件，${threads > 1 ? `${threads} 个工作线程并行检查` : '单线程检查'}\n`);
      if (threads > 1) results = await lintInWorkers(files, threads, io.workerScript!, check, fixedConfig?.file, fixedConfig, onRuleError);
      else if (io.workerScript && splitWanted(check) && !timingEnabled()) {
        // One or a few files: a large one shares its model rules with a helper thread (split.ts).
        results = [];
        for (const file of files) results.push(await lintFileSplit(file, check, fixedConfig, onRuleError, io.workerScript));
      } else results = files.map((file) => lintFile(file, check, fixedConfig, onRuleError));
    }
    if (results.some((r) => r.error)) failed = true;
    if (opts.annotate) failed = writeAnnotatedCopies(results, path.resolve(io.cwd, opts.annotate), opts.annotateMode, io) || failed;
    const text = formatters[opts.format](results, { color: opts.output ? false : opts.color, cwd: io.cwd, dryRun: opts.fixDryRun && !opts.fix });
    if (opts.output) {
      const out = path.resolve(io.cwd, opts.output);
      try {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, text);
      } catch (e) {
        io.stderr(`report-lint: 无法写入报告 ${opts.output}（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）\n`);
        return 2;
      }
    } else {
      io.stdout(text);
    }
    if (timingEnabled()) io.stderr(timingTable());
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
    io.stderr(`report-lint: ${(e as Error)?.message ?? e}\n`);
    return 2;
  }
}

/** --stdin: the text comes from standard input, decoded as a file would be; --stdin-filename names it. */
function checkStdin(opts: CliOptions, check: CheckOptions, io: CliIO, fixedConfig: LoadedConfig | undefined, onRuleError: RuleErrorHandler): FileResult {
  const name = path.resolve(io.cwd, opts.stdinFilename ?? '<stdin>.txt');
  const filePath = opts.stdinFilename ? name : '<text>';
  const input = io.readStdin();
  let text: string;
  try {
    if (typeof input === 'string') text = input.replace(/^\uFEFF/, '');
    else if (/\.docx$/i.test(name)) text = readDocx(input).text;
    else text = decode(input).text;
  } catch (e) {
    return { filePath, diagnostics: [], error: e instanceof DecodeError || e instanceof DocxError ? e.message : String(e) };
  }
  const doc = new ReportDocument(text, ReportDocument.formatFor(name), name);
  try {
    return { ...checkOrFix(doc, name, { ...check, fix: false, fixDryRun: check.fixDryRun }, fixedConfig, onRuleError), filePath };
  } catch (e) {
    if (e instanceof ConfigError) return { filePath, diagnostics: [], error: `配置错误：${e.message}` };
    throw e;
  }
}

/**
 * --annotate DIR: a reviewed copy of each checked .docx in DIR (same relative path as from the working folder,
 * or the file name for files outside it), with Word comments (and tracked changes in `revisions` mode). Never
 * writes over a source file. Returns true when a copy could not be written.
 */
function writeAnnotatedCopies(results: FileResult[], dir: string, mode: 'comments' | 'revisions', io: CliIO): boolean {
  let failed = false;
  for (const r of results) {
    if (!/\.docx$/i.test(r.filePath) || r.error || r.skipped || !r.doc) continue;
    const rel = path.relative(io.cwd, r.filePath);
    const target = path.join(dir, rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : path.basename(r.filePath));
    if (path.resolve(target) === path.resolve(r.filePath)) {
      io.stderr(`report-lint: 不会覆盖原文件 ${rel || r.filePath}：请为 --annotate 指定另一个文件夹\n`);
      failed = true;
      continue;
    }
    try {
      const data = fs.readFileSync(r.filePath);
      const docx = readDocx(data);
      if (docx.text !== r.doc.text) throw new Error('文件在检查期间被修改过');
      const out = annotateDocx(data, docx, r.diagnostics, { mode });
      fs.mkdirSync(path.dirname(target), { recursive: true });
      writeAtomic(target, Buffer.from(out.data));
      const what = mode === 'revisions' ? `${out.comments} 条批注，${out.revisions} 处修订` : `${out.comments} 条批注`;
      io.stderr(`report-lint: 已写入审阅副本 ${path.relative(io.cwd, target) || target}（${what}）\n`);
    } catch (e) {
      io.stderr(`report-lint: 无法写入 ${rel || r.filePath} 的审阅副本（${(e as Error)?.message ?? e}）\n`);
      failed = true;
    }
  }
  return failed;
}
