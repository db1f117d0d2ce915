/**
 * `npm run eval`: measures every rule on ../shared/corpus (read where it lies, never copied in).
 *   1. false alarms per 10,000 characters of each rule on the clean published reports;
 * Further sections (dropped-character recall, wrong-character P/R/F1) are added by the rules that need them
 * as modules in scripts/eval/ exporting `run(ctx)`; each returns rows for the one table printed at the end.
 * Prints one table; `--json FILE` also writes the figures; `--only clean,missing-char` runs just those sections. Exits 0 when the corpus is absent (users clone the
 * repo alone), after saying so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../server/src/core/document';
import { lint } from '../server/src/core/runner';
import { allRules } from '../server/src/rules';
import { recordRuleError, ruleErrors } from './lib/eval-errors';
import type { Diagnostic } from '../server/src/core/types';

export const SHARED = process.env.REPORT_LINT_SHARED ?? path.resolve(__dirname, '../../shared');
export const CORPUS = path.join(SHARED, 'corpus');

export interface EvalRow {
  section: string;
  metric: string;
  value: string;
}

export function listFiles(dir: string, ext = '.txt'): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

function falseAlarms(verbose: boolean): EvalRow[] {
  const files = listFiles(path.join(CORPUS, 'reports'));
  let chars = 0;
  const perRule = new Map<string, Diagnostic[]>();
  const where: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    chars += text.length;
    const doc = new ReportDocument(text, 'plaintext', f);
    for (const d of lint(doc, allRules, { onRuleError: recordRuleError })) {
      if (!perRule.has(d.ruleId)) perRule.set(d.ruleId, []);
      perRule.get(d.ruleId)!.push(d);
      if (verbose) where.push(`${path.basename(f)}:${doc.positionAt(d.range[0]).line + 1} ${d.ruleId} ${JSON.stringify(text.slice(Math.max(0, d.range[0] - 12), d.range[1] + 12))} ${d.message}`);
    }
  }
  if (verbose) for (const w of where) console.log(w);
  return allRules.map((r) => {
    const n = perRule.get(r.meta.id)?.length ?? 0;
    return { section: `clean reports (${files.length} files, ${chars} chars)`, metric: `${r.meta.id} false alarms /10k`, value: `${((n / chars) * 10000).toFixed(3)} (${n})` };
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose') || args.includes('-v');
  const jsonOut = args.includes('--json') ? args[args.indexOf('--json') + 1] : undefined;
  if (!fs.existsSync(CORPUS)) {
    console.log(`eval: no corpus at ${CORPUS} (set REPORT_LINT_SHARED); nothing measured.`);
    return;
  }
  // --only NAME[,NAME]: just these sections (clean = false alarms on the clean reports; others are scripts/eval/NAME.ts).
  const only = args.includes('--only') ? new Set(args[args.indexOf('--only') + 1].split(',')) : undefined;
  const rows: EvalRow[] = !only || only.has('clean') ? [...falseAlarms(verbose)] : [];
  const extra = fs.existsSync(path.join(__dirname, 'eval'))
    ? fs.readdirSync(path.join(__dirname, 'eval')).filter((n) => n.endsWith('.ts') && (!only || only.has(n.slice(0, -3)))).sort()
    : [];
  for (const name of extra) {
    const mod = (await import(path.join(__dirname, 'eval', name))) as { run: (o: { verbose: boolean }) => Promise<EvalRow[]> | EvalRow[] };
    rows.push(...(await mod.run({ verbose })));
  }
  const w1 = Math.max(...rows.map((r) => r.section.length));
  const w2 = Math.max(...rows.map((r) => r.metric.length));
  let last = '';
  for (const r of rows) {
    console.log(`${(r.section === last ? '' : r.section).padEnd(w1)}  ${r.metric.padEnd(w2)}  ${r.value}`);
    last = r.section;
  }
  if (jsonOut) fs.writeFileSync(jsonOut, JSON.stringify(rows, null, 2));
  for (const [id, r] of ruleErrors) {
    console.error(`eval: rule ${id} threw ${r.count} time(s) — its figures above are not valid. First: ${r.first}`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
