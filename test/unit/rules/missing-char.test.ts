import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { missingChar, scoreInsertions, insertionGain, scoreOf, DEFAULT_PARAMS, NAME_LIKE, STANDALONE, SUFFIX, SYNONYM, TERSE_LIST } from '../../../server/src/rules/missing-char';
import { getLanguageModel } from '../../../server/src/core/lm';
import { segment } from '../../../server/src/core/segmenter';
import { ReportDocument } from '../../../server/src/core/document';
import { lint } from '../../../server/src/core/runner';
import { ParagraphCache } from '../../../server/src/core/paragraph-cache';

// Our own sentences, in the style of local work reports.
ruleTester(missingChar, {
  valid: [
    // 条线 (a line of work in government jargon) is in the report vocabulary: 各|条线, not 各条|线
    '工业、商贸、农业各条线都要抓好项目储备。',
    // a one-character function word is no word cut short: 应 says what 应当 says
    '项目资金应专款专用，不得挪作他用。',
    '相关记录应至少保存三年。',
    // spaced-out headings: a character set apart by spaces is typography, not a word cut short
    '第一节 审 验',
    // a list of one-character items runs into the longer last one (冰 is the last item, not 冰雪 cut short)
    '及时发布雾、雨、雪、冰等恶劣天气预警信息。',
    // standard short forms of current report language (scripts/data/policy-terms.txt)
    '经县政府常务会研究，同意该实施方案。',
    '全年争取专项债资金2.3亿元，支持基础设施建设。',
    '有序做好新冠病毒感染患者救治工作。',
    '药品集采和带量采购惠及群众8万人次。',
    // local forms of a national slogan (依法治国)
    '全面推进依法治县，做到严格执法、公正司法。',
    // a word with an alternative in brackets (开工 and 复工): 工 is no orphan, even where 工程项目 is written elsewhere
    '全县开（复）工项目45个。\n重点工程项目进展顺利。',
    '深化“放管服”改革，强化为企服务，落实惠企、助企政策，清理涉企收费。',
    '这些措施要尽快付诸实施。',
    '协调解决企业遇到的实际问题。',
    '由城投建设有限公司负责承建。',
    // optional characters: both forms are correct
    '今年工作要更好地服务群众。',
    '今年工作要更加好地服务群众。',
    '每个村都配备了网格员。',
    '每一个村都配备了网格员。',
    '各单位应按时报送材料。',
    // numbers and units
    '共完成投资12亿元，同比增长8.5%。',
    '新建高标准农田1.2万亩，超400家企业参与。',
    // an informal unit is the unit rule's business, not a dropped 方
    '新增绿化面积3万平米。',
    // names: places, companies, projects, quoted names
    '华阳新天地和吾悦广场已开业。',
    '“智慧河长”平台上线运行。',
    '推进乡村振兴，持续优化营商环境。',
    '培育专精特新企业15家。',
    // the completed forms of the must-flag sentences below
    '这项改革对全县发展产生了重要影响。',
    '全面推进重点领域改革，激发市场活力。',
    // a character that often stands alone (能) needs a clearer case
    '这项工作我们能做好。',
    // terse lists of slogans shorten words on purpose
    '稳预期、强信心、促发展，全力以赴抓落实。',
    '打通强治理、优服务、惠民生的最后一公里。',
    // a run of items of the same length: each is as long as its siblings, as the writer meant it
    '全力打通强治理、优服务、惠民生、解难题的最后一公里。',
    // a one-character verb with 起 is complete (负起, not 担负起 cut short)
    '各级政府要切实负起责任，严格依法办事。',
    // a noun suffix (…期, …制) is no 期限 or 制度 cut short
    '拟登记事项在公告期届满后办理。',
    '全面实行排污许可制，健全环境治理体系。',
    // one-character verbs in parallel (保 three times): the short verb is meant
    '坚持保就业保民生保市场主体，稳住经济基本盘。',
    '坚持促投资促消费促出口，稳住经济基本盘。',
    // … also when only one item is short: the longer one ends in the same terse pattern
    '引导中小企业扩规模、强创新。',
    '全力推动园区企业扩产能、提效益。',
    // a list of one-character items: each is as meant
    '水、电、路、气等基础设施全面改善。',
    '深化经济体制改革，增强发展活力。',
    // the completion would put a character where the model never saw it beside its neighbours (转扭): no repair
    '这家企业去年已经转亏为盈。',
    // a very common character that mostly belongs to words (人), used on its own
    '这里人多地少。',
    '全镇一千多户人家都通了自来水。',
    // two-character words that also occur inside longer words, used on their own
    '我们要大力发展公益事业。',
    '学校要加强素质教育。',
    '着力培养高素质干部队伍。',
    { name: 'a word from the user dictionary is never questioned', text: '打造镇化创意产业园。', dictionary: ['镇化创意'] },
    { name: 'markdown: code is masked', text: '配置项为 `付诸施` 。', format: 'markdown' },
  ],
  invalid: [
    // a fragment across a very common character (与, which is not completed itself; 中)
    { text: '项目建设进展顺利。与同时，我们加大了安全检查力度。', errors: [{ text: '与同时', message: /与此同时/, suggestions: ['此'] }] },
    { text: '大力弘扬中民族优秀传统文化。', errors: [{ text: '中民族', message: /中华民族/, suggestions: ['华'] }] },
    // completions beyond the twenty most frequent words holding the character
    { text: '全面加强安全生产，坚决制重特大事故。', errors: [{ text: '坚决制', message: /坚决遏制/, suggestions: ['遏'] }] },
    { text: '我们将以最大的意推进合作。', errors: [{ text: '的意', message: /的诚意/, suggestions: ['诚'] }] },
    { text: '全面建成小社会以后，我们继续奋斗。', errors: [{ text: '小社会', message: /小康社会/, suggestions: ['康'] }] },
    // a very common character that mostly belongs to words (人) is completed, under the standalone margin
    { text: '学校要办好人满意的教育。', errors: [{ text: '人满意', message: /人民满意/, suggestions: ['民'] }] },
    { text: '我县是一个人众多的农业县。', errors: [{ text: '人众多', message: /人口众多/, suggestions: ['口'] }] },
    // a two-character word that mostly occurs inside a longer one (游业 of 旅游业, 国务 of 国务院)
    { text: '全县积极发展乡村游业，带动农民增收。', errors: [{ text: '乡村游业', message: /乡村旅游业/, suggestions: ['旅'] }] },
    { text: '经国务常务会议研究，同意该方案。', errors: [{ text: '国务常务会', message: /国务院/, suggestions: ['院'] }] },
    // a fragment across a character that often stands alone (出)
    { text: '努力营造人才出的良好环境。', errors: [{ text: '人才出', message: /人才辈出/, suggestions: ['辈'] }] },
    { text: '这些措施要尽快付诸施。', errors: [{ text: '付诸施', message: '疑似漏字：“付诸施”应为“付诸实施”？', suggestions: ['实'] }] },
    { text: '协调解决企业遇到的际问题。', errors: [{ text: '的际问题', message: /“的实际问题”/ }] },
    { text: '由城投建设有限司负责承建。', errors: [{ text: '有限司', message: /有限公司/, suggestions: ['公'] }] },
    { text: '本月底前要制定安置施方案。', errors: [{ text: '安置施方案', message: /实施方案/ }] },
    { text: '建设历史化展览馆。', errors: [{ text: '历史化', message: /历史文化/ }] },
    // a term jieba lists as rare (违法行为) that official text uses all the time (raised in report-vocab.dict)
    { text: '全年查处各类违法为320起。', errors: [{ text: '违法为', message: /违法行为/, suggestions: ['行'] }] },
    // a lone character that nearly always belongs to a word, before punctuation (orphan evidence + word bigram)
    { text: '这项改革对全县发展产生了重要影。', errors: [{ text: '影', message: /“影响”/, suggestions: ['响'] }] },
    // the first character of a word dropped after another word
    // two characters around the gap that would make a word (制革) which the segmenter did not form: still a gap
    { text: '深化经济体制革，增强发展活力。', errors: [{ text: '济体制革', message: /体制改革/, suggestions: ['改'] }] },
    { text: '全面推进重点领域革，激发市场活力。', errors: [{ text: '领域革', message: /领域改革/, suggestions: ['改'] }] },
    // 够 alone is no 能够 (only 能 says as much alone): an ordinary completion, no synonym margin
    { text: '改革后的机构够更好地服务群众。', errors: [{ text: '机构够', message: /机构能够/, suggestions: ['能'] }] },

  ],
});

