/**
 * The TextMate grammars of the extension, tokenised by VS Code's own engine (vscode-textmate + oniguruma):
 * numbering markers get a scope per level, placeholders and open numbers stand out, and what merely looks
 * like them (decimals, x86, X光, 二○○○年, Markdown emphasis) does not.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as tm from 'vscode-textmate';

const root = join(__dirname, '../../..');
const grammars: Record<string, string> = {
  'text.report': 'syntaxes/report.tmLanguage.json',
  'report.markdown.injection': 'syntaxes/report-markdown.injection.tmLanguage.json',
};

let registry: tm.Registry | undefined;
async function load(): Promise<tm.Registry> {
  if (registry) return registry;
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  registry = new tm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) => {
      if (grammars[scope]) return tm.parseRawGrammar(readFileSync(join(root, grammars[scope]), 'utf8'), grammars[scope]);
      if (scope === 'text.html.markdown') return MINI_MARKDOWN;
      return null;
    },
    getInjections: (scope) => (scope === 'text.html.markdown' ? ['report.markdown.injection'] : undefined),
  });
  return registry;
}

/** A small stand-in for VS Code's Markdown grammar: paragraphs, headings, fenced code, inline code. */
const MINI_MARKDOWN = tm.parseRawGrammar(
  JSON.stringify({
    scopeName: 'text.html.markdown',
    patterns: [
      { name: 'markup.fenced_code.block.markdown', begin: '^```', end: '^```' },
      { name: 'markup.inline.raw.string.markdown', match: '`[^`]*`' },
      {
        name: 'markup.heading.markdown',
        match: '^(#{1,6}) (.*)$',
        captures: { 2: { name: 'entity.name.section.markdown', patterns: [{ include: '#inline' }] } },
      },
    ],
    repository: { inline: { patterns: [{ name: 'markup.bold.markdown', match: '\\*\\*[^*]+\\*\\*' }] } },
  }),
  'markdown.json',
);

/** Every token of `text` (joined lines) whose scopes include one containing `scope`. */
async function tokens(scopeName: string, text: string, scope: string): Promise<string[]> {
  const grammar = await (await load()).loadGrammar(scopeName);
  assert.ok(grammar, scopeName);
  const out: string[] = [];
  let state = tm.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) if (t.scopes.some((s) => s.includes(scope))) out.push(line.slice(t.startIndex, t.endIndex));
    state = r.ruleStack;
  }
  return out;
}

test('numbering markers get one scope per level', async () => {
  const text = '一、总体情况\n（一）园区发展\n1. 重点项目\n（1）道路工程\n①路基；②路面。\n今年重点抓好三件事：一是招商，二是安全，三是民生。';
  assert.deepEqual(await tokens('text.report', text, 'marker.level1'), ['一、']);
  assert.deepEqual(await tokens('text.report', text, 'marker.level2'), ['（一）']);
  assert.deepEqual(await tokens('text.report', text, 'marker.level3'), ['1.']);
  assert.deepEqual(await tokens('text.report', text, 'marker.level4'), ['（1）']);
  assert.deepEqual(await tokens('text.report', text, 'marker.level5'), ['①', '②']);
  assert.deepEqual(await tokens('text.report', text, 'marker.enumeration'), ['一是', '二是', '三是']);
});

test('markers only at the start of a line; decimals are numbers, not markers', async () => {
  const text = '增长3.5个百分点，完成（一）期工程。\n1.5万元用于维修。';
  assert.deepEqual(await tokens('text.report', text, 'marker'), []);
  assert.deepEqual(await tokens('text.report', text, 'constant.numeric.report'), ['3.5', '1.5']);
});

test('placeholders and open numbers stand out', async () => {
  const text = '截至xx月底，完成投资XX亿元，增速*%以上，支出***.**万元。\nx医学院项目、东风xS店暂未开工，共个项目【待补充】，约亩用地，××村。TODO';
  assert.deepEqual(await tokens('text.report', text, 'placeholder'), ['xx', 'XX', '*%', '***.**', 'x', 'x', '【待补充】', '××', 'TODO']);
  assert.deepEqual(await tokens('text.report', text, 'open-number'), ['个', '亩']);
});

test('look-alikes are left alone', async () => {
  const text = '采用x86服务器，开展X光检查，二○○○年实现小康，场地2×3米，Windows X server，共同推进，约定俗成，近期完成。';
  assert.deepEqual(await tokens('text.report', text, 'placeholder'), []);
  assert.deepEqual(await tokens('text.report', text, 'open-number'), []);
});

test('Markdown: markers and placeholders are injected, emphasis and code are not placeholders', async () => {
  const text = '## 一、总体情况\n\n（一）园区发展。要**突出重点**，完成投资xx亿元，增长*%，支出***.**万元。\n\n`xx` 是代码\n```\n一、代码里的 xx\n```';
  assert.deepEqual(await tokens('text.html.markdown', text, 'marker.level1'), ['一、']);
  assert.deepEqual(await tokens('text.html.markdown', text, 'marker.level2'), ['（一）']);
  assert.deepEqual(await tokens('text.html.markdown', text, 'placeholder'), ['xx', '*%', '***.**']);
});
