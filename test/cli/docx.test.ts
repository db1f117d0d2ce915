import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { DocxError, formatNumber, readDocx } from '../../server/src/core/docx';
import { makeDocx, numbering, p, W } from '../helpers/docx';
import { assertNoStack, runBin, tempDir } from './helpers';

const STYLES = `<w:styles ${W}>
  <w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>
</w:styles>`;
const NUMBERING = numbering([
  [['chineseCounting', '%1、'], ['chineseCounting', '（%2）'], ['decimal', '%3.'], ['decimal', '（%4）'], ['decimalEnclosedCircle', '%5']],
  [['bullet', '•']],
  [['decimal', '%1.%2'], ['decimal', '%1.%2']],
]);

test('paragraphs, Word list numbering from numbering.xml (direct and via styles), tables, footnotes, headers', () => {
  const body = [
    p('2024年工作总结', { style: 'a' }),
    p('总体情况', { style: '1' }),
    p('经济运行', { style: '2' }),
    p('完成投资', { numId: 1, ilvl: 2 }),
    p('其中工业', { numId: 1, ilvl: 3 }),
    p('细项', { numId: 1, ilvl: 4 }),
    p('项目建设', { numId: 1, ilvl: 2 }),
    p('重点工作', { style: '1' }),
    p('第一项', { numId: 1, ilvl: 1 }),
    p('要点', { numId: 2 }),
    p(''),
    `<w:tbl><w:tr><w:tc>${p('指标')}</w:tc><w:tc>${p('截至xx月底')}</w:tc></w:tr><w:tr><w:tc>${p('投资')}</w:tc><w:tc>${p(['12', '亿元'])}</w:tc></w:tr></w:tbl>`,
    p(['带', '\t', '制表符'], { raw: '<w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:br/><w:t>换行</w:t></w:r><w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>插入的</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>' }),
  ].join('');
  const footnotes = `<w:footnotes ${W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1">${p('数据来源：统计局')}</w:footnote></w:footnotes>`;
  const header = p('某某县人民政府');
  const docx = readDocx(makeDocx({ body, styles: STYLES, numbering: NUMBERING, footnotes, headers: [header, header, p('')] }));
  const lines = docx.text.split('\n');
  assert.deepEqual(lines, [
    '2024年工作总结',
    '一、总体情况',
    '（一）经济运行',
    '1.完成投资',
    '（1）其中工业',
    '①细项',
    '2.项目建设',
    '二、重点工作',
    '（一）第一项',
    '要点',
    '',
    '指标',
    '截至xx月底',
    '投资',
    '12亿元',
    '带\t制表符 换行插入的',
    '数据来源：统计局',
    '某某县人民政府',
  ]);
  assert.equal(docx.paragraphs.length, lines.length);
  for (const [i, para] of docx.paragraphs.entries()) {
    assert.equal(docx.text.slice(para.start, para.end), lines[i]);
  }
  assert.deepEqual(docx.paragraphs.map((x) => x.kind), [...Array(11).fill('body'), 'table', 'table', 'table', 'table', 'body', 'footnote', 'header']);
  assert.equal(docx.paragraphs[1].styleName, 'heading 1');
  assert.equal(docx.paragraphs[1].labelLength, 2);
  assert.equal(docx.paragraphs[0].labelLength, 0);
  assert.equal(docx.paragraphs[3].styleName, 'Normal');
  // Anchors: the index of each <w:p> in its part.
  assert.deepEqual(docx.paragraphs.slice(0, 3).map((x) => [x.part, x.index]), [['word/document.xml', 0], ['word/document.xml', 1], ['word/document.xml', 2]]);
  assert.equal(docx.paragraphs[11].index, 11);
  assert.deepEqual([docx.paragraphs[16].part, docx.paragraphs[16].index], ['word/footnotes.xml', 1]);
  assert.equal(docx.paragraphs[17].part, 'word/header1.xml');
});

