import { ruleTester } from '../../helpers/rule-tester';
import { placeholder } from '../../../server/src/rules/placeholder';

ruleTester(placeholder, {
  valid: [
    '掌上app已于上月上线，注册用户稳步增长。',
    '东风本田4S店已于三月开业。',
    '数据中心采用x86架构服务器，运行稳定。',
    '用Excel表格汇总各村上报的数据。',
    '开展DNA检测和X光检查。',
    '二○○○年底基本实现了总体小康。',
    '场地规格为2×3米，共设6块。',
    '①加强领导；②落实责任；③严格考核。',
    '计算公式为2*3=6。',
    { name: 'markdown emphasis', text: '要**突出重点**，*统筹兼顾*。', format: 'markdown' },
    { name: 'markdown bullets and break', text: '* 第一项工作\n\n***\n\n- 第二项工作', format: 'markdown' },
    '请选择：□同意 □不同意',
    'The Windows X server is running.',
    '各项任务已全部完成，没有遗留问题。',
  ],
  invalid: [
    { text: '截至xx月底，开工项目xx个，开工率xx.x%。', errors: [{ text: 'xx', message: /月份/ }, { text: 'xx', message: /数字/ }, 'xx.x%'] },
    { text: '全年增速*%以上，维持在*家以上。', errors: ['*%', '*'] },
    { text: '共发放低保资金***.*万元，特困资金***.**万元。', errors: ['***.*', '***.**'] },
    { text: '东风本田xS店、x医学院二附院改扩建项目暂未开工。', errors: ['x', { text: 'x', message: /名称/ }] },
    { text: '计划于xxxx年x月x日前完成验收。', errors: [{ text: 'xxxx年x月x日', message: /日期/ }] },
    { text: '发放区级扶持资金X亿元，惠及XX县企业。', errors: ['X', 'XX'] },
    { text: '积极助力“健康xx”建设，举办“xx日”活动。', errors: ['xx', 'xx'] },
    { text: '每村配备x-x个网格员。', errors: ['x-x'] },
    { text: '一直以来**镇**区备受关注。', errors: ['**', '**'] },
    { text: '项目总投资【待补充】万元。', errors: ['【待补充】'] },
    { text: '于××月完成，涉及○○县□□镇。', errors: ['××', '○○', '□□'] },
    { text: '完成投资？？万元（TODO：核实）。', errors: ['？？', 'TODO'] },
    { name: 'a word that starts like a unit is a name', text: '报送××人民法院，并在×个月内书面回复。', errors: [{ text: '××', message: /名称/ }, { text: '×', message: /数字/ }] },
    { name: 'markdown keeps star placeholders', text: '全年增速*%以上。', format: 'markdown', errors: ['*%'] },
  ],
});
