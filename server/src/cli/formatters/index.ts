import { toJson, type FileResult } from '../../core/result';
import { github } from './github';
import { html } from './html';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';

export interface FormatOptions {
  color: boolean;
  /** Paths are shown relative to this folder. */
  cwd: string;
  /** --fix-dry-run: `output`/`fixed` describe changes that were not written. */
  dryRun?: boolean;
}

/** Turns the results of a run into the text of a report. Pure: no I/O. */
export type Formatter = (results: FileResult[], opts: FormatOptions) => string;

/**
 * Output formats by their --format name. To add one, write `formatters/NAME.ts` exporting a Formatter and list it
 * here; --format, --help and the tests pick it up from this table.
 */
export const formatters: Record<string, Formatter> = {
  stylish,
  json: (results) => JSON.stringify(results.map(toJson)) + '\n',
  sarif,
  github,
  junit,
  html,
};
