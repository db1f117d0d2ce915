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
  ],
});