test('missing-char: suggestions insert one character at the gap, best first', () => {
  const lm = getLanguageModel();
  const text = '协调解决企业遇到的际问题。';
  const ins = scoreInsertions(text, segment(text), lm, DEFAULT_PARAMS).sort((a, b) => b.score - a.score);
  assert.ok(ins.length > 0);
  assert.equal(ins[0].gap, 9);
  assert.equal(ins[0].ch, '实');
  // 国际问题 is a candidate too, but ranks below 实际问题 after 遇到的
  const guoji = ins.find((i) => i.ch === '国' && i.gap === 9);
  assert.ok(!guoji || guoji.score < ins[0].score);
});

test('missing-char: the model prefers 实际问题 to 国际问题 after 遇到的, and 付诸实施 to 付诸施', () => {
  const lm = getLanguageModel();
  // noisy channel: inserting the dropped character must gain probability, the right one most
  const shiji = insertionGain('解决工作中遇到的际问题。', 8, '实', lm).total;
  const guoji = insertionGain('解决工作中遇到的际问题。', 8, '国', lm).total;
  assert.ok(shiji > guoji, `实 ${shiji} vs 国 ${guoji}`);
  assert.ok(shiji > DEFAULT_PARAMS.threshold);
  assert.ok(insertionGain('这些措施要尽快付诸施。', 9, '实', lm).total > DEFAULT_PARAMS.threshold);
  // and loses probability where nothing is missing
  assert.ok(insertionGain('这些措施要尽快付诸实施。', 9, '实', lm).total < 0);
});

