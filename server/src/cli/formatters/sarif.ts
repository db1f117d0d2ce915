import type { Log, Notification, ReportingDescriptor, Result, Run } from 'sarif';
import { toJson, type FileResult } from '../../core/result';
import { allRules, ruleDocsUrl } from '../../rules';
import type { FormatOptions } from './index';
import { uriReference } from './util';

const LEVEL = { 0: 'note', 1: 'warning', 2: 'error' } as const;
const CONFIG_LEVEL = { info: 'note', warn: 'warning', error: 'error' } as const;

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

/**
 * SARIF 2.1.0 (what GitHub code scanning and other viewers read): one run, every rule of the catalogue with its
 * help text and documentation URI, one result per finding with its region, fixes as artifact changes.
 * Columns count UTF-16 code units (SARIF's default columnKind). Files that could not be read become
 * tool execution notifications, and the invocation is then marked unsuccessful.
 */
export function sarif(results: FileResult[], opts: FormatOptions): string {
  const rules: ReportingDescriptor[] = allRules.map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)(\w)/g, (_, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.title || r.meta.docs.summary },
    fullDescription: { text: r.meta.docs.summary },
    help: {
      text: helpText(r.meta.docs),
      markdown: helpMarkdown(r.meta.docs),
    },
    helpUri: ruleDocsUrl(r.meta.id),
    defaultConfiguration: { level: CONFIG_LEVEL[r.meta.defaultSeverity] },
    properties: { category: r.meta.category, tags: ['report-lint', r.meta.category] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults: Result[] = [];
  const notifications: Notification[] = [];
  const artifacts: Array<{ location: { uri: string; uriBaseId?: string } }> = [];
  for (const r of results) {
    const ref = uriReference(r.filePath, opts.cwd);
    const artifactLocation = ref.relative ? { uri: ref.uri, uriBaseId: '%SRCROOT%' } : { uri: ref.uri };
    if (r.error) {
      notifications.push({ level: 'error', message: { text: r.error }, locations: [{ physicalLocation: { artifactLocation } }] });
      continue;
    }
    if (r.skipped) {
      notifications.push({ level: 'note', message: { text: r.skipped }, locations: [{ physicalLocation: { artifactLocation } }] });
      continue;
    }
    const artifactIndex = artifacts.push({ location: artifactLocation }) - 1;
    for (const m of toJson(r).messages) {
      if (m.ruleId === null) continue;
      const region = {
        startLine: m.line,
        startColumn: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        charOffset: m.offset,
        charLength: m.length,
      };
      const res: Result = {
        ruleId: m.ruleId,
        level: LEVEL[m.severity],
        message: { text: m.message },
        locations: [{ physicalLocation: { artifactLocation: { ...artifactLocation, index: artifactIndex }, region } }],
      };
      const ri = index.get(m.ruleId);
      if (ri !== undefined) res.ruleIndex = ri;
      const changes = [m.fix ? { fix: m.fix, desc: '自动修正' } : undefined, ...(m.suggestions ?? [])].filter((x) => !!x);
      if (changes.length) {
        res.fixes = changes.map((c) => ({
          description: { text: c.desc || (c.fix.text ? `改为“${c.fix.text}”` : '删除') },
          artifactChanges: [
            {
              artifactLocation,
              replacements: [
                {
                  deletedRegion: { charOffset: c.fix.range[0], charLength: c.fix.range[1] - c.fix.range[0] },
                  insertedContent: { text: c.fix.text },
                },
              ],
            },
          ],
        }));
      }
      sarifResults.push(res);
    }
  }
  const run: Run = {
    tool: {
      driver: {
        name: 'report-lint',
        semanticVersion: VERSION,
        version: VERSION,
        informationUri: 'https://github.com/report-lint/report-lint',
        rules,
      },
    },
    originalUriBaseIds: { '%SRCROOT%': { uri: toDirUri(opts.cwd) } },
    artifacts,
    results: sarifResults,
    columnKind: 'utf16CodeUnits',
    invocations: [{ executionSuccessful: notifications.every((n) => n.level !== 'error'), toolExecutionNotifications: notifications }],
  };
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function toDirUri(dir: string): string {
  const p = dir.split('\\').join('/');
  const abs = p.startsWith('/') ? p : `/${p}`;
  return `file://${abs.split('/').map(encodeURIComponent).join('/')}${abs.endsWith('/') ? '' : '/'}`;
}

function helpText(d: { summary: string; details: string; flagged: string[]; passed: string[] }): string {
  const parts = [d.summary, d.details];
  if (d.flagged.length) parts.push(`会报告：${d.flagged.join(' / ')}`);
  if (d.passed.length) parts.push(`不报告：${d.passed.join(' / ')}`);
  return parts.filter(Boolean).join('\n\n');
}

function helpMarkdown(d: { summary: string; details: string; flagged: string[]; passed: string[] }): string {
  const parts = [`**${d.summary}**`, d.details];
  if (d.flagged.length) parts.push('会报告：\n\n' + d.flagged.map((s) => `- ${s}`).join('\n'));
  if (d.passed.length) parts.push('不报告：\n\n' + d.passed.map((s) => `- ${s}`).join('\n'));
  return parts.filter(Boolean).join('\n\n');
}
