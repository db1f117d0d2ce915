import { toJson, type FileResult } from '../../core/result';
import type { FormatOptions } from './index';
import { displayPath } from './util';

const COMMAND = { 0: 'notice', 1: 'warning', 2: 'error' } as const;

/** Escapes the message of a workflow command (after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value of a workflow command (`file=…,title=…`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * GitHub Actions workflow commands: one `::error|warning|notice file=…,line=…,col=…,endLine=…,endColumn=…,title=…::`
 * line per finding, which GitHub shows as annotations on the pull request. Paths are relative to the working
 * folder (the repository root in a checkout). Infos become notices.
 */
export function github(results: FileResult[], opts: FormatOptions): string {
  const lines: string[] = [];
  for (const r of results) {
    const file = displayPath(r.filePath, opts.cwd);
    if (r.skipped) {
      lines.push(`::notice file=${escapeProperty(file)},title=${escapeProperty('report-lint')}::${escapeData(`已跳过：${r.skipped}`)}`);
      continue;
    }
    for (const m of toJson(r).messages) {
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`];
      props.push(`title=${escapeProperty(m.ruleId ? `report-lint(${m.ruleId})` : 'report-lint')}`);
      const fix = m.fix ? `（可改为“${m.fix.text}”）` : '';
      lines.push(`::${COMMAND[m.severity]} ${props.join(',')}::${escapeData(m.message + fix)}`);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : '';
}
