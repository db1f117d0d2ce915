import * as path from 'node:path';
import { toJson, type FileResult } from '../../core/result';
import type { Diagnostic } from '../../core/types';
import { allRules, ruleDocsUrl } from '../../rules';
import type { FormatOptions } from './index';

/**
 * `--format html`: one self-contained review page (no network, no external scripts or fonts) for reviewers who
 * never open an editor. Summary (documents, findings by rule and severity as a bar chart, a "ready to send"
 * verdict per document), then every document with its text and each finding highlighted in place, its message
 * on hover and in a margin list, fixes as 原文 → 建议. Filters by rule and severity; jump between findings.
 * The findings are exactly those of `--format json` (the page embeds that JSON and builds nothing else).
 */

const SEV_NAME = { error: '错误', warn: '警告', info: '提示' } as const;
const SEV_ORDER = ['error', 'warn', 'info'] as const;

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function ruleTitle(id: string): string {
  return allRules.find((r) => r.meta.id === id)?.meta.title ?? id;
}

/** The correction a finding proposes, as 原文 → 建议 (fix first, else suggestions). */
export function proposal(text: string, d: Diagnostic): string | undefined {
  const fixes = d.fix ? [d.fix] : (d.suggestions ?? []).map((s) => s.fix);
  if (!fixes.length) return undefined;
  const lo = Math.min(d.range[0], ...fixes.map((f) => f.range[0]));
  const hi = Math.max(d.range[1], ...fixes.map((f) => f.range[1]));
  const before = text.slice(lo, hi);
  const after = fixes
    .slice(0, 3)
    .map((f) => text.slice(lo, f.range[0]) + f.text + text.slice(f.range[1], hi));
  // A long replacement (a renumbered run) is described, not printed.
  if (before.length > 40 || after.some((a) => a.length > 40)) {
    return d.fix ? undefined : (d.suggestions ?? []).slice(0, 3).map((s) => s.desc).join(' / ');
  }
  return `${before || '∅'} → ${after.map((a) => a || '（删除）').join(' / ')}`;
}

/** Splits the text at every finding boundary and wraps covered pieces in <mark>. */
function renderText(text: string, diags: Diagnostic[], docIndex: number): string {
  const cuts = new Set<number>([0, text.length]);
  diags.forEach((d) => {
    cuts.add(d.range[0]);
    cuts.add(d.range[1]);
  });
  const points = [...cuts].sort((a, b) => a - b);
  const out: string[] = [];
  // Zero-length findings (an insertion point) get a caret marker.
  const zero = new Map<number, number[]>();
  diags.forEach((d, i) => {
    if (d.range[0] === d.range[1]) {
      const list = zero.get(d.range[0]) ?? [];
      list.push(i);
      zero.set(d.range[0], list);
    }
  });
  for (let k = 0; k < points.length - 1 || (k === points.length - 1 && zero.has(points[k])); k++) {
    const s = points[k];
    for (const i of zero.get(s) ?? []) {
      const d = diags[i];
      out.push(`<mark class="m z s-${d.severity}" data-f="${docIndex}-${i}" data-r="${d.ruleId}" data-s="${d.severity}" title="${esc(d.message)}">‸</mark>`);
    }
    if (k === points.length - 1) break;
    const e = points[k + 1];
    const piece = esc(text.slice(s, e));
    const covering = diags.map((d, i) => ({ d, i })).filter(({ d }) => d.range[0] <= s && d.range[1] >= e && d.range[0] < d.range[1]);
    if (!covering.length) {
      out.push(piece);
      continue;
    }
    const top = SEV_ORDER.find((sev) => covering.some((c) => c.d.severity === sev))!;
    const ids = covering.map((c) => `${docIndex}-${c.i}`).join(' ');
    const rules = [...new Set(covering.map((c) => c.d.ruleId))].join(' ');
    const sevs = [...new Set(covering.map((c) => c.d.severity))].join(' ');
    const title = covering.map((c) => `[${c.d.ruleId}] ${c.d.message}`).join('\n');
    out.push(`<mark class="m s-${top}" data-f="${ids}" data-r="${rules}" data-s="${sevs}" title="${esc(title)}">${piece}</mark>`);
  }
  return out.join('');
}

