import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser, type Element, type Node } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { readDocx } from '../../server/src/core/docx';
import { applyFixes } from '../../server/src/core/fix';
import { makeDocx, numbering, p, W } from '../helpers/docx';
import { assertNoStack, runBin, tempDir } from './helpers';

const NUMBERING = numbering([[['chineseCounting', '%1、'], ['decimal', '%2、']]]);
const HEADER = p('XX县人民政府办公室');

function draft(): Uint8Array {
  const body = [
    p('2024年工作总结'),
    p('工作完成情况', { numId: 1, ilvl: 0 }),
    // One finding spans two runs; the comma fix sits at a run edge.
    p(['截至xx月底,全县开工项目', 'xx个,完成投资***.*万元。']),
    // Word's own list label "1、" is non-standard: the finding lies in the label, anchored to the paragraph.
    p('重点项目建设', { numId: 1, ilvl: 1 }),
    p(['园区新建标准化厂房5500', '平米,补水3900万方。'], { raw: '<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"/></w:drawing></w:r>' }),
    `<w:tbl><w:tr><w:tc>${p('指标')}</w:tc><w:tc>${p('完成XX%')}</w:tc></w:tr></w:tbl>`,
    p('各项工作有序推进。'),
  ].join('');
  return makeDocx({ body, numbering: NUMBERING, headers: [HEADER], extra: { 'word/media/image1.png': new Uint8Array([137, 80, 78, 71, 1, 2, 3]) } });
}

interface JsonFile {
  filePath: string;
  output?: string;
  messages: Array<{ ruleId: string; message: string; offset: number; length: number; fix?: { range: [number, number]; text: string } }>;
}

/** Text covered by each comment id, in document order (w:t only, tracked deletions included). */
function commentedText(xml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const open = new Set<string>();
  const out = new Map<string, string>();
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      const id = e.getAttribute('w:id') ?? '';
      if (e.localName === 'commentRangeStart') (open.add(id), out.set(id, ''));
      else if (e.localName === 'commentRangeEnd') open.delete(id);
      else if (e.localName === 't' || e.localName === 'delText') for (const o of open) out.set(o, out.get(o)! + (e.textContent ?? ''));
      else walk(e);
    }
  };
  walk(doc.documentElement!);
  return out;
}

function commentsOf(xml: string): Array<{ id: string; author: string; text: string }> {
  const doc = new DOMParser().parseFromString(xml, 'text/xml');
  const list = doc.getElementsByTagName('w:comment');
  return Array.from({ length: list.length }, (_, i) => list[i] as unknown as Element).map((c) => ({
    id: c.getAttribute('w:id')!,
    author: c.getAttribute('w:author')!,
    text: Array.from({ length: c.getElementsByTagName('w:t').length }, (_, k) => c.getElementsByTagName('w:t')[k].textContent).join('\n'),
  }));
}

const CHANGED = new Set(['word/document.xml', 'word/comments.xml', 'word/_rels/document.xml.rels', '[Content_Types].xml']);

test('--annotate writes a copy with one Word comment per finding, exactly those of --format json', () => {
  const dir = tempDir();
  const original = draft();
  fs.writeFileSync(path.join(dir, '总结.docx'), original);
  const r = runBin(['--annotate', 'reviewed', '--format', 'json', '总结.docx'], { cwd: dir });
  assertNoStack(r.stdout + r.stderr);
  const json = JSON.parse(r.stdout) as JsonFile[];
  const msgs = json[0].messages;
  assert.ok(msgs.length >= 8, `expected the draft's findings, got ${msgs.length}`);
  assert.match(r.stderr, /已写入审阅副本 reviewed\/总结\.docx（\d+ 条批注）/);
  // The original is untouched.
  assert.deepEqual(new Uint8Array(fs.readFileSync(path.join(dir, '总结.docx'))), original);
  const copy = new Uint8Array(fs.readFileSync(path.join(dir, 'reviewed', '总结.docx')));
  const a = unzipSync(copy);
  const o = unzipSync(original);
  // Every part but the four that carry comments keeps its bytes (styles, numbering, headers, media).
  for (const name of Object.keys(o)) if (!CHANGED.has(name)) assert.deepEqual(a[name], o[name], `${name} changed`);
  // Comments: author report-lint, the message of each finding, in order.
  const comments = commentsOf(strFromU8(a['word/comments.xml']));
  assert.equal(comments.length, msgs.length);
  comments.forEach((c, i) => {
    assert.equal(c.author, 'report-lint');
    assert.ok(c.text.includes(msgs[i].message), `comment ${i}: ${c.text}`);
  });
  assert.ok(comments.some((c) => /建议：平米 → 平方米/.test(c.text)), 'the proposed correction is in the comment');
  // Anchors: a body finding covers exactly its text; the one in Word's list label covers the whole paragraph.
  const docXml = strFromU8(a['word/document.xml']);
  const covered = commentedText(docXml);
  const text = readDocx(original).text;
  msgs.forEach((m, i) => {
    const c = covered.get(comments[i].id);
    assert.ok(c !== undefined, `comment ${i} is anchored`);
    const flagged = text.slice(m.offset, m.offset + m.length);
    const para = readDocx(original).paragraphs.find((pp) => m.offset >= pp.start && m.offset <= pp.end)!;
    if (para.kind === 'header') assert.match(comments[i].text, /页眉/);
    else if (m.offset < para.start + para.labelLength) assert.equal(c, text.slice(para.start + para.labelLength, para.end));
    else if (m.length) assert.equal(c, flagged, `comment ${i} (${m.message})`);
  });
  assert.equal((docXml.match(/commentReference/g) ?? []).length, msgs.length);
  // Reading the copy gives the same text: comments change no words.
  assert.equal(readDocx(copy).text, text);
});

