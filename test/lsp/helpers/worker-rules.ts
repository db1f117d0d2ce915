import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Rule } from '../../../server/src/core/types';
import { boomRule, commaRule, wordRule } from './fake-rules';

// Test rules for the model-tier worker thread: the server is given `rules` and starts its worker with this module
// (`modelWorker.rulesModule`), so both threads run the same rules.

/** While this file exists, the slow model rule waits (the test opens and closes the gate). */
export const GATE = path.join(os.tmpdir(), `report-lint-model-gate-${process.pid}`);

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** wrong-char (model tier): 截止目前 → 截至目前; on a document containing 慢 it first waits for the gate (≤ 20 s). */
export const slowWordRule: Rule = {
  meta: wordRule.meta,
  check(ctx) {
    if (ctx.doc.text.includes('慢')) {
      const until = Date.now() + 20_000;
      while (fs.existsSync(GATE) && Date.now() < until) sleep(5);
    }
    return wordRule.check(ctx);
  },
};

/** missing-char (model tier): throws on 炸 (the error is reported once, the other findings still arrive); ends its
 * thread on 死 (the worker dies and is restarted). */
export const crashRule: Rule = {
  meta: { ...wordRule.meta, id: 'missing-char', title: 'missing-char' },
  check(ctx) {
    if (ctx.doc.text.includes('炸')) throw new Error('模型规则炸了');
    if (ctx.doc.text.includes('死')) process.exit(3);
    return [];
  },
};

export const rules: readonly Rule[] = [commaRule, slowWordRule, crashRule, boomRule];
