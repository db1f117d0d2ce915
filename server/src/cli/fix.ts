import * as fs from 'node:fs';
import * as path from 'node:path';
import { ReportDocument } from '../core/document';
import { applyFixes } from '../core/fix';
import type { Diagnostic, Fix } from '../core/types';

export interface FixOutcome {
  doc: ReportDocument;
  /** Diagnostics of the final text. */
  diagnostics: Diagnostic[];
  changed: boolean;
  /** Fixes applied over all passes. */
  fixed: number;
}

const MAX_PASSES = 10;

/** The line break a text mostly uses ('\n' when it has none). */
export function dominantEol(text: string): '\r\n' | '\n' | '\r' {
  let crlf = 0;
  let lf = 0;
  let cr = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      } else cr++;
    } else if (c === 10) lf++;
  }
  if (crlf >= lf && crlf >= cr && crlf > 0) return '\r\n';
  if (cr > lf) return '\r';
  return '\n';
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** True when offset `o` falls inside a surrogate pair or a CRLF pair (a fix must never cut either). */
function cutsPair(text: string, o: number): boolean {
  if (o <= 0 || o >= text.length) return false;
  const before = text.charCodeAt(o - 1);
  const after = text.charCodeAt(o);
  return (isHigh(before) && isLow(after)) || (before === 13 && after === 10);
}

/**
 * The fixes of `diags` that are safe to apply to `text`: in range, not cutting a surrogate or CRLF pair, and
 * with line breaks in the replacement written in the file's own style. Suggestions are never taken.
 */
export function safeFixes(text: string, diags: readonly Diagnostic[]): Fix[] {
  const eol = dominantEol(text);
  const out: Fix[] = [];
  for (const d of diags) {
    const f = d.fix;
    if (!f) continue;
    const [s, e] = f.range;
    if (!(Number.isInteger(s) && Number.isInteger(e) && s >= 0 && e >= s && e <= text.length)) continue;
    if (cutsPair(text, s) || cutsPair(text, e) || typeof f.text !== 'string') continue;
    const replacement = /[\r\n]/.test(f.text) ? f.text.replace(/\r\n|\r|\n/g, eol) : f.text;
    out.push(replacement === f.text ? f : { range: f.range, text: replacement });
  }
  return out;
}

/**
 * Applies safe fixes pass after pass (re-checking in between, at most 10 passes) until nothing changes. Fixes of one
 * pass never overlap (core/fix.ts); a pass that would bring back a text seen before stops the loop, so fixes that
 * undo each other cannot oscillate. The result is stable: fixing it again changes nothing.
 */
export function fixDocument(doc: ReportDocument, check: (d: ReportDocument) => Diagnostic[]): FixOutcome {
  let current = doc;
  let diags = check(current);
  let fixed = 0;
  const seen = new Set<string>([doc.text]);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const fixes = safeFixes(current.text, diags);
    if (!fixes.length) break;
    const { output, applied } = applyFixes(current.text, fixes);
    if (!applied.length || seen.has(output)) break;
    seen.add(output);
    fixed += applied.length;
    current = new ReportDocument(output, current.format, current.uri);
    diags = check(current);
  }
  return { doc: current, diagnostics: diags, changed: current.text !== doc.text, fixed };
}

let tmpCounter = 0;

/**
 * Writes `data` to `file` atomically: a temporary file in the same folder, flushed to disk, then renamed over the
 * target, so a reader sees the old or the new content and never a half-written file. A symbolic link is followed
 * (the link stays a link); the file's permission bits (and, when allowed, owner) are kept. On failure the
 * temporary file is removed and the target is untouched.
 */
export function writeAtomic(file: string, data: Uint8Array): void {
  let target = file;
  let stat: fs.Stats | undefined;
  try {
    target = fs.realpathSync(file);
    stat = fs.statSync(target);
  } catch {
    stat = undefined;
  }
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${++tmpCounter}.report-lint.tmp`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(tmp, 'wx', stat ? stat.mode & 0o7777 : 0o644);
    fs.writeSync(fd, data);
    if (stat) {
      fs.fchmodSync(fd, stat.mode & 0o7777);
      try {
        fs.fchownSync(fd, stat.uid, stat.gid);
      } catch {
        // Not permitted for other users' files: keep our own ownership.
      }
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(tmp, target);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    try {
      fs.unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw e;
  }
}
