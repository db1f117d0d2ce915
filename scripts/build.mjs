// Bundles the CLI, the language server (and its model-tier worker) and the VS Code client with esbuild into dist/.
import * as esbuild from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // Native (@node-rs/jieba) and host-provided (vscode) modules stay outside the bundle; so does tsx, which
  // only the server's source mode (tests) resolves, to start its worker thread from TypeScript.
  external: ['vscode', '@node-rs/jieba', '@node-rs/jieba/dict', 'tsx/cjs'],
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

export const entries = [
  // The CLI runs where npm installed the dependencies: the encoding detectors (1.8 MB, needed only for files that
  // are not UTF-8) and the XML parser (Word documents) are required from node_modules when first used rather
  // than compiled with the bundle at every start. The language server's bundle (the VSIX has no node_modules
  // but jieba's) keeps them.
  { entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js', external: [...common.external, 'iconv-lite', 'jschardet', '@xmldom/xmldom'] },
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/lsp/index.ts'], outfile: 'dist/server.js' },
  // The language server's model-tier rules run in this worker thread (found beside dist/server.js).
  { entryPoints: ['server/src/lsp/model-worker.ts'], outfile: 'dist/model-worker.js' },
];

for (const e of entries) {
  const opts = { ...common, ...e };
  if (watch) await (await esbuild.context(opts)).watch();
  else await esbuild.build(opts);
}

// The compiled lexicon (server/data/lexicon.bin): bundled like the rest and run once; the engine falls back to
// parsing the dictionaries when it is missing or out of date.
await esbuild.build({ ...common, sourcemap: false, entryPoints: ['scripts/compile-lexicon.ts'], outfile: 'dist/compile-lexicon.js' });
execFileSync(process.execPath, ['dist/compile-lexicon.js'], { stdio: ['ignore', 'ignore', 'inherit'] });
rmSync('dist/compile-lexicon.js');
