import type { Rule } from '../core/types';
import type { ResolvedRules } from '../core/config';
import { placeholder } from './placeholder';
import { missingNumber } from './missing-number';
import { missingChar } from './missing-char';
import { numberingSequence } from './numbering-sequence';
import { numberingStyle } from './numbering-style';
import { countMismatch } from './count-mismatch';
import { punctuation } from './punctuation';
import { sumMismatch } from './sum-mismatch';
import { unit } from './unit';
import { repeatedWord } from './repeated-word';
import { wrongChar } from './wrong-char';

/**
 * The rule catalogue. One rule per file in this folder; to add a rule, copy a neighbour, then list it here.
 * Order is the order of SPEC.md's catalogue.
 */
export const allRules: readonly Rule[] = [placeholder, missingNumber, missingChar, wrongChar, repeatedWord, numberingSequence, numberingStyle, countMismatch, sumMismatch, punctuation, unit];

export const ruleIds: ReadonlySet<string> = new Set(allRules.map((r) => r.meta.id));

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.meta.id === id);
}

export function defaultRuleSettings(): ResolvedRules {
  return new Map(allRules.map((r) => [r.meta.id, { severity: r.meta.defaultSeverity, options: {} }]));
}

/** Where each rule's documentation lives (diagnostic codeDescription.href). */
export const DOCS_BASE = 'https://github.com/report-lint/report-lint/blob/main/docs/rules/';
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