test('missing-char: the finding names the questioned word for "add to dictionary"', () => {
  const { lintText } = require('../../../server/src/core/runner') as typeof import('../../../server/src/core/runner');
  const [d] = lintText('这些措施要尽快付诸施。', [missingChar]);
  assert.equal(d.word, '付诸施');
  assert.deepEqual(d.suggestions![0].fix, { range: [9, 9], text: '实' });
  assert.equal(d.fix, undefined);
});

test('missing-char: orphan evidence and the word bigram add to the character model for a lone bound character', () => {
  const lm = getLanguageModel();
  const text = '这项改革对全县发展产生了重要影。';
  const ins = scoreInsertions(text, segment(text), lm, DEFAULT_PARAMS).find((i) => i.ch === '响');
  assert.ok(ins, 'the insertion of 响 is scored');
  // 影 stands alone in a small share of its uses
  assert.ok(ins.orphan > 1, `orphan ${ins.orphan}`);
  assert.ok(ins.wb > 0, `word bigram ${ins.wb}`);
  assert.ok(ins.score > DEFAULT_PARAMS.threshold);
  assert.equal(ins.score, scoreOf(ins, DEFAULT_PARAMS));
});

test('missing-char: items of a terse list get the list margin, ordinary prose does not', () => {
  const lm = getLanguageModel();
  // (two items: a run of three would be uniform, and not completed at all)
  const list = '抓好稳物价、强基础。';
  const inList = scoreInsertions(list, segment(list), lm, { ...DEFAULT_PARAMS, threshold: -10 }).filter((i) => i.gap >= 2 && i.gap <= 9);
  assert.ok(inList.length > 0);
  assert.ok(inList.every((i) => i.flags & TERSE_LIST));
  const prose = '这项改革对全县发展产生了重要影。';
  const inProse = scoreInsertions(prose, segment(prose), lm, { ...DEFAULT_PARAMS, threshold: -10 });
  assert.ok(inProse.length > 0);
  assert.ok(inProse.every((i) => !(i.flags & TERSE_LIST)));
});

test('missing-char: 期 and 制 right after a word are suffixes (SUFFIX margin); after a one-character word they are not', () => {
  const lm = getLanguageModel();
  const loose = { ...DEFAULT_PARAMS, threshold: -10 };
  const text = '全面实行排污许可制，健全环境治理体系。';
  const zhidu = scoreInsertions(text, segment(text), lm, loose).find((i) => i.ch === '度' && i.gap === 9);
  assert.ok(zhidu, '制 → 制度 is scored');
  assert.ok(zhidu.flags & SUFFIX);
  const apart = '要把制落到实处。';
  const ins = scoreInsertions(apart, segment(apart), lm, loose).filter((i) => i.keyStart === 2 && i.keyEnd === 3);
  assert.ok(ins.length > 0, '制 is completed there too');
  assert.ok(ins.every((i) => !(i.flags & SUFFIX)));
});

