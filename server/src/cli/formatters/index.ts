import { toJson, type FileResult } from '../../core/result';
import { html } from './html';
import { stylish } from './stylish';

export interface FormatOptions {
  color: boolean;
  cwd: string;
}

export type Formatter = (results: FileResult[], opts: FormatOptions) => string;

/** Output formats by their --format name. */
export const formatters: Record<string, Formatter> = {
  stylish,
  json: (results) => JSON.stringify(results.map(toJson)) + '\n',
  html,
};
