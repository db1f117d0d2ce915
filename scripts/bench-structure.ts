// npm run bench:structure: the numbering structure (core/structure) and its three rules on adversarial documents —
// tens of thousands of markers in one list, one paragraph, restarting and continuing lists, gaps everywhere, bare
// numerals — and on the clean reports when the corpus is there. Target: every case under 3 s of CPU time (CPU, not
// wall time, so a busy machine does not fail it; a quadratic step shows up here as minutes).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../server/src/core/document';
import { lint } from '../server/src/core/runner';
import { cnFormat } from '../server/src/core/structure/numerals';
import { allRules } from '../server/src/rules';

const RULES = allRules.filter((r) => ['numbering-sequence', 'numbering-style', 'count-mismatch'].includes(r.meta.id));
const TARGET_MS = 3000;

const cases: Record<string, () => string> = {
  'ar-dot lines (50k items)': () => Array.from({ length: 50000 }, (_, i) => `${(i % 99) + 1}.内容。`).join('\n'),
  'one paragraph of 一是 (50k items)': () => Array.from({ length: 50000 }, (_, i) => `${cnFormat((i % 99) + 1)}是内容。`).join(''),
  'numbering through sections (15k items)': () =>
    Array.from({ length: 5000 }, (_, i) => `${cnFormat((i % 99) + 1)}、标题\n（${cnFormat(((2 * i) % 99) + 1)}）甲。\n（${cnFormat(((2 * i + 1) % 99) + 1)}）乙。`).join('\n'),
  'gaps everywhere (30k items)': () => Array.from({ length: 30000 }, (_, i) => `（${cnFormat(((i * 7) % 99) + 1)}）内容。`).join('\n'),
  'bare numerals (30k lines)': () => Array.from({ length: 30000 }, (_, i) => `${cnFormat((i % 9) + 1)}加快进度服务大局。`).join('\n'),
  'open quotations (20k lines)': () => Array.from({ length: 20000 }, (_, i) => (i % 3 ? `（${cnFormat((i % 9) + 1)}）内容。` : '“引文开始')).join('\n'),
};

const corpus = path.resolve(__dirname, '../../shared/corpus/reports');
if (fs.existsSync(corpus)) {
  cases['clean reports, concatenated'] = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.txt')) out.push(fs.readFileSync(p, 'utf8'));
      }
    };
    walk(corpus);
    return out.join('\n');
  };
}

let failed = 0;
for (const [name, make] of Object.entries(cases)) {
  const text = make();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const n = lint(new ReportDocument(text), RULES).length;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const ms = performance.now() - t0;
  const ok = cpuMs < TARGET_MS;
  if (!ok) failed++;
  console.log(`${ok ? 'ok  ' : 'SLOW'} ${name}: ${text.length} chars, ${cpuMs.toFixed(0)} ms cpu (${ms.toFixed(0)} ms wall), ${n} findings`);
}
console.log(failed ? `bench:structure: ${failed} case(s) over ${TARGET_MS} ms` : `bench:structure: every case under ${TARGET_MS} ms`);
process.exitCode = failed ? 1 : 0;
