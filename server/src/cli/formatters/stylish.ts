import { totals, type FileResult } from '../../core/result';
import type { FormatOptions } from './index';
import { displayPath } from './util';

const SEV_TEXT = { error: '错误', warn: '警告', info: '提示' } as const;

function paint(on: boolean) {
  const wrap = (code: number) => (s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
  return { red: wrap(31), yellow: wrap(33), blue: wrap(34), dim: wrap(2), bold: wrap(1), underline: wrap(4), green: wrap(32) };
}

/** Grouped by file, one line a finding, Chinese severity words, rule id last (as ESLint's stylish). */
export function stylish(results: FileResult[], opts: FormatOptions): string {
  const c = paint(opts.color);
  const lines: string[] = [];
  let fixedFiles = 0;
  let fixedTotal = 0;
  for (const r of results) {
    const fixed = r.fixed && r.output !== undefined ? r.fixed : 0;
    if (!r.diagnostics.length && !r.error && !r.skipped && !fixed) continue;
    lines.push(c.underline(displayPath(r.filePath, opts.cwd)));
    if (fixed) {
      fixedFiles++;
      fixedTotal += fixed;
      lines.push(`  ${c.green('✔')}  ${opts.dryRun ? `可修正 ${fixed} 处（--fix-dry-run，未写回）` : `已修正 ${fixed} 处`}`);
    }
    if (r.error) lines.push(`  ${c.red(SEV_TEXT.error)}  ${r.error}`);
    if (r.skipped) lines.push(`  ${c.dim('跳过')}  ${r.skipped}`);
    // Word documents have no lines: positions are ¶paragraph:column, and each finding shows its context.
    const isDocx = /\.docx$/i.test(r.filePath);
    const rows = r.diagnostics.map((d) => {
      const p = r.doc!.positionAt(d.range[0]);
      const sev = d.severity === 'error' ? c.red(SEV_TEXT.error) : d.severity === 'warn' ? c.yellow(SEV_TEXT.warn) : c.blue(SEV_TEXT.info);
      // Short replacements are shown as they are; long ones (a renumbered run) and white space (a line break) by
      // their description.
      const shown = (text: string, desc?: string) =>
        text.length <= 16 && !/^\s+$/.test(text) ? text || '（删除）' : desc ?? (text.trim() ? '（见 --fix-dry-run）' : '（换行）');
      const hint = d.fix ? ` → ${shown(d.fix.text)}` : d.suggestions?.length ? ` → ${d.suggestions.map((s) => shown(s.fix.text, s.desc)).join(' / ')}？` : '';
      const excerpt = isDocx ? excerptOf(r.doc!.text, d.range[0], d.range[1]) : undefined;
      return { pos: `${isDocx ? '¶' : ''}${p.line + 1}:${p.character + 1}`, sev, msg: d.message + hint, id: d.ruleId, excerpt };
    });
    const w = Math.max(0, ...rows.map((x) => x.pos.length));
    for (const x of rows) {
      lines.push(`  ${c.dim(x.pos.padEnd(w))}  ${x.sev}  ${x.msg}  ${c.dim(x.id)}`);
      if (x.excerpt) lines.push(`  ${' '.repeat(w)}  ${c.dim(x.excerpt)}`);
    }
    lines.push('');
  }
  const t = totals(results);
  if (fixedFiles) lines.push(c.green(`${opts.dryRun ? '可修正' : '已修正'} ${fixedTotal} 处，涉及 ${fixedFiles} 个文件`));
  const problems = t.errors + t.warnings + t.infos;
  if (problems === 0) {
    lines.push(c.green(`✔ 检查了 ${t.files} 个文件，未发现问题`));
  } else {
    const summary = `✖ ${problems} 个问题（${t.errors} 个错误，${t.warnings} 个警告，${t.infos} 个提示），检查了 ${t.files} 个文件`;
    lines.push(c.bold(t.errors ? c.red(summary) : c.yellow(summary)));
    // Word documents are never written, so their fixes do not count here.
    const fixable = t.fixable - results.filter((r) => /\.docx$/i.test(r.filePath)).reduce((n, r) => n + r.diagnostics.filter((d) => d.fix).length, 0);
    if (fixable) lines.push(c.dim(`  其中 ${fixable} 个可用 --fix 自动修正`));
  }
  return lines.join('\n') + '\n';
}

/** The finding in its paragraph, 12 characters either side: 截至【xx】月底. */
export function excerptOf(text: string, start: number, end: number, context = 12): string {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1) + 1, 0);
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const before = Array.from(text.slice(lineStart, start));
  const after = Array.from(text.slice(end, Math.max(end, lineEnd)));
  const head = before.length > context ? '…' + before.slice(-context).join('') : before.join('');
  const tail = after.length > context ? after.slice(0, context).join('') + '…' : after.join('');
  const middle = Array.from(text.slice(start, end).replace(/\n/g, ' '));
  const mid = middle.length > 40 ? middle.slice(0, 39).join('') + '…' : middle.join('');
  return `${head}【${mid}】${tail}`.replace(/\t/g, ' ');
}
