import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleTester } from '../../helpers/rule-tester';
import { countMismatch } from '../../../server/src/rules/count-mismatch';
import { lintText } from '../../../server/src/core/runner';

ruleTester(countMismatch, {
  valid: [
    '该路段分为三大板块：一是西侧运动场地；二是东侧生态绿地；三是滨河步道。',
    '今年重点抓好以下两个方面工作：一是稳增长；二是惠民生。',
    { name: 'heading lists after an intro paragraph', text: '二、明年工作安排\n明年主要做好以下三个方面工作。\n（一）抓项目建设。\n（二）抓民生保障。\n（三）抓生态治理。\n三、保障措施' },
    { name: 'items that run over several paragraphs', text: '当前要做好以下三项工作：\n一是整顿纪律。\n纪律是保障。\n二是完善制度。\n三是加强考核。\n考核要严格。' },
    { name: 'first, next, last: consistent', text: '主要采取三项措施：首先，摸清底数；其次，制定方案；最后，抓好落实。' },
    { name: 'open count', text: '主要做好以下几方面工作：一是抓项目；二是抓民生；三是抓生态。' },
    { name: 'quoted slogan', text: '始终坚持“两个确立”：一是讲政治；二是顾大局；三是守纪律。' },
    { name: 'count of something else', text: '这三个村发展较快：一是交通便利；二是产业兴旺。' },
    { name: 'count far from the list', text: '今年完成三项工作，成效明显，群众满意度进一步提升，得到上级充分肯定。一是抓项目；二是抓民生。' },
    { name: 'a gap is numbering-sequence’s business', text: '重点抓好三项工作：一是抓项目；二是抓民生；四是抓生态。' },
    // A number of time units after a verb of change is a duration, not a count of the items that follow.
    { name: 'duration: extended by working days', text: '公示期延长10个工作日。一是公示；二是复核。' },
    { name: 'duration: shortened to working days', text: '审批时限由20个工作日缩短至5个工作日：\n1.受理申请。\n2.审查材料。\n3.作出决定。' },
    { name: 'duration: compressed within', text: '办结时限压缩至3个工作日以内，一是精简材料；二是并联审批。' },
    { name: 'duration before a bracketed list', text: '办理时限延长3个工作日（受理、审核、办结、送达）。' },
    { name: 'months before a list', text: '建设周期缩短2个月，包括设计、施工、验收三个环节。' },
  ],
  invalid: [
    // A count after a verb of change that does count the items (the steps left) is still compared.
    { name: 'steps reduced to a count', text: '审批环节压缩至三个环节：一是受理；二是审查。', errors: [{ text: '三个环节', suggestions: ['两'] }] },
    {
      text: '该路段分为三大板块治理：一是西侧运动场地；二是东侧生态绿地；三是滨河步道；四是亲水平台。',
      errors: [{ text: '三大板块', message: '所述“三大板块”与下文列出的4项（“一是”至“四是”）不符', suggestions: ['四'] }],
    },
    {
      name: 'heading lists: stated four, three listed',
      text: '二、明年工作安排\n明年主要做好以下四个方面工作。\n（一）抓项目建设。\n（二）抓民生保障。\n（三）抓生态治理。\n三、保障措施',
      errors: [{ text: '四个方面', message: '所述“四个方面”与下文列出的3项（“（一）”至“（三）”）不符', suggestions: ['三'] }],
    },
    { name: 'two written 两', text: '重点抓好三项工作：第一，稳就业；第二，保民生。', errors: [{ text: '三项工作', suggestions: ['两'] }] },
    { name: 'first, next, last', text: '主要采取两项措施：首先，摸清底数；其次，制定方案；最后，抓好落实。', errors: [{ text: '两项措施', suggestions: ['三'] }] },
    { name: 'arabic count', text: '主要有3个方面问题：1.资金不足；2.人才短缺。', errors: [{ text: '3个方面', suggestions: ['2'] }] },
  ],
});

