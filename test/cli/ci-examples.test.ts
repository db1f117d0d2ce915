import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli } from '../../server/src/cli/main';
import { ROOT } from './helpers';

/** Every report-lint command in the CI examples and the README's CI section uses flags the CLI accepts. */
test('CI examples: every report-lint command line parses', () => {
  const sources = [
    ...fs.readdirSync(path.join(ROOT, 'examples', 'ci')).map((f) => path.join(ROOT, 'examples', 'ci', f)),
    path.join(ROOT, 'README.md'),
  ];
  let commands = 0;
  for (const file of sources) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:^|[\s`])report-lint((?: +--?[\w-]+(?: +[^\s|&#`;]+)?)+)/gm)) {
      const args = m[1].trim().split(/\s+/).filter((a) => a !== '.');
      assert.doesNotThrow(() => parseCli([...args, '.'], false), `${path.basename(file)}: report-lint ${m[1].trim()}`);
      commands++;
    }
  }
  assert.ok(commands >= 8, `found ${commands} commands`);
  const gh = fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8');
  assert.match(gh, /--format sarif --output report-lint\.sarif[\s\S]*sarif_file: report-lint\.sarif/);
  assert.match(gh, /--format github/);
  assert.match(gh, /--final/);
  const gl = fs.readFileSync(path.join(ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8');
  assert.match(gl, /--format junit --output report-lint\.junit\.xml[\s\S]*junit: report-lint\.junit\.xml/);
});
