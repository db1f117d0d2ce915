import * as path from 'node:path';

/** A path as shown in reports: relative to the working folder when inside it, with forward slashes. */
export function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath.split(path.sep).join('/');
  const rel = path.relative(cwd, filePath);
  const shown = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : filePath;
  return shown.split(path.sep).join('/');
}

/** A file URI or a relative URI reference (percent-encoded per segment), as SARIF and JUnit consumers expect. */
export function uriReference(filePath: string, cwd: string): { uri: string; relative: boolean } {
  const shown = displayPath(filePath, cwd);
  if (path.isAbsolute(filePath) && shown === filePath.split(path.sep).join('/')) {
    const abs = shown.startsWith('/') ? shown : `/${shown}`;
    return { uri: `file://${abs.split('/').map(encodeURIComponent).join('/')}`, relative: false };
  }
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), relative: true };
}
