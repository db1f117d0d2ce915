/**
 * `npm run docs`: writes docs/rules/<id>.md for every rule from its `meta`, and the rule table between
 * `<!-- rules:start -->` and `<!-- rules:end -->` in README.md. `--check` writes nothing and exits 1 when a file
 * is out of date (test/unit/docs.test.ts runs the same comparison, so a rule author who changes `meta`
 * regenerates). Everything here is pure functions of the rule metadata; the script only adds file I/O.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { allRules } from '../server/src/rules';
import type { Rule, Severity } from '../server/src/core/types';

export const ROOT = path.resolve(__dirname, '..');
export const DOCS_DIR = path.join(ROOT, 'docs', 'rules');
export const README = path.join(ROOT, 'README.md');
const INDEX = 'README.md';
const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

const SEVERITY: Record<Exclude<Severity, 'off'>, string> = { info: '提示（info）', warn: '警告（warn）', error: '错误（error）' };
const CATEGORY: Record<Rule['meta']['category'], string> = {
  draft: '草稿未完成',
  wording: '用字用词',
  structure: '编号结构',
  quantity: '数量与数字',
  typography: '标点与格式',
};

/** Makes a table cell safe: no line breaks, no unescaped pipes. */
function cell(s: string): string {
  return s.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

/** Quotes an example sentence as inline code, with a fence long enough for backticks inside it. */
function code(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** The documentation page of one rule. */
export function renderRuleDoc(rule: Rule): string {
  const m = rule.meta;
  const lines = [
    '<!-- 本文件由 scripts/gen-docs.ts 根据规则的 meta 生成，请勿手工修改；修改规则后运行 npm run docs。 -->',
    `# ${m.title}（\`${m.id}\`）`,
    '',
    m.docs.summary,
    '',
    `- 默认级别：${SEVERITY[m.defaultSeverity]}`,
    `- 类别：${CATEGORY[m.category]}`,
    `- 自动修正：${m.fixable ? '有（`--fix`、编辑器“全部修正”）' : '无'}`,
    `- 运行时机：${m.tier === 'fast' ? '即时' : '语言模型加载后'}`,
    '',
    '## 说明',
    '',
    m.docs.details,
    '',
    '## 会报告',
    '',
    ...m.docs.flagged.map((s) => `- ${code(s)}`),
    '',
    '## 不会报告',
    '',
    ...m.docs.passed.map((s) => `- ${code(s)}`),
    '',
    '## 配置',
    '',
    '```json',
    JSON.stringify({ rules: { [m.id]: 'off' } }, null, 2),
    '```',
    '',
    `行内关闭：\`<!-- report-lint-disable-next-line ${m.id} -->\`。`,
    '',
  ];
  return lines.join('\n');
}

/** The README rule table (between the markers). */
export function renderRuleTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const m = r.meta;
    return `| [\`${m.id}\`](docs/rules/${m.id}.md) | ${cell(m.title)} | ${cell(m.docs.summary)} | ${m.defaultSeverity} | ${m.fixable ? '✓' : ''} |`;
  });
  return ['| 规则 | 名称 | 检查内容 | 默认级别 | 可自动修正 |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** docs/rules/README.md: the index the editor opens when no rule is named. */
export function renderIndex(rules: readonly Rule[]): string {
  return [
    '<!-- 本文件由 scripts/gen-docs.ts 根据规则的 meta 生成，请勿手工修改；修改规则后运行 npm run docs。 -->',
    '# report-lint 规则',
    '',
    '每条规则可在 `.reportlintrc.json` 的 `rules` 中设为 `off`、`info`、`warn` 或 `error`，也可用行内注释关闭。',
    '',
    renderRuleTable(rules).replace(/\]\(docs\/rules\//g, ']('),
    '',
  ].join('\n');
}

/** README with the rule table replaced; throws when the markers are missing. */
export function updateReadme(readme: string, rules: readonly Rule[]): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md: markers ${START} … ${END} not found`);
  return `${readme.slice(0, a + START.length)}\n${renderRuleTable(rules)}\n${readme.slice(b)}`;
}

/** Every generated file with its expected contents (absolute path → text). */
export function expectedFiles(rules: readonly Rule[] = allRules): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rules) out.set(path.join(DOCS_DIR, `${r.meta.id}.md`), renderRuleDoc(r));
  out.set(path.join(DOCS_DIR, INDEX), renderIndex(rules));
  out.set(README, updateReadme(fs.readFileSync(README, 'utf8'), rules));
  return out;
}

/** Files whose contents differ from what the metadata says, and stale pages of rules that no longer exist. */
export function outdated(rules: readonly Rule[] = allRules): string[] {
  const stale: string[] = [];
  for (const [file, text] of expectedFiles(rules)) {
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== text) stale.push(path.relative(ROOT, file));
  }
  if (fs.existsSync(DOCS_DIR)) {
    const ids = new Set([INDEX, ...rules.map((r) => `${r.meta.id}.md`)]);
    for (const f of fs.readdirSync(DOCS_DIR)) if (f.endsWith('.md') && !ids.has(f)) stale.push(path.relative(ROOT, path.join(DOCS_DIR, f)));
  }
  return stale;
}

function main(): void {
  if (process.argv.includes('--check')) {
    const stale = outdated();
    if (stale.length) {
      console.error(`docs out of date (run npm run docs): ${stale.join(', ')}`);
      process.exit(1);
    }
    console.log('docs up to date');
    return;
  }
  fs.mkdirSync(DOCS_DIR, { recursive: true });
  const ids = new Set([INDEX, ...allRules.map((r) => `${r.meta.id}.md`)]);
  for (const f of fs.readdirSync(DOCS_DIR)) if (f.endsWith('.md') && !ids.has(f)) fs.rmSync(path.join(DOCS_DIR, f));
  let written = 0;
  for (const [file, text] of expectedFiles()) {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) continue;
    fs.writeFileSync(file, text);
    written++;
    console.log(`wrote ${path.relative(ROOT, file)}`);
  }
  if (!written) console.log('docs up to date');
}

if (require.main === module) main();
