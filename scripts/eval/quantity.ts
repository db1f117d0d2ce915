/**
 * Coverage of the quantity checks on the clean published reports: how many relations (totals and parts,
 * percentages of a base, growth, shares, list counts) were found and verified. Zero findings on the clean
 * reports only means something when many relations were checked. `--verbose` lists them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS, listFiles, type EvalRow } from '../eval';
import { ReportDocument } from '../../server/src/core/document';
import { checkRelations } from '../../server/src/core/quantity/relations';
import { checkListCounts } from '../../server/src/core/quantity/list-counts';
import { segment } from '../../server/src/core/segmenter';

export function run({ verbose }: { verbose: boolean }): EvalRow[] {
  const files = listFiles(path.join(CORPUS, 'reports'));
  const trace: string[] = [];
  let findings = 0;
  for (const f of files) {
    const doc = new ReportDocument(fs.readFileSync(f, 'utf8'), 'plaintext', f);
    for (const p of doc.paragraphs) {
      findings += checkRelations(p.text, p.start, segment, trace).length;
      findings += checkListCounts(p.text, p.start, segment, trace).length;
    }
  }
  if (verbose) for (const t of trace) console.log(`quantity checked: ${t}`);
  const kinds = new Map<string, number>();
  for (const t of trace) {
    const k = t.split(' ')[0];
    kinds.set(k, (kinds.get(k) ?? 0) + 1);
  }
  const section = 'quantity relations checked on the clean reports';
  return [
    ...[...kinds].sort().map(([k, n]) => ({ section, metric: k, value: String(n) })),
    { section, metric: 'of which reported', value: String(findings) },
  ];
}
