import { ruleTester } from '../../helpers/rule-tester';
import { wrongChar } from '../../../server/src/rules/wrong-char';

// The 的/地 pass of wrong-char (server/src/rules/wrong-char-de.ts): 的 written for the adverbial 地.
ruleTester(wrongChar, {
  valid: [
    '全镇上下认真地落实各项惠民政策。',
    // the verb used as a noun: a clause mark, a conjunction or a noun head follows
    '经过全镇干部群众不断的努力，人居环境明显改善。',
    '今年全县经济社会发展取得了积极的进展。',
    '课题组开展了深入的研究和探讨。',
    '园区建设对全县经济起到积极的推动作用。',
    '对基本农田实行最严格的保护制度。',
    '全体党员干部要有认真的学习态度。',
    // a further 的 in the clause: one long noun phrase
    '各企业要采取有效的控制扬尘污染的措施。',
    { name: 'user dictionary', text: '我们要稳步的推进这项改革。', dictionary: ['稳步的推进'] },
  ],
  invalid: [
    {
      text: '我局认真的落实县委县政府决策部署，全力的做好各项保障工作。',
      errors: [
        { text: '的', message: '“认真的落实”应为“认真地落实”：修饰动词用“地”', suggestions: ['地'] },
        { text: '的', message: /全力地做好/ },
      ],
    },
    { text: '要积极的推进乡村振兴，扎实的开展人居环境整治。', errors: ['的', '的'] },
    { text: '今年以来，有效的解决了一批群众急难愁盼问题。', errors: [{ text: '的', message: /有效地解决/ }] },
    { text: '各级各部门要切实的加强组织领导。', errors: ['的'] },
  ],
});