test('count-mismatch: the finding points at the enumeration too', () => {
  const text = '该路段分为三大板块治理：一是西侧；二是东侧；三是滨河；四是亲水平台。';
  const [d] = lintText(text, [countMismatch]);
  assert.ok(d.related && d.related.length === 1);
  assert.equal(text.slice(d.related[0].range[0], d.related[0].range[1]), '一是西侧；二是东侧；三是滨河；四是');
  assert.match(d.related[0].message, /下文列出4项/);
});

// The list part: counts against the items listed next to them.
ruleTester(countMismatch, {
  valid: [
    '东坑村、石门村、上寮村3个行政村完成污水管网铺设。',
    '由财政、审计和纪检三方组成联合检查组。',
    '共有城关镇、新桥镇和白沙镇三个镇纳入试点。',
    { name: 'a list ending in 等 is a lower bound', text: '长沙、株洲、湘潭等5个城市参与试点。' },
    '竣工项目3个（文化馆，体育馆，图书馆）。',
    '建立市、县、乡三级联动机制，明确部门职责。',
    { name: 'a bracket that qualifies the noun', text: '已有28个省（区、市）出台实施方案。' },
    { name: 'verbs before the noun counted', text: '新建、改扩建乡镇卫生院12个，村卫生室46个。' },
    '重点推进3个项目，分别为城东污水厂、滨江公园和体育中心。',
    { name: 'each', text: '东区、西区各设2个安置点。' },
    { name: 'a breakdown with numbers is not a list', text: '完成投资5亿元、新建厂房3栋、引进项目2个。' },
    { name: 'a word ending in a measure character', text: '落实整改措施，整改个别问题（程序、台账）。' },
    { name: 'enumerations belong to the structure check', text: '分为两个板块：一是河西片区，二是河东片区。' },
    { name: '和 inside an item', text: '组织发改、财政、住房和城乡建设三个部门开展督查。' },
  ],
  invalid: [
    {
      text: '完成东山村、西岭村、南塘村2个村的人居环境整治。',
      errors: [{ text: '2个', message: '数量不符：文中为“2个”，前面列出了3项（东山村、西岭村、南塘村）' }],
    },
    {
      name: 'open count completed from the bracketed list',
      text: '竣工项目x个（文化馆，体育馆，图书馆，档案馆）。',
      errors: [{ text: 'x', fix: '4', message: /列出了4项/ }],
      output: '竣工项目4个（文化馆，体育馆，图书馆，档案馆）。',
    },
    { text: '竣工项目5个（文化馆、体育馆、图书馆、档案馆）。', errors: [{ text: '5个', message: /其后列出了4项/ }] },
    { text: '组织发改、财政、住建、自然资源、生态环境四个部门开展联合督查。', errors: [{ text: '四个', message: /列出了5项/ }] },
    { name: 'more items than a 等 bound', text: '长沙、株洲、湘潭、岳阳等3个城市入选。', errors: [{ text: '3个', message: /已有4项/ }] },
    { text: '重点推进4个项目，分别为城东污水厂、滨江公园和体育中心。', errors: [{ text: '4个', message: /列出了2～3项/ }] },
    { text: '建立市、县、乡、村三级网格体系。', errors: [{ text: '三级' }] },
    { text: '计划实施项目XX个（城南小学、北湖公园）。', errors: [{ text: 'XX', fix: '2' }] },
    {
      name: 'number left out before the measure word',
      text: '今年建成民生项目个（敬老院，卫生院，文化站），群众满意。',
      errors: [{ text: '个', fix: '3', message: /应为“3个”/ }],
      output: '今年建成民生项目3个（敬老院，卫生院，文化站），群众满意。',
    },
    { text: '由行政、工会、妇联、团委和职工代表三方组成协调小组。', errors: [{ text: '三方', message: /列出了4～5项/ }] },
  ],
});
