import { ruleTester } from '../../helpers/rule-tester';
import { wrongChar } from '../../../server/src/rules/wrong-char';

ruleTester(wrongChar, {
  valid: [
    // the same words repeated in one sentence: parallel phrasing, not the same slip made twice
    '我们要不断回答发展之问、改革之问、民生之问、时代之问。',
    '坚持回答好时代之问、人民之问，推动各项工作落地见效。',
    // ordinals of a document's parts: 第十三节 is as right as 第十三届
    '第十三节 附则',
    '依照第十四节和第三款的规定办理。',
    // 或 and 和 share only a rare reading of 和 (huò, as in 和面): no input-method slip
    '每次配发都要有完整的记录或凭据。',
    '粮食储备或粮食加工企业要按期上报库存。',
    // Names before a phase or plot suffix, and report shorthand (规上、规下).
    '华阳新天地、熙岸二期等项目已竣工。',
    '完成原银狐漆业地块的调查评估。',
    '科技、技改、规上、规下各条线都要拓宽储备库。',
    // X standing for a number or a name is a placeholder, reported by the placeholder rule.
    '发放区级扶持资金X亿元，惠及X县企业。',
    // 截止 used correctly: no date after it.
    '报名截止日期为5月20日。',
    '申报工作已于上周截止。',
    '请在截止时间前提交材料。',
    '截至目前，已完成投资3.2亿元。',
    // 必需 as an adjective or in a word.
    '这些都是群众生活必需的物资。',
    '保障生活必需品供应。',
    // Letters that belong to a term.
    '实行A级纳税人信用管理，对B类项目开展X射线检测。',
    '开展U盘专项清理。',
    // Ordinary, correct report sentences.
    '全面推进政务公开，加快发展大数据产业。',
    '坚持以人民为中心的发展思想，扎实推进乡村振兴。',
    '全年新增城镇就业人员1.2万人，城镇登记失业率控制在3%以内。',
    // Names are left alone: people, places, companies, quoted names.
    '东苑村党支部书记李健国同志作了发言。',
    '副县长王卷道同志出席会议。',
    '与华阳心细科技有限公司签订协议。',
    '推出“心细”品牌系列服务。',
    // A rare name next to a title or form of address stays a name (关健 is also a slip for 关键).
    '关健同志主持会议并讲话。',
    // An unknown pair the segmenter leaves untagged (x) before a company suffix is part of the name.
    '与临峰建设有限公司签订施工合同。',
    '委托启峰建设有限公司负责施工。',
    // The user's dictionary.
    { name: 'user dictionary', text: '推广数局通平台。', dictionary: ['数局通'] },
  ],
  invalid: [
    {
      text: '截止目前，已完成投资3.2亿元。',
      errors: [{ text: '截止', message: /“截止”应为“截至”/, fix: '截至' }],
      output: '截至目前，已完成投资3.2亿元。',
    },
    { text: '截止2024年底，累计发放补贴86万元。', errors: [{ text: '截止', fix: '截至' }] },
    { text: '必需加强安全生产监管。', errors: [{ text: '必需', fix: '必须' }], output: '必须加强安全生产监管。' },
    { text: '全体干部要再接再砺，完成全年任务。', errors: [{ text: '再接再砺', fix: '再接再厉' }] },
    { text: '县政府做出决定，实行封闭管理。', errors: [{ text: '做出', suggestions: ['作出'] }] },
    {
      name: 'stray capital letter',
      text: '委员会由D政、工会和职工代表三方组成。',
      errors: [{ text: 'D', message: /字母“D”/, suggestions: ['党', '当', '大'] }],
    },
    {
      name: 'same sound (据/局)',
      text: '大力培育发展大数局产业。',
      errors: [{ text: '局', message: '疑似错字：“大数局产业”应为“大数据产业”', suggestions: ['据'] }],
    },
    { name: 'same sound (政/证)', text: '全面推进证务公开工作。', errors: [{ text: '证', suggestions: ['政'] }] },
    { name: 'two characters (信息/心细)', text: '各级政府心细公开工作要加强。', errors: [{ text: '心细', suggestions: ['信息'] }] },
    // A rare dictionary "name" (关健, 勾通, 建康) that a slip produced is corrected into the common word.
    { name: 'rare name that is a slip (关健)', text: '要抓住关健环节，推动各项工作落实。', errors: [{ text: '健', suggestions: ['键'] }] },
    { name: 'rare name that is a slip (建康)', text: '加强居民营养建康知识宣传。', errors: [{ text: '建', suggestions: ['健'] }] },
    {
      // Once a sentence has a sure slip, the rest of it is read again with less evidence demanded (勾通).
      name: 'slips in clusters',
      text: '一是勾通不畅，二是落时不力，三是监管缺为。',
      errors: [
        { text: '勾', suggestions: ['沟'] },
        { text: '时', suggestions: ['实'] },
        { text: '为', suggestions: ['位'] },
      ],
    },
    {
      name: 'no second reading without clusterMargin',
      text: '一是勾通不畅，二是落时不力，三是监管缺为。',
      options: { clusterMargin: 0 },
      errors: [
        { text: '时', suggestions: ['实'] },
        { text: '为', suggestions: ['位'] },
      ],
    },
  ],
});
