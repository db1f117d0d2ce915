import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { allRules } from '../../server/src/rules';
import { CAPABILITIES, TestClient } from './helpers/client';

// The numbering structure in the editor: outline and folding of a Markdown report, and the structure rules'
// diagnostics (count-mismatch points at the enumeration through relatedInformation).

const STRUCTURE_RULES = ['numbering-sequence', 'numbering-style', 'count-mismatch'];
const SETTINGS = { rules: Object.fromEntries(allRules.filter((r) => !STRUCTURE_RULES.includes(r.meta.id)).map((r) => [r.meta.id, 'off'])) };

type Sym = { name: string; range: { start: { line: number }; end: { line: number } }; selectionRange: { start: { line: number; character: number } }; children?: Sym[] };

describe('structure over LSP', () => {
  let root: string;
  let client: TestClient;
  before(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'report-lint-structure-'));
    client = await TestClient.start({ root, settings: SETTINGS });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  test('Markdown: headings with and without numbering nest with the numbered paragraphs; folding by section', async () => {
    const uri = client.uri('plan.md');
    const text = ['# 2026年工作计划', '', '## 一、总体要求', '', '（一）指导思想', '', '坚持稳中求进。', '', '## 二、重点任务', '', '1. 抓项目建设', '', '2. 抓民生保障', ''].join('\n');
    await client.open(uri, text, 'markdown');
    const symbols: Sym[] = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (s: Sym): unknown => [s.name, s.range.start.line, s.range.end.line, (s.children ?? []).map(shape)];
    assert.deepEqual(symbols.map(shape), [
      ['2026年工作计划', 0, 12, [
        ['一、总体要求', 2, 6, [['（一）指导思想', 4, 6, []]]],
        ['二、重点任务', 8, 12, [['1.抓项目建设', 10, 10, []], ['2.抓民生保障', 12, 12, []]]],
      ]],
    ]);
    // The selection is the marker and title, inside the section.
    assert.deepEqual(symbols[0].children![0].selectionRange.start, { line: 2, character: 3 });
    const folds: Array<{ startLine: number; endLine: number }> = await client.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(folds.map((f) => [f.startLine, f.endLine]), [[0, 12], [2, 6], [4, 6], [8, 12]]);
    await client.close(uri);
  });

  test('Markdown ATX headings with Chinese numbering (## 一、总体情况) are the outline, for nested and flat clients', async () => {
    const uri = client.uri('summary.md');
    const text = ['## 一、总体情况', '', '今年以来，各项工作稳步推进。', '', '### （一）经济运行', '', '增长较快。', '', '## 二、 存在问题', '', '一是投资放缓。', '', '## 第三部分 下步打算', ''].join('\n');
    await client.open(uri, text, 'markdown');
    const symbols: Sym[] = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    const shape = (s: Sym): unknown => [s.name, s.range.start.line, (s.children ?? []).map(shape)];
    // A space inside the heading does not cut its name (第三部分 下步打算); a space after the marker is not kept
    // (二、 存在问题 is the numbered heading 二、 with the title 存在问题).
    assert.deepEqual(symbols.map(shape), [
      ['一、总体情况', 0, [['（一）经济运行', 4, []]]],
      ['二、存在问题', 8, [['一是投资放缓', 10, []]]],
      ['第三部分 下步打算', 12, []],
    ]);
    assert.deepEqual(symbols[0].selectionRange.start, { line: 0, character: 3 });
    await client.close(uri);

    // A client without hierarchical symbols gets SymbolInformation with the parent as container.
    const flat = await TestClient.start({
      root,
      settings: SETTINGS,
      capabilities: { ...CAPABILITIES, textDocument: { ...CAPABILITIES.textDocument, documentSymbol: { hierarchicalDocumentSymbolSupport: false } } },
    });
    try {
      await flat.open(uri, text, 'markdown');
      const info: Array<{ name: string; containerName?: string; location: { uri: string; range: { start: { line: number } } } }> =
        await flat.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(info.map((i) => [i.name, i.containerName ?? null, i.location.range.start.line, i.location.uri === uri]), [
        ['一、总体情况', null, 0, true],
        ['（一）经济运行', '一、总体情况', 4, true],
        ['二、存在问题', null, 8, true],
        ['一是投资放缓', '二、存在问题', 10, true],
        ['第三部分 下步打算', null, 12, true],
      ]);
    } finally {
      await flat.stop();
    }
  });

  test('diagnostics of the structure rules, with the enumeration as related information', async () => {
    const uri = client.uri('draft.txt');
    const text = '一、明年工作安排\n明年主要做好以下四个方面工作。\n(一)抓项目建设。\n（二）抓民生保障。\n（四）抓生态治理。\n';
    const since = await client.open(uri, text);
    const diags = await client.diagnostics(uri, since);
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]).sort(), [
      ['numbering-sequence', 4, 0],
      ['numbering-style', 2, 0],
    ]);
    await client.close(uri);
    const uri2 = client.uri('count.txt');
    const text2 = '一、明年工作安排\n明年主要做好以下四个方面工作。\n（一）抓项目建设。\n（二）抓民生保障。\n（三）抓生态治理。\n';
    const since2 = await client.open(uri2, text2);
    const [d] = await client.diagnostics(uri2, since2);
    assert.equal(d.code, 'count-mismatch');
    assert.equal(d.range.start.line, 1);
    assert.equal(d.relatedInformation?.length, 1);
    assert.equal(d.relatedInformation![0].location.range.start.line, 2);
    assert.equal(d.relatedInformation![0].location.range.end.line, 4);
    await client.close(uri2);
  });
});
