import type { ReportDocument } from './document';

/**
 * Inline control comments, in Markdown and plain text alike:
 *   <!-- report-lint-disable [RULE, ...] -->   … <!-- report-lint-enable [RULE, ...] -->
 *   <!-- report-lint-disable-next-line [RULE, ...] -->
 *   <!-- report-lint-disable-line [RULE, ...] -->
 * Without rule ids a directive applies to every rule.
 */
export const DIRECTIVE_RE = /<!--\s*report-lint-(disable-next-line|disable-line|disable|enable)\b([^>]*?)\s*-->/g;

interface BlockRange {
  rule: string | '*';
  start: number;
  end: number;
}

export class Suppressions {
  private readonly blocks: BlockRange[] = [];
  /** line → rules suppressed on it ('*' = all). */
  private readonly lines = new Map<number, Set<string>>();

  constructor(doc: ReportDocument) {
    const open = new Map<string, number>();
    DIRECTIVE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = DIRECTIVE_RE.exec(doc.text))) {
      const kind = m[1];
      const ids = m[2].split(/[\s,，]+/).filter(Boolean);
      const rules = ids.length ? ids : ['*'];
      const line = doc.positionAt(m.index).line;
      if (kind === 'disable') {
        for (const r of rules) if (!open.has(r)) open.set(r, m.index);
      } else if (kind === 'enable') {
        const targets = ids.length ? rules : [...open.keys()];
        for (const r of targets) {
          const s = open.get(r);
          if (s !== undefined) {
            this.blocks.push({ rule: r, start: s, end: m.index });
            open.delete(r);
          }
        }
      } else {
        const target = kind === 'disable-next-line' ? line + 1 : line;
        let set = this.lines.get(target);
        if (!set) this.lines.set(target, (set = new Set()));
        for (const r of rules) set.add(r);
      }
    }
    for (const [r, s] of open) this.blocks.push({ rule: r, start: s, end: Infinity });
  }

  isSuppressed(ruleId: string, offset: number, line: number): boolean {
    const set = this.lines.get(line);
    if (set && (set.has('*') || set.has(ruleId))) return true;
    return this.blocks.some((b) => (b.rule === '*' || b.rule === ruleId) && offset >= b.start && offset < b.end);
  }

  get empty(): boolean {
    return this.blocks.length === 0 && this.lines.size === 0;
  }
}

/** The text of a directive that disables `ruleId` on the next line, as the "ignore on this line" action inserts. */
export function disableNextLineComment(ruleId: string): string {
  return `<!-- report-lint-disable-next-line ${ruleId} -->`;
}
