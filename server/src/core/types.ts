/**
 * Shared types of the engine. Nothing here imports LSP or vscode: the CLI, the language server and the
 * tests all speak these types.
 */

/** How loud a finding is. `off` disables a rule. */
export type Severity = 'off' | 'info' | 'warn' | 'error';

/** Offsets are UTF-16 code units into the document text, `[start, end)`. */
export type Range = [number, number];

export interface Fix {
  range: Range;
  text: string;
}

export interface Suggestion {
  /** Chinese, short: what applying it does (e.g. 改为“付诸实施”). */
  desc: string;
  fix: Fix;
}

export interface RelatedInfo {
  range: Range;
  message: string;
}

/** What a rule reports. The runner adds severity and filters suppressed findings. */
export interface Finding {
  message: string;
  range: Range;
  /** A safe, unique correction: applied by --fix and source.fixAll. */
  fix?: Fix;
  /** Plausible corrections, best first: offered as quick fixes, never applied automatically. */
  suggestions?: Suggestion[];
  related?: RelatedInfo[];
  /**
   * The finding marks text still to be filled in (placeholder, open number): `--final` makes these errors,
   * and the draft meter counts them.
   */
  open?: boolean;
  /**
   * The word the user may declare correct ("add to the workspace dictionary"), for wording findings. When a
   * rule of category `wording` leaves it out, front ends offer the flagged text itself.
   */
  word?: string;
  /**
   * A finding that holds only under a condition on the rest of the document (see Rule.finalize): set by a
   * paragraph-scoped rule's `check`, settled and removed by its `finalize`; the runner never reports it.
   */
  needs?: { word: string };
}

/** A finding as the runner returns it. */
export interface Diagnostic extends Finding {
  ruleId: string;
  severity: Exclude<Severity, 'off'>;
}

export type RuleCategory = 'draft' | 'wording' | 'structure' | 'quantity' | 'typography';

export interface RuleDocs {
  /** One line, Chinese. */
  summary: string;
  /** A few sentences, Chinese: why it matters and what is left alone. */
  details: string;
  /** Sentences the rule flags (our own writing). */
  flagged: string[];
  /** Sentences the rule leaves alone. */
  passed: string[];
}

export interface RuleMeta {
  id: string;
  defaultSeverity: Exclude<Severity, 'off'>;
  category: RuleCategory;
  /** Chinese name shown in UIs. */
  title: string;
  docs: RuleDocs;
  /** True when findings may carry `fix`. */
  fixable: boolean;
  /**
   * `fast` rules run at once; `model` rules need the language model and may arrive later in the editor.
   */
  tier: 'fast' | 'model';
  /**
   * `paragraph`: the rule is paragraph-local — every finding lies in one paragraph and depends only on that
   * paragraph (its masked and raw text), the document format and the rule's settings; `check` reads only
   * `ctx.doc.paragraphs` (never neighbours through `doc.paragraphs[i]`, `doc.text` outside the paragraph, or the
   * paragraph count). The language server then re-checks only the paragraphs an edit changed: with
   * `checkParagraph` when the rule has it (see `paragraphRule`), else by running `check` on a document whose
   * `paragraphs` are those. Default `document`.
   */
  scope?: 'document' | 'paragraph';
}

export interface Rule {
  meta: RuleMeta;
  /** Returns the findings for the whole document. Must not throw on any input; the runner guards anyway. */
  check(ctx: RuleContext): Finding[];
  /**
   * Optional, for rules of scope `paragraph`: the findings of one paragraph, with document offsets as `check`.
   * `paragraphRule` in core/paragraph-cache.ts builds `check` from it.
   */
  checkParagraph?(ctx: RuleContext, paragraph: Paragraph): Finding[];
  /**
   * Optional, for rules of scope `paragraph` whose findings also weigh evidence from the rest of the document
   * (missing-char: the completed word occurs in another paragraph). Runs after the paragraphs' findings are
   * gathered (fresh or from the paragraph cache) on every check, with the whole document in `ctx.doc.text`;
   * settles the findings marked `needs` (keeps them without the mark, or drops them) and returns the list.
   * Must be cheap: it runs on every edit in the editor.
   */
  finalize?(findings: Finding[], ctx: RuleContext): Finding[];
}

export interface Paragraph {
  /** Offset of the paragraph's first character in the document. */
  start: number;
  end: number;
  /** The checkable text of the paragraph (masked: see ReportDocument.masked), same length as end - start. */
  text: string;
  /** 0-based index among the document's paragraphs. */
  index: number;
}

export interface Token {
  word: string;
  tag: string;
  /** Offsets relative to the string that was segmented. */
  start: number;
  end: number;
}

export interface RuleContext {
  readonly doc: import('./document').ReportDocument;
  /** Segments a string (usually a paragraph's text) with POS tags; cached and shared between rules. */
  segment(text: string): Token[];
  /** Words the user declared correct (workspace dictionary + config). */
  readonly dictionary: ReadonlySet<string>;
  /** Rule options from configuration, if any. */
  readonly options: Record<string, unknown>;
}