test('missing-char: a one-character verb repeated three times in a sentence gets the list margin, once it does not', () => {
  const lm = getLanguageModel();
  const loose = { ...DEFAULT_PARAMS, threshold: -10 };
  const thrice = '坚持促投资促消费促出口。';
  const par = scoreInsertions(thrice, segment(thrice), lm, loose).filter((i) => i.keyStart === 8 && i.keyEnd === 9);
  assert.ok(par.length > 0, '促 → 促进 … is scored');
  assert.ok(par.every((i) => i.flags & TERSE_LIST));
  const once = '坚持促出口。';
  const one = scoreInsertions(once, segment(once), lm, loose).filter((i) => i.keyStart === 2 && i.keyEnd === 3);
  assert.ok(one.length > 0);
  assert.ok(one.every((i) => !(i.flags & TERSE_LIST)));
});

test('missing-char: items of a uniform run are not completed, an item shorter than its siblings is', () => {
  const lm = getLanguageModel();
  const loose = { ...DEFAULT_PARAMS, threshold: -10 };
  const run = '全力打通强治理、优服务、惠民生、解难题的最后一公里。';
  // 优服务 (8–11) and 惠民生 (12–15) have the run's length: no insertion inside or at their ends
  assert.ok(scoreInsertions(run, segment(run), lm, loose).every((i) => i.gap < 8 || i.gap > 15));
  // two items of three characters beside one of two: the short one is no sibling of the others
  const odd = '全力打通强治理、优服务、惠民生、化矛、解难题的最后一公里。';
  assert.ok(scoreInsertions(odd, segment(odd), lm, loose).some((i) => i.gap >= 16 && i.gap <= 18));
});

test('missing-char: a short item next to a longer one across 、 marks the end of the longer one as terse', () => {
  const lm = getLanguageModel();
  const text = '引导中小企业扩规模、强创新。';
  const ins = scoreInsertions(text, segment(text), lm, { ...DEFAULT_PARAMS, threshold: -10 });
  const kuoda = ins.find((i) => i.ch === '大' && i.gap === 7);
  assert.ok(kuoda, '扩 → 扩大 is scored');
  assert.ok(kuoda.flags & TERSE_LIST);
  // the start of the longer item is ordinary prose
  assert.ok(ins.filter((i) => i.gap <= 4).every((i) => !(i.flags & TERSE_LIST)));
});

test('missing-char: a lone character that often stands alone is completed by itself only, under the standalone margin', () => {
  const lm = getLanguageModel();
  const text = '持续提升基层治理能。';
  const ins = scoreInsertions(text, segment(text), lm, { ...DEFAULT_PARAMS, threshold: -10 });
  const nengli = ins.find((i) => i.ch === '力' && i.gap === 9);
  assert.ok(nengli, '能 → 能力 is scored');
  assert.ok(nengli.flags & STANDALONE);
  assert.equal(nengli.keyEnd - nengli.keyStart, 1);
  assert.ok(scoreOf(nengli, DEFAULT_PARAMS) <= scoreOf({ ...nengli, flags: nengli.flags & ~STANDALONE }, DEFAULT_PARAMS) - DEFAULT_PARAMS.standaloneMargin + 1e-9);
  // the most frequent single characters (的, 在, 中) are not completed themselves
  const de = '这是我们的工作。';
  assert.ok(scoreInsertions(de, segment(de), lm, { ...DEFAULT_PARAMS, threshold: -10 }).every((i) => i.gap < 4 || i.gap > 5));
});

test('the character-model gain of each scored insertion is the one insertionGain computes on strings', () => {
  // scoreInsertions scores candidates on codes in shared windows; the result must not depend on the order in which
  // gaps and candidates come (a cached lookup of one candidate must not leak into the next).
  const lm = getLanguageModel();
  const loose = { ...DEFAULT_PARAMS, threshold: -20 };
  let checked = 0;
  let differ = 0;
  for (const text of [
    '县委常委会专题研究部署，各乡镇要把责任落到实处，对群众反映强烈的问题建立台账、限期销号。',
    '全年新建改建农村公路46公里，完成危桥改造8座，城区新增停车泊位1200个。',
    '推进老旧小区改造，完善配套设施，着力解决居民急难愁盼的际问题。',
    // (most candidates fail the context test before they are scored: a few more places with gaps)
    '这项改革对全县发展产生了重要影。全面推进重点领域革，激发市场活力。',
    '由城投建设有限司负责承建，本月底前要制定安置施方案，建设历史化展览馆。',
    '深化经济体制革，增强发展活力，坚决制重特大事故，努力营造人才出的良好环境。',
  ]) {
    for (const i of scoreInsertions(text, segment(text), lm, loose)) {
      checked++;
      if (Math.abs(i.lm - insertionGain(text, i.gap, i.ch, lm).lm) > 1e-9) differ++;
    }
  }
  assert.ok(checked > 50, `${checked} insertions`);
  // a 16-bit fingerprint collision may let the string walk take a gram the model lacks (rare)
  assert.ok(differ <= checked / 100, `${differ} of ${checked} differ`);
});