test('numbering: start values, overrides restarting a list, lvlRestart, isLgl-style multi-level text', () => {
  const numberingXml = `<w:numbering ${W}>
    <w:abstractNum w:abstractNumId="0">
      <w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>
    </w:abstractNum>
    <w:abstractNum w:abstractNumId="1">
      <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1章"/></w:lvl>
      <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlRestart w:val="0"/><w:lvlText w:val="%2）"/></w:lvl>
    </w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
    <w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
  </w:numbering>`;
  const body = [
    p('甲', { numId: 1 }),
    p('甲一', { numId: 1, ilvl: 1 }),
    p('甲二', { numId: 1, ilvl: 1 }),
    p('乙', { numId: 1 }),
    p('乙一', { numId: 1, ilvl: 1 }),
    p('重来', { numId: 2 }),
    p('章', { numId: 3 }),
    p('条', { numId: 3, ilvl: 1 }),
    p('章', { numId: 3 }),
    p('条', { numId: 3, ilvl: 1 }),
    p('无编号', { numId: 0 }),
    // A nested list written as two restarted instances of one definition (as pandoc and others write them).
    p('外一', { numId: 4 }),
    p('外二', { numId: 4 }),
    p('内一', { numId: 5, ilvl: 1 }),
    p('内二', { numId: 5, ilvl: 1 }),
    p('外三', { numId: 4 }),
  ].join('');
  assert.deepEqual(readDocx(makeDocx({ body, numbering: numberingXml })).text.split('\n'), [
    '3.甲',
    '3.1甲一',
    '3.2甲二',
    '4.乙',
    '4.1乙一',
    '1.重来',
    '第一章章',
    '1）条',
    '第二章章',
    '2）条',
    '无编号',
    '1.外一',
    '2.外二',
    '1.1内一',
    '1.2内二',
    '3.外三',
  ]);
});

test('formatNumber: Word number formats used in Chinese reports', () => {
  assert.deepEqual([1, 2, 10, 11, 20, 21, 99, 100, 105, 110].map((n) => formatNumber(n, 'chineseCounting')), ['一', '二', '十', '十一', '二十', '二十一', '九十九', '一百', '一百零五', '一百一十']);
  assert.equal(formatNumber(3, 'ideographTraditional'), '丙');
  assert.equal(formatNumber(20, 'decimalEnclosedCircle'), '⑳');
  assert.equal(formatNumber(21, 'decimalEnclosedCircle'), '21');
  assert.equal(formatNumber(12, 'decimalFullWidth'), '１２');
  assert.equal(formatNumber(28, 'lowerLetter'), 'bb');
  assert.equal(formatNumber(14, 'upperRoman'), 'XIV');
  assert.equal(formatNumber(3, 'chineseLegalSimplified'), '叁');
  assert.equal(formatNumber(7, 'something-new'), '7');
});

test('corrupt input: clear DocxError messages, never another exception', () => {
  const cases: Array<[Uint8Array, RegExp]> = [
    [strToU8('not a zip at all'), /无法解压/],
    [new Uint8Array(0), /无法解压/],
    [zipSync({ 'hello.txt': strToU8('x') }), /缺少 word\/document\.xml/],
    [zipSync({ 'word/document.xml': strToU8('<w:document><w:body><w:p>') }), /不是有效的 XML/],
    [zipSync({ 'word/document.xml': strToU8(`<w:document ${W}></w:document>`) }), /没有正文/],
    [zipSync({ 'word/document.xml': new Uint8Array([0x3c, 0xff, 0xfe, 0x00]) }), /不是 UTF-8/],
  ];
  const good = makeDocx({ body: p('正文') });
  cases.push([good.subarray(0, Math.floor(good.length / 2)), /无法解压/]);
  for (const [bytes, msg] of cases) {
    assert.throws(() => readDocx(bytes), (e: unknown) => e instanceof DocxError && msg.test((e as Error).message));
  }
});

test('XML entities are not expanded from outside (no external fetch, no file read)', () => {
  const body = p('正文');
  const bytes = zipSync({
    'word/document.xml': strToU8(`<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document ${W}><w:body>${body}<w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>`),
  });
  let text = '';
  try {
    text = readDocx(bytes).text;
  } catch (e) {
    assert.ok(e instanceof DocxError);
  }
  assert.doesNotMatch(text, /root:/);
});

