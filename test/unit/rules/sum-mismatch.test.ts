import { ruleTester } from '../../helpers/rule-tester';
import { sumMismatch } from '../../../server/src/rules/sum-mismatch';

ruleTester(sumMismatch, {
  valid: [
    // Totals and parts.
    '今年新增改造户厕157户，其中已验收合格3户，正在施工154户。',
    '全年共落实项目资金2.76亿元，其中中央资金1.83亿元、省级资金9300万元。',
    '累计发放创业担保贷款1.2亿元，其中个人贷款8600万元。',
    '全县共有规上企业86家，其中高新技术企业37家、专精特新企业21家等。',
    '合计支出管护费XX元，其中集中供水管护XX元，污水设施管护XX元。',
    '共开展培训120余场，其中线上培训70余场，线下培训50多场。',
    '全市投入资金5.4亿元，其中市级1.8亿元、区级1.7亿元、社会资本1.9亿元。',
    { name: 'rounding of the parts is tolerated', text: '全年完成投资12.5亿元，其中政府投资4.17亿元，社会投资8.36亿元。' },
    { name: 'a subset may sum below the total', text: '接待游客达860万人次，其中过夜游客210万人次，入境游客3.2万人次。' },
    { name: 'changes after a part are not parts', text: '实现营业收入9.6亿元，其中主营业务收入8.1亿元，同比增加1.9亿元。' },
    { name: 'overlapping attributes may sum above the total', text: '支部共有党员156名，其中女党员48名，35岁以下党员32名，大专以上学历党员89名。' },
    { name: 'overlapping labels of firms', text: '全区共有工业企业120家，其中规上企业80家，高新技术企业52家。' },
    { name: 'the total of the last clause', text: '全年新增市场主体1.1万户，其中企业3200户，个体工商户7800户。' },
    { name: 'parallel figures before 其中', text: '外出务工4210人，本地务工860人，其中脱贫人口务工1020人。' },
    // Percentages of a stated base.
    '完成固定资产投资80亿元，占年度计划100亿元的80%。',
    '实现税收收入3.6亿元，为全年目标4.5亿元的80%。',
    '全村共有农户164户，其中脱贫户52户，占31.7%。',
    // Growth.
    '地方财政收入由50亿元增至60亿元，增长20%。',
    '森林覆盖率从58.2%提高到60.5%，提高2.3个百分点。',
    '粮食总产达到48.6万吨，比上年的45万吨增长8%。',
    '城乡居民人均收入由2.1万元增加到2.5万元，年均实际增长6.1%。',
    '农村低收入人口占比由8.5%下降到2.1%，下降6.4个百分点。',
    '接待游客由320万人次增加到410万人次，增加90万人次。',
    { name: 'two years named', text: '2023年全县完成税收收入6.3亿元，2022年为5.6亿元，同比增长12.5%。' },
    { name: 'the year before named', text: '今年1—9月实现网络零售额18.4亿元，上年同期为16亿元，同比增长15%。' },
    { name: 'years two apart are not a year-on-year pair', text: '2021年完成投资20亿元，2023年完成投资30亿元，同比增长8%。' },
    // Shares of one whole.
    '三次产业结构调整为10.2:40.5:49.3。',
    '城镇、农村和流动人口分别占总人口的52%、38%和10%。',
  ],
  invalid: [
    {
      name: 'complete breakdown that does not add up',
      text: '全镇共改造户厕160户，其中已验收合格3户，正在施工154户。',
      errors: [{ text: '160户', message: '合计应为157户（3 + 154），文中为160户' }],
    },
    {
      name: 'parts above the total across scales',
      text: '全年共落实项目资金2.5亿元，其中中央资金1.83亿元、省级资金9300万元。',
      errors: [{ text: '2.5亿元', message: /1\.83 \+ 0\.93 = 2\.76亿元，文中总数为2\.5亿元/ }],
    },
    { name: 'one part larger than the total', text: '累计培训农民工1200人次，其中电商技能培训1350人次。', errors: [{ text: '1200人次', message: /1350人次/ }] },
    { name: 'one overlapping part above the total', text: '全区共有工业企业120家，其中规上企业80家，高新技术企业132家。', errors: [{ text: '120家', message: /其中132家，总数只有120家/ }] },
    { name: 'area in 亩', text: '完成植树造林1.2万亩，其中人工造林8000亩，封山育林5000亩。', errors: [{ text: '1.2万亩', message: /8000 \+ 5000 = 13000亩|0\.8 \+ 0\.5 = 1\.3万亩/ }] },
    {
      name: 'a colon list of clauses',
      text: '合计完成投资8.6亿元，其中：交通项目3.2亿元；水利项目2.1亿元；民生项目2.9亿元。',
      errors: [{ text: '8.6亿元', message: /合计应为8\.2亿元/ }],
    },
    {
      name: 'Chinese numerals',
      text: '共建成项目一百二十个，其中工业项目七十六个，农业项目四十八个。',
      errors: [{ text: '一百二十个', message: /76 \+ 48 = 124个/ }],
    },
    { text: '完成投资85亿元，占年度计划100亿元的80%。', errors: [{ text: '80%', message: /占比应为85%/ }] },
    { text: '全县共有农户1200户，其中脱贫户150户，占15%。', errors: [{ text: '15%', message: /占比应为12\.5%/ }] },
    { text: '地方财政收入由50亿元增至60亿元，增长25%。', errors: [{ text: '25%', message: '由50亿元到60亿元应增长20%，文中为增长25%' }] },
    { text: '森林覆盖率从58.2%提高到60.5%，提高3.2个百分点。', errors: [{ text: '3.2个百分点', message: /应提高2\.3个百分点/ }] },
    { text: '粮食总产达到48.6万吨，较上年的45万吨增长12%。', errors: [{ text: '12%', message: /应增长8%/ }] },
    { text: '单位产值能耗由0.82吨下降到0.74吨，下降12%。', errors: [{ text: '12%', message: /应下降9\.8%/ }] },
    { text: '常住人口由12.4万人减少到11.8万人，减少0.8万人。', errors: [{ text: '0.8万人', message: /应减少0\.6万人/ }] },
    {
      name: 'two years named, growth wrong',
      text: '2022年全县规上工业产值为85亿元，2023年达到96亿元，同比增长15%。',
      errors: [{ text: '15%', message: '由85亿元到96亿元应增长12.9%，文中为增长15%' }],
    },
    { name: 'the year before named, growth wrong', text: '全年完成技改投资12.6亿元，上年为10.5亿元，同比增长25%。', errors: [{ text: '25%', message: /应增长20%/ }] },
    { name: 'growth stated where it fell', text: '工业用电量从5.2亿千瓦时降至4.8亿千瓦时，增长7.7%。', errors: [{ text: '7.7%', message: /应下降7\.69%，文中为增长7\.7%/ }] },
    { text: '三次产业结构比例为8.6:45.2:47.1。', errors: [{ text: '8.6:45.2:47.1', message: /100\.9/ }] },
    { text: '一、二、三产业增加值分别占地区生产总值的9.8%、46.5%和48.2%。', errors: [{ text: '9.8%、46.5%和48.2%', message: /104\.5%/ }] },
  ],
});
