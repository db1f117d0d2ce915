// Property test: thousands of generated and mutated documents (random Unicode with astral characters, lone
// surrogates, CRLF/CR, huge lines, deeply nested numbering, garbage) through ALL rules of the registry. No rule may
// throw, report a range outside the document, or make fixes that overlap, touch text outside their range, or keep
// changing the text when applied again. A document that takes longer than the ceiling is reported as a hang.
// Reproduce a failure: REPORT_LINT_FUZZ_SEED=<seed> REPORT_LINT_FUZZ_COUNT=1 node scripts/test.mjs test/cli/fuzz.test.ts
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const SEED = Number(process.env.REPORT_LINT_FUZZ_SEED ?? 20241125);
const COUNT = Number(process.env.REPORT_LINT_FUZZ_COUNT ?? 3000);
/** Total time for the run (the test stops generating then): a bound on the suite's time, not a speed target. */
const BUDGET_MS = 20_000;
/** One document taking longer than this is a hang. */
const CEILING_MS = 10_000;

test(`fuzz: up to ${COUNT} generated documents through every rule (seed ${SEED})`, { timeout: 120_000 }, async () => {
  const worker = new Worker(
    `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register(); require(${JSON.stringify(path.join(__dirname, 'fuzz-worker.ts'))});`,
    { eval: true, workerData: { seed: SEED, count: COUNT, budgetMs: BUDGET_MS } },
  );
  const failures: string[] = [];
  const outcome = await new Promise<{ done: number; slowest: { ms: number; index: number; length: number } }>((resolve, reject) => {
    let current = -1;
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void worker.terminate();
        reject(new Error(`document #${current} (REPORT_LINT_FUZZ_SEED=${SEED + current}) did not finish within ${CEILING_MS} ms: a hang`));
      }, CEILING_MS);
    };
    arm();
    worker.on('message', (m) => {
      if (m.type === 'start') {
        current = m.index;
        arm();
      } else if (m.type === 'fail') {
        failures.push(`#${m.index} (REPORT_LINT_FUZZ_SEED=${m.seed}, ${m.format}) ${m.excerpt}\n    ${m.problems.join('\n    ')}`);
      } else if (m.type === 'done') {
        clearTimeout(timer);
        resolve(m);
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
  await worker.terminate();
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} documents failed`);
  assert.ok(outcome.done > 0, 'no document was checked');
  // Reported, not asserted: the slowest document (speed targets live in npm run bench).
  console.log(`fuzz: ${outcome.done} documents; slowest #${outcome.slowest.index} (${outcome.slowest.length} chars) ${outcome.slowest.ms.toFixed(0)} ms`);
});
