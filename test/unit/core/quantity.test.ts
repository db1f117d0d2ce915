import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseArabic, parseChinese } from '../../../server/src/core/quantity/numerals';
import { extractQuantities } from '../../../server/src/core/quantity/quantities';
import { segment, setUserWords } from '../../../server/src/core/segmenter';

test('Chinese numerals parse with the precision they were written with', () => {
  const cases: Array<[string, number, number] | [string, undefined]> = [
    ['三', 3, 1], ['两', 2, 1], ['十二', 12, 1], ['二十', 20, 10], ['一百零五', 105, 1], ['七百一十六', 716, 1],
    ['三千五', 3500, 100], ['一万五', 15000, 1000], ['三千五百万', 35e6, 1e6], ['三十六万四千', 364000, 1000],
    ['三万亿', 3e12, 1e12], ['二〇二三', 2023, 1], ['四十八点五', 48.5, 0.1], ['一万零五', 10005, 1],
    ['三四', undefined], ['百二', undefined], ['万', undefined], ['三三三点', undefined],
  ];
  for (const [s, v, u] of cases) {
    const p = parseChinese(s);
    if (v === undefined) assert.equal(p, undefined, s);
    else assert.deepEqual(p, { value: v, ulp: u }, s);
  }
});

test('Arabic numbers keep their printed precision', () => {
  assert.deepEqual(parseArabic('1,154'), { value: 1154, ulp: 1 });
  assert.deepEqual(parseArabic('5.34'), { value: 5.34, ulp: 0.01 });
  assert.deepEqual(parseArabic('１２'), { value: 12, ulp: 1 });
  assert.equal(parseArabic('12,34'), undefined);
});

function q(text: string): string[] {
  return extractQuantities(text, { segment }).map((x) => `${x.raw}=${x.value ?? 'open'}${x.unit}${x.approx ? '~' : ''}`);
}

test('quantities are normalised across scales', () => {
  const [a, b] = extractQuantities('完成投资5.34亿元，折合53,400万元。', { segment });
  assert.equal(a.value, b.value);
  assert.equal(a.ulp, 1e6);
  assert.equal(b.ulp, 1e4);
  assert.equal(a.printedUnit, '亿元');
});

test('units, counts, percentages and estimates are recognised', () => {
  assert.deepEqual(q('新建1栋5500平米厂房，补水3900万方，增长百分之四十八点五，提高0.5个百分点。'), [
    '1栋=1栋', '5500平米=5500平方米', '3900万方=39000000立方米', '百分之四十八点五=48.5%', '0.5个百分点=0.5个百分点',
  ]);
  assert.deepEqual(q('蓝田、小溪、古竹3个行政村，约1.8万人，500余户，三方组成。'), ['3个=3个', '1.8万人=18000人~', '500余户=500户~', '三方=3方']);
  assert.deepEqual(q('完工项目x个，完成xx.xx亿元，占年计划的xx.xx%。'), ['x个=open个', 'xx.xx亿元=open元', 'xx.xx%=open%']);
});

test('years, ordinals, numbering and words with numerals are not quantities', () => {
  assert.deepEqual(q('2023年3月，第3批、第x批、第三个项目开工。一是加强领导，一方面统一个人所得税。'), []);
  assert.deepEqual(q('采用x86架构，型号A3。'), []);
});

test('remembered quantities follow the segmenter: a user word that swallows a numeral takes it out, and back', () => {
  const text = '共建三方协作机制，组建五个工作组。';
  const raws = () => extractQuantities(text, { segment }).map((x) => x.raw);
  assert.deepEqual(raws(), ['三方', '五个']);
  try {
    setUserWords(['建三方', '建五个']); // the numerals are now inside words of the user's dictionary
    assert.deepEqual(raws(), []);
  } finally {
    setUserWords([]);
  }
  assert.deepEqual(raws(), ['三方', '五个']);
});

test('every paragraph of a long document is scanned once, however many rules ask', () => {
  const paragraphs = Array.from({ length: 3000 }, (_, i) => `第${i + 1}项任务完成投资${i + 1}万元。`);
  const first = paragraphs.map((p) => extractQuantities(p, { segment }));
  // (a second rule over the same paragraphs gets the very same results back)
  paragraphs.forEach((p, i) => assert.equal(extractQuantities(p, { segment }), first[i]));
});