test('CLI: .docx files are found in folders, findings carry paragraph numbers, the file is never written', () => {
  const dir = tempDir();
  const bytes = makeDocx({ body: [p('总体情况', { numId: 1 }), p('截至xx月底，完成投资。'), p('今年,园区运行平稳。')].join(''), numbering: NUMBERING });
  const file = path.join(dir, '报告.docx');
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(path.join(dir, 'a.txt'), '正文。\n');
  const r = runBin(['--format', 'json'], { cwd: dir });
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json.map((f: { filePath: string }) => path.basename(f.filePath)), ['a.txt', '报告.docx']);
  const m = json[1].messages.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
  assert.equal(m.line, 2, 'line is the paragraph number');
  assert.equal(m.column, 3);
  assert.equal(m.offset, '一、总体情况\n'.length + 2, 'offset counts into the paragraphs joined by \\n');
  const stylish = runBin(['报告.docx'], { cwd: dir });
  assert.match(stylish.stdout, /报告\.docx\n {2}¶2:3 +警告 +占位符“xx”/);
  assert.match(stylish.stdout, /截至【xx】月底/, 'an excerpt around the finding');
  if (json[1].messages.some((x: { fix?: unknown }) => x.fix)) assert.doesNotMatch(stylish.stdout, /可用 --fix/, 'a .docx is never fixed, so no fix is offered');
  runBin(['--fix', '报告.docx'], { cwd: dir });
  assert.deepEqual(new Uint8Array(fs.readFileSync(file)), bytes, '--fix never writes a .docx');
});

test('CLI: a corrupt .docx is reported by name (exit 2), the other files are still checked', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'broken.docx'), 'PK\u0003\u0004 this is not really a zip');
  fs.writeFileSync(path.join(dir, 'a.txt'), '截至xx月底。\n');
  const r = runBin(['--format', 'json'], { cwd: dir });
  assert.equal(r.code, 2);
  assertNoStack(r.stdout + r.stderr);
  const json = JSON.parse(r.stdout);
  const broken = json.find((f: { filePath: string }) => f.filePath.endsWith('broken.docx'));
  assert.match(broken.messages[0].message, /不是有效的 Word 文档/);
  assert.equal(json.find((f: { filePath: string }) => f.filePath.endsWith('a.txt')).warningCount, 1);
  const s = runBin([], { cwd: dir });
  assert.match(s.stdout, /broken\.docx\n {2}错误 {2}不是有效的 Word 文档（\.docx）：无法解压/);
});

test('mutated .docx bytes: readDocx returns text or throws DocxError, nothing else', () => {
  const good = makeDocx({ body: [p('总体情况', { numId: 1 }), p('截至xx月底，完成投资。'), p('二是', { numId: 1, ilvl: 1 })].join(''), numbering: NUMBERING, styles: STYLES });
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  let parsed = 0;
  for (let i = 0; i < 400; i++) {
    const bytes = Uint8Array.from(good);
    const flips = 1 + Math.floor(rand() * 8);
    for (let k = 0; k < flips; k++) bytes[Math.floor(rand() * bytes.length)] = Math.floor(rand() * 256);
    const cut = rand() < 0.2 ? bytes.subarray(0, Math.floor(rand() * bytes.length)) : bytes;
    try {
      readDocx(cut);
      parsed++;
    } catch (e) {
      assert.ok(e instanceof DocxError, `#${i}: ${(e as Error)?.stack}`);
    }
  }
  assert.ok(parsed < 400);
});

test('CLI: a .docx on standard input with --stdin-filename NAME.docx', () => {
  const dir = tempDir();
  const bytes = makeDocx({ body: [p('总体情况'), p('截至xx月底，完成投资。')].join('') });
  const r = runBin(['--stdin', '--stdin-filename', '报告.docx', '--format', 'json'], { cwd: dir, input: Buffer.from(bytes) });
  assert.equal(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout)[0].messages.find((x: { ruleId: string }) => x.ruleId === 'placeholder');
  assert.deepEqual([m.line, m.column], [2, 3]);
  const bad = runBin(['--stdin', '--stdin-filename', 'x.docx'], { cwd: dir, input: 'not a zip' });
  assert.equal(bad.code, 2);
  assert.match(bad.stdout, /不是有效的 Word 文档/);
});
