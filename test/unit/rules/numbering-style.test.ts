import { ruleTester } from '../../helpers/rule-tester';
import { numberingStyle } from '../../../server/src/rules/numbering-style';

ruleTester(numberingStyle, {
  valid: [
    '一、总体情况\n（一）经济运行\n1.工业生产\n（1）规上工业增加值增长6%。',
    '１．加强领导。\n２．落实责任。',
    { name: 'markdown ordered list', text: '## 一、主要成绩\n\n1. 工业增长\n2. 投资增长', format: 'markdown' },
    '全年增长1.5%，一、二季度分别增长2.1%和3.4%。',
    '2024.3启动建设，项目投资2.5亿元。',
    '一二三产业协调发展，统一是关键。',
    '1、2号楼已封顶，3、4号楼正在建设。',
    // run-in enumerations inside a paragraph are fine
    '三、下步打算\n围绕三项重点：（1）修缮老街；（2）整治河道；（3）完善管网。',
    '二、存在问题\n一是产业结构单一，二是要素保障不足。',
    { name: 'lines of one Markdown paragraph', text: '## 二、存在的不足\n\n1.学习不够深入。\n2.调研不够扎实。', format: 'markdown' },
    '坚持以人民为中心的发展思想①，推进共同富裕［27］。',
    '一方面加快进度，一年来成效明显。',
    { name: 'level skip used consistently by the document', text: '一、工作回顾\n（1）项目建设。\n（2）招商引资。\n二、工作打算\n（1）抓项目。\n（2）促消费。' },
    { name: 'level skip under one parent, none of the skipped level in the document', text: '一、工作回顾\n1.项目建设。\n2.招商引资。\n二、工作打算\n1.抓项目。' },
  ],
  invalid: [
    {
      name: 'a heading run into its first item',
      text: '三、2025年工作计划1.继续推进项目建设。\n2.加快城乡融合。',
      errors: [{ text: '1.', message: '编号“1.”与前文连在同一段：标题应另起一段', suggestions: ['\n'] }],
    },
    { text: '1、重点项目建设情况。\n2、招商引资情况。', errors: [{ text: '1、', fix: '1.', message: '阿拉伯数字编号后用下脚点：“1、”应为“1.”' }, { text: '2、', fix: '2.' }], output: '1.重点项目建设情况。\n2.招商引资情况。' },
    {
      text: '二、存在的问题(一)用地空间不足。(二)配套设施滞后。',
      errors: [{ text: '(一)', fix: '（一）', message: /全角括号/ }, { text: '(一)', message: /另起一段/ }, { text: '(二)', fix: '（二）' }],
    },
    { text: '（一）、加强队伍建设。\n（二）、完善制度。', errors: [{ text: '（一）、', fix: '（一）', message: /括号编号后不加标点/ }, { text: '（二）、', fix: '（二）' }] },
    { text: '(一)、总体要求', errors: [{ text: '(一)、', fix: '（一）', message: /全角括号，括号后不加标点/ }] },
    { text: '一.总体要求\n二．主要任务', errors: [{ text: '一.', fix: '一、', message: /顿号/ }, { text: '二．', fix: '二、' }] },
    { text: '主要措施：(1)完善考核办法；(2)强化结果运用。', errors: [{ text: '(1)', fix: '（1）' }, { text: '(2)', fix: '（2）' }] },
    { text: '①、摸清底数；②、制定方案。', errors: [{ text: '①、', fix: '①' }, { text: '②、', fix: '②' }] },
    {
      name: 'heading that lost its brackets',
      text: '一、上半年工作情况\n上半年，中心按计划推进各项工作。\n一加快进度服务全县发展大局。一是细化计划。二是强化督查。\n二完善机制提升服务水平。一是建立台账。二是定期通报。',
      errors: [{ text: '一', fix: '（一）', message: '编号“一”缺少括号，二级标题应为“（一）”' }, { text: '二', fix: '（二）' }],
    },
    {
      name: 'level skipped where the document elsewhere uses it',
      text: '一、工作回顾\n（一）经济运行\n1.工业生产。\n二、工作打算\n1.抓项目。\n2.促消费。',
      errors: [{ text: '1.', message: /层级跳跃/, suggestions: ['（一）抓项目。\n（二）'] }],
    },
  ],
});

ruleTester(numberingStyle, {
  valid: [
    { name: 'references to items are not markers', text: '年度内又出现条例第四条第 （二）、 （三）、 （四）项规定的情形。\n符合本办法第（1）、（2）项的，予以支持。' },
    { name: 'a level below used before a level above at the top of a document', text: '说明：\n1.数据截至年底。\n2.金额单位为万元。\n（一）经济运行\n（二）社会事业' },
    {
      name: 'quoted amendments: the numbered list goes on after the quoted items',
      text: '一、修改部分\n（一）总则\n1.将第二条修改为：\n“下列情形除外：\n（一）甲；\n（二）乙。”\n2.将第三条删除。\n二、其他',
    },
  ],
  invalid: [
    {
      name: 'a higher level used below a lower one, where the document elsewhere nests them the standard way',
      text: '一、工作回顾\n（一）经济运行\n1.工业。\n2.农业。\n二、工作打算\n1.总体思路。\n2.主要目标。\n（一）抓项目。\n（二）促消费。',
      errors: [{ text: '（一）', message: /编号层级颠倒/, suggestions: ['（1）抓项目。\n（2）'] }],
    },
  ],
});