test('completing a function word into its two-character synonym, and a character right after a name, need more evidence', () => {
  const lm = getLanguageModel();
  const loose = { ...DEFAULT_PARAMS, threshold: -10 };
  const text = '项目资金应专款专用。';
  const dang = scoreInsertions(text, segment(text), lm, loose).find((i) => i.ch === '当' && i.gap === 5);
  assert.ok(dang && dang.flags & SYNONYM, '应 → 应当 is a synonym');
  assert.ok(scoreOf(dang, DEFAULT_PARAMS) <= scoreOf({ ...dang, flags: dang.flags & ~SYNONYM }, DEFAULT_PARAMS) - DEFAULT_PARAMS.synonymMargin);
  const mine = '启动泰山矿开采工作。'; // 泰山 is a place name: 泰山矿 a mine
  const shan = scoreInsertions(mine, segment(mine), lm, loose).find((i) => i.gap === 5 && i.ch === '山');
  assert.ok(shan && shan.flags & NAME_LIKE, 'the character after a place name belongs to the name');
});

test('missing-char: the completed word written in full in another paragraph is evidence (a report repeats its terms)', () => {
  const one = '明确项目与施主体的责任。';
  const other = '项目实施主体为县城投公司。';
  const found = (text: string, options: Record<string, unknown> = {}) =>
    lint(new ReportDocument(text, 'plaintext'), [missingChar], { rules: new Map([['missing-char', { severity: 'warn', options }]]) }).map((d) => text.slice(d.range[0], d.range[1]));
  // alone, the place falls short of the threshold (施主 is a word)
  assert.deepEqual(found(one), []);
  // 实施主体 in another paragraph carries it over, and the message says so
  assert.deepEqual(found(`${one}\n${other}`), ['与施主体']);
  const [d] = lint(new ReportDocument(`${one}\n${other}`, 'plaintext'), [missingChar]);
  assert.equal(d.message, '疑似漏字：“与施主体”应为“与实施主体”？（文中别处有“实施主体”）');
  // … and points at the word written in full
  assert.deepEqual(d.related?.map((r) => `${one}\n${other}`.slice(r.range[0], r.range[1])), ['实施主体']);
  assert.deepEqual(found(`${other}\n\n${one}`), ['与施主体']);
  // in the same paragraph it is no independent evidence
  assert.deepEqual(found('项目实施主体为县城投公司，明确项目与施主体的责任。'), []);
  // documentWeight 0 turns the evidence off
  assert.deepEqual(found(`${one}\n${other}`, { documentWeight: 0 }), []);
  // no finding keeps the mark the runner settles
  const doc = new ReportDocument(`${one}\n${other}`, 'plaintext');
  assert.ok(lint(doc, [missingChar]).every((d) => d.needs === undefined));
});

test('missing-char: the document evidence is settled on every check, also for paragraphs served from the cache', () => {
  const cache = new ParagraphCache();
  const check = (text: string) => lint(new ReportDocument(text, 'plaintext'), [missingChar], { cache }).map((d) => text.slice(d.range[0], d.range[1]));
  assert.deepEqual(check('明确项目与施主体的责任。\n项目实施主体为县城投公司。'), ['与施主体']);
  // the other paragraph no longer holds the word: the first paragraph comes from the cache, its finding goes
  assert.deepEqual(check('明确项目与施主体的责任。\n项目承办单位为县城投公司。'), []);
  assert.ok(cache.hits >= 1);
  assert.deepEqual(check('明确项目与施主体的责任。\n项目实施主体为县城投公司。'), ['与施主体']);
});
