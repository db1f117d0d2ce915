import { ruleTester } from '../../helpers/rule-tester';
import { repeatedWord } from '../../../server/src/rules/repeated-word';

ruleTester(repeatedWord, {
  valid: [
    '紧紧围绕年度目标，时时处处严格要求自己。',
    '这个方案请大家再研究研究，下周定稿。',
    '每位同志都要看一看、想一想。',
    '天天有进步，人人讲安全，个个争先进。',
    '常常深入基层，慢慢摸清了情况。',
    '召开会会议纪要审定会。',
    '的的确确解决了一批难题。',
    '该校已成为全市一流的学校。',
    '示范村建成了全县闻名的示范村。',
    '营业额同比增长12%，利润完成全年计划。',
    '把群众关心的事一件一件办好，一步一步向前推进。',
    '获奖者屠呦呦是药学家。',
    // a comparison with another period or target: no number before 的
    '本月全区产量超过去年同期的产量。',
    '企业营业收入已完成全年目标的营业收入。',
    '全镇人口中外出务工人员占全镇的人口比例较高。',
    '用公有制逐步代替私营业主的所有制。',
    '按照本规定规定的程序办理，逾期不办理的，从其规定。',
    '从出资比例中提取不低于百分之六十的比例用于奖励。',
    '对运行的锅炉和使用年限超过十年的锅炉开展检查。',
    '确定不少于三家的供应商参加谈判。',
    { name: 'user dictionary', text: '本周启动标准标准品牌推广。', dictionary: ['标准标准'] },
  ],
  invalid: [
    { text: '认真落实的的各项任务。', errors: [{ text: '的的', message: '“的”重复：“的的”应为“的”', fix: '' }], output: '认真落实的各项任务。' },
    { text: '要在在全县范围内推广。', errors: ['在在'], output: '要在全县范围内推广。' },
    { text: '进一步进一步加强队伍建设。', errors: ['进一步进一步'], output: '进一步加强队伍建设。' },
    {
      text: '截至10月底，营业额已完成56万元的营业额，同比增长8%。',
      errors: [{ text: '的营业额', message: /营业额/, suggestions: [''] }],
    },
    { text: '本周召开经验经验交流会。', errors: ['经验经验'] },
    { text: '是是全县的重点工作。', errors: ['是是'] },
    { text: '工资总额累计发放320万元的工资总额。', errors: ['的工资总额'] },
    // the noun after its modifiers, with a number or a placeholder before 的
    { text: '上半年，我镇集体公司营业额已完成XX万的营业额，经营逐步走上正轨。', errors: ['的营业额'] },
    { text: '全乡粮食产量达到1.2万吨的产量。', errors: ['的产量'] },
  ],
});
