import { ruleTester } from '../../helpers/rule-tester';
import { wrongChar } from '../../../server/src/rules/wrong-char';

// The list pass (截止/必需/做出 in context) and the user's dictionary: the quick fix "add to dictionary" adds the
// finding's `word` (the flagged word itself); once added, the word is no longer flagged. Other words still are.
ruleTester(wrongChar, {
  valid: [
    { name: '截止 added', text: '截止目前，已完成投资3.2亿元。', dictionary: ['截止'] },
    { name: '截止 before a date, added', text: '截止2024年底，累计发放补贴86万元。', dictionary: ['截止'] },
    { name: '必需 added', text: '必需加强安全生产监管。', dictionary: ['必需'] },
    { name: '做出 added', text: '县政府做出决定，实行封闭管理。', dictionary: ['做出'] },
  ],
  invalid: [
    { name: 'another word added', text: '截止目前，已完成投资3.2亿元。', dictionary: ['必需'], errors: [{ text: '截止', fix: '截至' }] },
    { name: 'the finding names the word to add', text: '截止本月底，完成投资3.2亿元。', errors: [{ text: '截止', fix: '截至' }] },
  ],
});