export function html(results: FileResult[], opts: FormatOptions): string {
  const json = results.map(toJson);
  const ruleCounts = new Map<string, Record<'error' | 'warn' | 'info', number>>();
  let totalFindings = 0;
  let ready = 0;
  const docs = results.map((r, di) => {
    const name = path.relative(opts.cwd, r.filePath) || r.filePath;
    const open = r.diagnostics.filter((d) => d.open).length;
    const isReady = !r.error && !r.skipped && open === 0;
    if (isReady) ready++;
    for (const d of r.diagnostics) {
      const c = ruleCounts.get(d.ruleId) ?? { error: 0, warn: 0, info: 0 };
      c[d.severity]++;
      ruleCounts.set(d.ruleId, c);
      totalFindings++;
    }
    return { r, di, name, open, isReady };
  });
  const maxRule = Math.max(1, ...[...ruleCounts.values()].map((c) => c.error + c.warn + c.info));
  const bars = [...ruleCounts.entries()]
    .sort((a, b) => b[1].error + b[1].warn + b[1].info - (a[1].error + a[1].warn + a[1].info))
    .map(([id, c]) => {
      const n = c.error + c.warn + c.info;
      const segs = SEV_ORDER.filter((s) => c[s])
        .map((s) => `<span class="seg s-${s}" style="width:${((c[s] / maxRule) * 100).toFixed(2)}%" title="${SEV_NAME[s]} ${c[s]}"></span>`)
        .join('');
      return `<div class="bar-row"><a class="bar-label" href="${esc(ruleDocsUrl(id))}">${esc(ruleTitle(id))} <code>${esc(id)}</code></a><div class="bar">${segs}</div><span class="bar-n">${n}</span></div>`;
    })
    .join('');
  const sevTotals = SEV_ORDER.map((s) => [s, results.reduce((a, r) => a + r.diagnostics.filter((d) => d.severity === s).length, 0)] as const);

  const summaryRows = docs
    .map(({ r, di, name, open, isReady }) => {
      const verdict = r.error ? `<span class="v v-bad">无法检查</span>` : r.skipped ? `<span class="v">已跳过</span>` : isReady ? `<span class="v v-ok">可以发出</span>` : `<span class="v v-bad">待填 ${open} 处</span>`;
      const counts = SEV_ORDER.map((s) => r.diagnostics.filter((d) => d.severity === s).length);
      return `<tr><td><a href="#doc-${di}">${esc(name)}</a></td><td>${verdict}</td><td class="n">${counts[0]}</td><td class="n">${counts[1]}</td><td class="n">${counts[2]}</td></tr>`;
    })
    .join('');

  const docSections = docs
    .map(({ r, di, name, open, isReady }) => {
      if (r.error || r.skipped || !r.doc) {
        return `<section class="doc" id="doc-${di}"><h2>${esc(name)}</h2><p class="err">${esc(r.error ?? r.skipped ?? '')}</p></section>`;
      }
      const text = r.doc.text;
      const items = r.diagnostics
        .map((d, i) => {
          const p = r.doc!.positionAt(d.range[0]);
          const prop = proposal(text, d);
          return `<li class="f s-${d.severity}" id="f-${di}-${i}" data-f="${di}-${i}" data-r="${d.ruleId}" data-s="${d.severity}"><a href="#" class="go" data-target="${di}-${i}">${p.line + 1}:${p.character + 1}</a> <span class="sev">${SEV_NAME[d.severity]}</span> <span class="msg">${esc(d.message)}</span>${prop ? `<div class="fix">${esc(prop)}</div>` : ''} <code class="rid">${esc(d.ruleId)}</code></li>`;
        })
        .join('');
      return `<section class="doc" id="doc-${di}"><h2>${esc(name)} ${isReady ? '<span class="v v-ok">可以发出</span>' : `<span class="v v-bad">待填 ${open} 处</span>`}</h2>
<div class="cols"><div class="text">${renderText(text, r.diagnostics, di)}</div><ol class="list">${items || '<li class="none">未发现问题</li>'}</ol></div></section>`;
    })
    .join('\n');

  const rulesFilter = [...ruleCounts.keys()]
    .sort()
    .map((id) => `<label><input type="checkbox" class="fr" value="${esc(id)}" checked> ${esc(ruleTitle(id))}</label>`)
    .join('');
  const sevFilter = SEV_ORDER.map((s) => `<label><input type="checkbox" class="fs" value="${s}" checked> ${SEV_NAME[s]}</label>`).join('');

  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>报告审校结果 · report-lint</title>
<style>${CSS}</style></head>
<body>
<header><h1>报告审校结果</h1><p class="meta">检查了 ${results.length} 个文档，发现 ${totalFindings} 个问题（${sevTotals.map(([s, n]) => `${SEV_NAME[s]} ${n}`).join('，')}）；${ready} 个可以发出。</p></header>
<section class="summary" id="summary">
<h2>各规则的问题数</h2><div class="bars">${bars || '<p>未发现问题。</p>'}</div>
<h2>文档</h2><table class="docs"><thead><tr><th>文档</th><th>结论</th><th>错误</th><th>警告</th><th>提示</th></tr></thead><tbody>${summaryRows}</tbody></table>
</section>
<nav class="filters" aria-label="筛选"><span>规则：</span>${rulesFilter}<span>级别：</span>${sevFilter}
<button type="button" id="prev">上一处</button><button type="button" id="next">下一处</button></nav>
<main>${docSections}</main>
<script type="application/json" id="report-data">${JSON.stringify(json).replace(/</g, '\\u003c')}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

const CSS = `
:root{--err:#c62828;--warn:#e0a100;--info:#1e6fd9;--bg:#fff;--fg:#1f2328;--mut:#6a737d}
*{box-sizing:border-box}body{margin:0;font:15px/1.7 "Microsoft YaHei","PingFang SC","WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;color:var(--fg);background:var(--bg)}
header,.summary,main,.filters{padding:0 24px}h1{font-size:22px;margin:16px 0 4px}.meta{color:var(--mut);margin:0 0 8px}
h2{font-size:17px;margin:18px 0 8px}
.bars{max-width:760px}.bar-row{display:flex;align-items:center;gap:8px;margin:3px 0}.bar-label{width:230px;flex:none;color:inherit;text-decoration:none;font-size:13px}
.bar{flex:1;display:flex;height:14px;background:#f0f0f0;border-radius:3px;overflow:hidden}.seg{display:block;height:100%}.seg.s-error{background:var(--err)}.seg.s-warn{background:var(--warn)}.seg.s-info{background:var(--info)}.bar-n{width:40px;text-align:right;font-size:13px}
table.docs{border-collapse:collapse;font-size:14px;max-width:100%}table.docs th,table.docs td{border-bottom:1px solid #e5e5e5;padding:4px 10px;text-align:left}td.n{text-align:right}
.v{font-size:12px;padding:1px 8px;border-radius:10px;background:#eee;white-space:nowrap}.v-ok{background:#e3f4e6;color:#1b7b34}.v-bad{background:#fdecea;color:var(--err)}
.filters{position:sticky;top:0;background:#fafbfc;border-bottom:1px solid #e5e5e5;padding-top:6px;padding-bottom:6px;z-index:2;display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:13px}
.filters button{font:inherit;padding:2px 10px}
.doc{border-top:2px solid #e5e5e5;margin-top:16px;content-visibility:auto;contain-intrinsic-size:auto 800px}
.cols{display:flex;gap:20px;align-items:flex-start}.text{flex:3;white-space:pre-wrap;word-break:break-all;min-width:0}.list{flex:2;font-size:13px;padding-left:20px;margin:0;position:sticky;top:44px;max-height:80vh;overflow:auto;min-width:0}
.list li{margin:0 0 6px}.list li.none{list-style:none}.list .fix{color:#1b7b34}.list .rid{color:var(--mut);font-size:11px}.list .sev{font-size:11px;padding:0 4px;border-radius:3px;color:#fff}
li.s-error .sev{background:var(--err)}li.s-warn .sev{background:var(--warn)}li.s-info .sev{background:var(--info)}
mark.m{background:none;border-bottom:2px solid;padding:0;color:inherit}mark.s-error{border-color:var(--err);background:#fdecea}mark.s-warn{border-color:var(--warn);background:#fff6d6}mark.s-info{border-color:var(--info);background:#e8f1fd}
mark.z{border:none;background:none;color:var(--err);font-weight:bold}
mark.off,li.off{display:none}mark.m.off{display:inline;background:none;border-color:transparent}mark.z.off{display:none}
.cur{outline:2px solid #7048e8;outline-offset:1px}.err{color:var(--err)}
@media (max-width:760px){.cols{flex-direction:column}.list{position:static;max-height:none}.bar-label{width:120px}header,.summary,main,.filters{padding:0 10px}}
@media print{.filters{display:none}.doc{content-visibility:visible;break-before:page}.list{position:static;max-height:none;overflow:visible}a{color:inherit;text-decoration:none}mark.m{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

const SCRIPT = `
(function(){
  var rules=document.querySelectorAll('input.fr'),sevs=document.querySelectorAll('input.fs');
  function on(list){var s={};list.forEach(function(i){if(i.checked)s[i.value]=1});return s}
  function apply(){var r=on(rules),s=on(sevs);
    document.querySelectorAll('[data-r]').forEach(function(el){
      var ok=el.getAttribute('data-r').split(' ').some(function(x){return r[x]})&&el.getAttribute('data-s').split(' ').some(function(x){return s[x]});
      el.classList.toggle('off',!ok)});}
  rules.forEach(function(i){i.addEventListener('change',apply)});sevs.forEach(function(i){i.addEventListener('change',apply)});
  var cur=-1;
  function visible(){return Array.prototype.filter.call(document.querySelectorAll('li.f'),function(li){return !li.classList.contains('off')})}
  function show(id){document.querySelectorAll('.cur').forEach(function(e){e.classList.remove('cur')});
    var li=document.getElementById('f-'+id);if(li)li.classList.add('cur');
    var m=document.querySelector('mark[data-f~="'+id+'"]');if(m){m.classList.add('cur');m.scrollIntoView({block:'center'});}
    else if(li)li.scrollIntoView({block:'center'});}
  function step(d){var v=visible();if(!v.length)return;cur=(cur+d+v.length)%v.length;show(v[cur].getAttribute('data-f'));}
  document.getElementById('next').addEventListener('click',function(){step(1)});
  document.getElementById('prev').addEventListener('click',function(){step(-1)});
  document.addEventListener('keydown',function(e){if(e.target.tagName==='INPUT')return;if(e.key==='j'||e.key==='n')step(1);if(e.key==='k'||e.key==='p')step(-1);});
  document.querySelectorAll('a.go').forEach(function(a){a.addEventListener('click',function(e){e.preventDefault();var id=a.getAttribute('data-target');var v=visible();cur=v.findIndex(function(li){return li.getAttribute('data-f')===id});show(id);})});
  document.querySelectorAll('mark.m').forEach(function(m){m.addEventListener('click',function(){var id=m.getAttribute('data-f').split(' ')[0];var li=document.getElementById('f-'+id);if(li){li.scrollIntoView({block:'nearest'});document.querySelectorAll('.cur').forEach(function(e){e.classList.remove('cur')});li.classList.add('cur');}})});
})();
`;