test('--annotate-mode revisions: safe fixes become tracked changes; accepting them all gives the fixed text', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '总结.docx'), draft());
  const r = runBin(['--annotate', 'out', '--annotate-mode', 'revisions', '--format', 'json', '总结.docx'], { cwd: dir });
  assertNoStack(r.stdout + r.stderr);
  assert.match(r.stderr, /\d+ 条批注，[1-9]\d* 处修订/);
  const json = JSON.parse(r.stdout) as JsonFile[];
  const original = readDocx(draft());
  // Fixes inside Word's list labels (1、 → 1.) cannot be tracked changes of the text: those stay comments.
  const inLabel = (at: number) => original.paragraphs.some((pp) => at >= pp.start && at < pp.start + pp.labelLength);
  const fixes = json[0].messages.filter((m) => m.fix && !inLabel(m.fix.range[0])).map((m) => m.fix!);
  const copy = new Uint8Array(fs.readFileSync(path.join(dir, 'out', '总结.docx')));
  const xml = strFromU8(unzipSync(copy)['word/document.xml']);
  assert.match(xml, /<w:del w:id="\d+" w:author="report-lint"/);
  assert.match(xml, /<w:ins w:id="\d+" w:author="report-lint"/);
  // The reader reads a document as if every revision were accepted: that is the text with every safe fix.
  assert.ok(fixes.length >= 3, 'the draft has safe fixes');
  assert.equal(readDocx(copy).text, applyFixes(original.text, fixes).output);
});

test('--annotate never overwrites its source, and a corrupt .docx is reported by name', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.docx'), draft());
  fs.writeFileSync(path.join(dir, 'bad.docx'), 'not a zip');
  const same = runBin(['--annotate', '.', 'a.docx'], { cwd: dir });
  assertNoStack(same.stdout + same.stderr);
  assert.equal(same.code, 2);
  assert.match(same.stderr, /不会覆盖原文件/);
  const bad = runBin(['--annotate', 'out', '.'], { cwd: dir });
  assertNoStack(bad.stdout + bad.stderr);
  assert.equal(bad.code, 2);
  assert.ok(fs.existsSync(path.join(dir, 'out', 'a.docx')), 'the good file still gets its copy');
  assert.ok(!fs.existsSync(path.join(dir, 'out', 'bad.docx')));
});

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((f) => fs.existsSync(f));

test('LibreOffice opens the annotated copy without repair: text intact, every comment present', { skip: !SOFFICE && !process.env.CI ? 'LibreOffice not installed' : false, timeout: 300_000 }, () => {
  assert.ok(SOFFICE, 'LibreOffice (libreoffice-writer-nogui) is required in CI');
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, '总结.docx'), draft());
  const r = runBin(['--annotate', 'out', '--annotate-mode', 'revisions', '--format', 'json', '总结.docx'], { cwd: dir });
  const n = (JSON.parse(r.stdout) as JsonFile[])[0].messages.length;
  const profile = `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`;
  const convert = (to: string) => {
    const c = spawnSync(SOFFICE!, [profile, '--headless', '--convert-to', to, '--outdir', path.join(dir, 'conv'), path.join(dir, 'out', '总结.docx')], { encoding: 'utf8', timeout: 180_000 });
    assert.equal(c.status, 0, c.stderr);
  };
  convert('odt');
  const content = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(path.join(dir, 'conv', '总结.odt'))))['content.xml']);
  assert.equal((content.match(/<office:annotation[ >]/g) ?? []).length, n, 'every comment survives');
  assert.match(content, /report-lint/);
  assert.match(content, /<text:changed-region/, 'tracked changes are read as changes');
  convert('pdf');
  const pdf = path.join(dir, 'conv', '总结.pdf');
  assert.ok(fs.statSync(pdf).size > 1000);
  const txt = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
  if (txt.status === 0) assert.match(txt.stdout.replace(/\s+/g, ''), /全县开工项目/);
  const artifacts = path.resolve(__dirname, '../../test-artifacts');
  fs.mkdirSync(artifacts, { recursive: true });
  fs.copyFileSync(pdf, path.join(artifacts, 'annotated-revisions.pdf'));
});
