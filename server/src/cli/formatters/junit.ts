import { toJson, type FileResult } from '../../core/result';
import type { FormatOptions } from './index';
import { displayPath } from './util';

const SEV = { 0: '提示', 1: '警告', 2: '错误' } as const;

/** Escapes text for XML 1.0 content and attributes, dropping characters XML cannot carry at all. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML (GitLab CI, Jenkins and most CI servers read it): one test case per checked file. Errors and warnings
 * of a file make one `<failure>` listing them; a file that could not be read is an `<error>`; infos are listed in
 * `<system-out>` without failing; a skipped file is `<skipped>`.
 */
export function junit(results: FileResult[], opts: FormatOptions): string {
  const cases: string[] = [];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const r of results) {
    const file = displayPath(r.filePath, opts.cwd);
    const attrs = `classname="${xmlEscape(file)}" name="${xmlEscape(file)}" file="${xmlEscape(file)}" time="0"`;
    if (r.error) {
      errors++;
      cases.push(`    <testcase ${attrs}>\n      <error message="${xmlEscape(r.error)}" type="file"/>\n    </testcase>`);
      continue;
    }
    if (r.skipped) {
      skipped++;
      cases.push(`    <testcase ${attrs}>\n      <skipped message="${xmlEscape(r.skipped)}"/>\n    </testcase>`);
      continue;
    }
    const messages = toJson(r).messages;
    const failing = messages.filter((m) => m.severity > 0);
    const infos = messages.filter((m) => m.severity === 0);
    const line = (m: (typeof messages)[number]) => `${file}:${m.line}:${m.column} ${SEV[m.severity]} ${m.message} (${m.ruleId ?? 'report-lint'})`;
    let body = '';
    if (failing.length) {
      failures++;
      const nErr = failing.filter((m) => m.severity === 2).length;
      const summary = `${failing.length} 个问题（${nErr} 个错误，${failing.length - nErr} 个警告）`;
      body += `\n      <failure message="${xmlEscape(summary)}" type="${nErr ? 'error' : 'warning'}">${xmlEscape(failing.map(line).join('\n'))}</failure>`;
    }
    if (infos.length) body += `\n      <system-out>${xmlEscape(infos.map(line).join('\n'))}</system-out>`;
    cases.push(body ? `    <testcase ${attrs}>${body}\n    </testcase>` : `    <testcase ${attrs}/>`);
  }
  const counts = `tests="${results.length}" failures="${failures}" errors="${errors}" skipped="${skipped}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="report-lint" ${counts}>`,
    `  <testsuite name="report-lint" ${counts} time="0">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
