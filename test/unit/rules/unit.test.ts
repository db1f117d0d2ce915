import { ruleTester } from '../../helpers/rule-tester';
import { unit } from '../../../server/src/rules/unit';

ruleTester(unit, {
  valid: [
    // numbers of one width throughout (published reports of the 1980s-90s use full-width ones)
    '全县共有企业１２３家，其中规上企业４５家。',
    '全县共有企业123家，其中规上企业45家。',
    // mostly full-width: the few half-width numbers (codes, standards) are left alone
    '全县共有企业１２３家，其中规上企业４５家，执行GB 3100。',
    '新建标准化厂房两栋，建筑面积合计8600平方米。',
    '全年引黄补水2.6亿立方米，新增蓄水能力1200万立方米。',
    '图书馆引进万方数据、知网等数据库资源。',
    '各地方要结合实际，一方面抓发展，另一方面抓安全。',
    '八方支援，四面八方的志愿者汇聚到灾区。',
    '完成35kV及以上输变电工程6项，新建10千伏线路42公里。',
    '家用电器额定电压为220V，请勿超压使用。',
    '2008年以来，全镇累计投入资金12亿元。',
    '近10年来，城乡面貌发生了深刻变化。',
    '用了15年3个月的时间建成。',
    '合格率保持在5%～95%之间，年均增速6.5%-7%。',
    '节约财政资金50多万元，签约项目约20个。',
    '全年接待游客约120万人次，旅游收入30多亿元。',
    '粮食亩产达到500公斤，运输里程1200公里。',
    '水平米尺的精度为毫米级。',
    // rates with their unit; counts; a comma as thousands separator in old texts
    '村集体经济收入较上年增长12.5%，其中经营性收入增长8个百分点。',
    '新增市场主体比上年增加37，达到1200户。',
    '粮食总产量比上年增长1，250万斤。',
    '增速回落到6.5%，降幅收窄2.1个百分点。',
    { name: 'markdown code is not prose', text: '参数 `voltage=110V` 用于仿真。', format: 'markdown' },
  ],
  invalid: [
    // numbers of both widths in one text: the full-width ones, in a text mostly in half-width ones
    {
      text: '全县共有企业１２３家，其中规上企业45家，完成产值12.5亿元，增长８．２%。',
      errors: [
        { text: '１２３', message: '全角数字“１２３”应为半角“123”（全文数字多用半角，应统一）', fix: '123' },
        { text: '８．２', fix: '8.2' },
      ],
      output: '全县共有企业123家，其中规上企业45家，完成产值12.5亿元，增长8.2%。',
    },
    {
      text: '全镇集体经济收入达到420万元，较上年增长26，其中5个村超过50万元。',
      errors: [{ text: '26', message: '“增长26”缺少单位：增减幅度应带“%”或“个百分点”', suggestions: ['%', '个百分点'] }],
      output: '全镇集体经济收入达到420万元，较上年增长26，其中5个村超过50万元。',
    },
    { text: '一般公共预算收入同比下降3.4。', errors: ['3.4'] },
    {
      text: '新建1栋5500平米的标准化厂房，另建3万平米花海。',
      errors: [{ text: '平米', fix: '平方米', message: /应为“平方米”/ }, { text: '平米', fix: '平方米' }],
      output: '新建1栋5500平方米的标准化厂房，另建3万平方米花海。',
    },
    { text: '二手房均价每平米下降了三百元。', errors: [{ text: '平米', fix: '平方米' }] },
    {
      text: '实施水库清淤工程，累计清淤18万方。',
      errors: [{ text: '万方', message: '“万方”不是规范的单位名称，应为“万立方米”' }],
      output: '实施水库清淤工程，累计清淤18万立方米。',
    },
    { text: '新建蓄水池6座，总容积1200立方。', errors: ['立方'], output: '新建蓄水池6座，总容积1200立方米。' },
    { text: '树苗胸径不小于8公分。', errors: [{ text: '公分', fix: '厘米' }] },
    {
      text: '协助做好110V输变电工程和220KV线路迁改。',
      errors: [{ text: '110V', message: /110kV/, fix: 'kV' }, { text: 'KV', fix: 'kV' }],
      output: '协助做好110kV输变电工程和220kV线路迁改。',
    },
    { text: '新增光伏装机500KW，年发电60万KWh。', errors: [{ text: 'KW', fix: 'kW' }, { text: 'KWh', fix: 'kW·h' }] },
    { text: '08年以来累计投入资金12亿元，18年3月完成验收。', errors: [{ text: '08年', fix: '2008' }, { text: '18年', fix: '2018' }] },
    { text: '全县森林覆盖率为5～95%不等。', errors: [{ text: '5～95%', message: /5%～95%/ }], output: '全县森林覆盖率为5%～95%不等。' },
    {
      text: '共投入资金约50多万元，惠及群众约有三千人左右。',
      errors: [
        { text: '约50多', suggestions: ['', ''], message: /“约”与“多”/ },
        { text: '约有三千人左右', message: /“约”与“左右”/ },
      ],
      output: '共投入资金约50多万元，惠及群众约有三千人左右。',
    },
  ],
});
