import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import type { Log } from 'sarif';
import { ReportDocument } from '../../server/src/core/document';
import type { FileResult } from '../../server/src/core/result';
import { formatters } from '../../server/src/cli/formatters';
import { escapeData, escapeProperty } from '../../server/src/cli/formatters/github';
import { xmlEscape } from '../../server/src/cli/formatters/junit';
import { allRules, ruleDocsUrl } from '../../server/src/rules';

const cwd = path.resolve('/repo');
const text = '一、总体情况\n截至xx月底,完成投资𠀀万元。\n';
const doc = new ReportDocument(text, 'plaintext', path.join(cwd, 'docs/a,b:c.txt'));
const xx = text.indexOf('xx');
const comma = text.indexOf(',');
const results: FileResult[] = [
  {
    filePath: path.join(cwd, 'docs/a,b:c.txt'),
    doc,
    diagnostics: [
      { ruleId: 'placeholder', severity: 'error', message: '占位符“xx”尚未填写：100%\n缺少月份', range: [xx, xx + 2], open: true },
      { ruleId: 'punctuation', severity: 'warn', message: '半角逗号“,”应为全角“，”', range: [comma, comma + 1], fix: { range: [comma, comma + 1], text: '，' } },
      { ruleId: 'unit', severity: 'info', message: '单位<提示>&', range: [comma + 5, comma + 8], suggestions: [{ desc: '改为“万”', fix: { range: [comma + 5, comma + 8], text: '万' } }] },
    ],
  },
  { filePath: path.join(cwd, 'clean.md'), doc: new ReportDocument('干净的文字。'), diagnostics: [] },
  { filePath: path.join(cwd, 'bad.txt'), diagnostics: [], error: '无法识别文件编码' },
  { filePath: path.join(cwd, 'pic.txt'), diagnostics: [], skipped: '二进制文件，已跳过' },
];
const opts = { color: false, cwd };

test('every SPEC format is registered', () => {
  for (const f of ['stylish', 'json', 'sarif', 'github', 'junit']) assert.equal(typeof formatters[f], 'function', f);
});

test('sarif: a valid 2.1.0 log with every rule, its help and docs URI, results with regions and fixes', () => {
  const log = JSON.parse(formatters.sarif(results, opts)) as Log;
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema!, /sarif-2\.1\.0/);
  const run = log.runs[0];
  assert.equal(run.tool.driver.name, 'report-lint');
  const rules = run.tool.driver.rules!;
  assert.deepEqual(rules.map((r) => r.id), allRules.map((r) => r.meta.id));
  for (const r of rules) {
    assert.equal(r.helpUri, ruleDocsUrl(r.id));
    assert.ok(r.help?.text && r.help.markdown && r.shortDescription?.text && r.fullDescription?.text);
    assert.ok(['note', 'warning', 'error'].includes(r.defaultConfiguration!.level!));
  }
  const res = run.results!;
  assert.equal(res.length, 3);
  assert.deepEqual(res.map((r) => r.level), ['error', 'warning', 'note']);
  const loc = res[0].locations![0].physicalLocation!;
  assert.equal(loc.artifactLocation!.uri, 'docs/a%2Cb%3Ac.txt');
  assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
  assert.deepEqual(loc.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 5, charOffset: xx, charLength: 2 });
  assert.equal(res[0].ruleIndex, rules.findIndex((r) => r.id === 'placeholder'));
  assert.equal(res[0].message.text, '占位符“xx”尚未填写：100%\n缺少月份');
  // Columns after an astral character count UTF-16 code units, as declared.
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.equal(res[2].locations![0].physicalLocation!.region!.startColumn, comma + 5 - text.indexOf('\n') - 1 + 1);
  const fix = res[1].fixes![0].artifactChanges[0].replacements[0];
  assert.deepEqual(fix.deletedRegion, { charOffset: comma, charLength: 1 });
  assert.equal(fix.insertedContent!.text, '，');
  assert.equal(res[2].fixes![0].description!.text, '改为“万”');
  assert.equal(run.originalUriBaseIds!['%SRCROOT%'].uri, 'file:///repo/');
  const inv = run.invocations![0];
  assert.equal(inv.executionSuccessful, false);
  assert.deepEqual(inv.toolExecutionNotifications!.map((n) => [n.level, n.message.text]), [
    ['error', '无法识别文件编码'],
    ['note', '二进制文件，已跳过'],
  ]);
});

