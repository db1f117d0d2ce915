import { ruleTester } from '../../helpers/rule-tester';
import { wrongChar } from '../../../server/src/rules/wrong-char';

// The non-word pass of wrong-char (server/src/rules/wrong-char-nonword.ts): a same-sounding character that makes
// characters the segmenter cannot join into a common word.
ruleTester(wrongChar, {
  valid: [
    '统筹安排专项资金，建立健全长效机制。',
    '全年产品抽检合格率达到98%以上。',
    '坚持知史爱党、知史爱国，建强基层党组织。',
    '有效防范化解重大风险，做好疫后经济恢复工作。',
    { name: 'user dictionary', text: '成立按排工作专班。', dictionary: ['按排'] },
    // four characters one sound away from a word that is no set phrase (第十七条/m): as written
    '按照协议的十七条内容逐项落实。',
    '前来办事的群众川流不息。',
    '对群众反映的问题决不能一拖再拖。',
  ],
  invalid: [
    {
      text: '今年统筹按排专项资金120万元，建立建全长效机制。',
      errors: [
        { text: '按', message: /“(?:统筹)?按排”应为“(?:统筹)?安排”/, suggestions: ['安'] },
        { text: '建', message: /“(?:建立)?建全”应为“(?:建立)?健全”/, suggestions: ['健'] },
      ],
    },
    { text: '全年产品抽检合格律达到98%。', errors: [{ text: '律', message: /“合格律”应为“合格率”/ }] },
    { text: '加大对违法行为的查处力渡。', errors: [{ text: '渡', message: /力度/ }] },
    // a set phrase (jieba tags i and l) cut apart by a same-sounding character, function characters too; the
    // character model, which saw such phrases rarely, need not prefer the correction
    { text: '前来办事的群众穿流不息。', errors: [{ text: '穿', message: '疑似错字：“穿流不息”应为“川流不息”', suggestions: ['川'] }] },
    { text: '对群众反映的问题决不能一拖在拖。', errors: [{ text: '在', message: /“一拖在拖”应为“一拖再拖”/, suggestions: ['再'] }] },
  ],
});