test('github: one workflow command per finding, properties and data escaped', () => {
  const out = formatters.github(results, opts).trimEnd().split('\n');
  assert.equal(out.length, 5);
  assert.equal(
    out[0],
    '::error file=docs/a%2Cb%3Ac.txt,line=2,col=3,endLine=2,endColumn=5,title=report-lint(placeholder)::占位符“xx”尚未填写：100%25%0A缺少月份',
  );
  assert.match(out[1], /^::warning file=docs\/a%2Cb%3Ac\.txt,line=2,col=\d+,endLine=2,endColumn=\d+,title=report-lint\(punctuation\)::半角逗号“,”应为全角“，”（可改为“，”）$/);
  assert.match(out[2], /^::notice /);
  assert.equal(out[3], '::error file=bad.txt,line=1,col=1,endLine=1,endColumn=1,title=report-lint::无法识别文件编码');
  assert.match(out[4], /^::notice file=pic\.txt,title=report-lint::已跳过/);
  assert.equal(escapeData('a%b\r\nc'), 'a%25b%0D%0Ac');
  assert.equal(escapeProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  assert.equal(formatters.github([results[1]], opts), '');
});

test('junit: well-formed XML, one test case per file, failures for errors and warnings only', () => {
  const xml = formatters.junit(results, opts);
  const errors: string[] = [];
  const dom = new DOMParser({ onError: (level, msg) => errors.push(`${level}: ${msg}`) }).parseFromString(xml, 'text/xml');
  assert.deepEqual(errors, []);
  const suites = dom.getElementsByTagName('testsuites')[0];
  assert.equal(suites.getAttribute('tests'), '4');
  assert.equal(suites.getAttribute('failures'), '1');
  assert.equal(suites.getAttribute('errors'), '1');
  assert.equal(suites.getAttribute('skipped'), '1');
  const cases = Array.from(dom.getElementsByTagName('testcase'));
  assert.deepEqual(cases.map((c) => c.getAttribute('name')), ['docs/a,b:c.txt', 'clean.md', 'bad.txt', 'pic.txt']);
  const failure = cases[0].getElementsByTagName('failure')[0];
  assert.equal(failure.getAttribute('type'), 'error');
  assert.match(failure.textContent!, /docs\/a,b:c\.txt:2:3 错误 占位符/);
  assert.doesNotMatch(failure.textContent!, /单位/, 'infos are no failure');
  assert.match(cases[0].getElementsByTagName('system-out')[0].textContent!, /单位<提示>&/);
  assert.equal(cases[1].childNodes.length, 0);
  assert.equal(cases[2].getElementsByTagName('error').length, 1);
  assert.equal(cases[3].getElementsByTagName('skipped').length, 1);
  assert.equal(xmlEscape('a\u0001<b>&"\''), 'a\uFFFD&lt;b&gt;&amp;&quot;&apos;');
});

test('json: the ESLint shape of SPEC.md', () => {
  const json = JSON.parse(formatters.json(results, opts));
  assert.equal(json.length, 4);
  assert.equal(json[0].errorCount, 1);
  assert.equal(json[0].warningCount, 1);
  assert.equal(json[0].infoCount, 1);
  assert.deepEqual(json[0].messages[1].fix, { range: [comma, comma + 1], text: '，' });
  assert.equal(json[2].messages[0].severity, 2);
});

test('stylish: one line per fixed file with the count, and a summary', () => {
  const fixed: FileResult = { filePath: path.join(cwd, 'f.txt'), doc: new ReportDocument('今年，园区'), diagnostics: [], output: '今年，园区', fixed: 2 };
  const out = formatters.stylish([fixed], opts);
  assert.match(out, /f\.txt\n {2}✔ {2}已修正 2 处/);
  assert.match(out, /已修正 2 处，涉及 1 个文件/);
  assert.match(formatters.stylish([fixed], { ...opts, dryRun: true }), /可修正 2 处（--fix-dry-run，未写回）/);
  const all = formatters.stylish(results, opts);
  assert.match(all, /docs\/a,b:c\.txt\n {2}2:3 +错误 +占位符/);
  assert.match(all, /bad\.txt\n {2}错误 {2}无法识别文件编码/);
  assert.doesNotMatch(all, /\u001b\[/, 'no colour when off');
  assert.match(formatters.stylish(results, { ...opts, color: true }), /\u001b\[31m/);
});
