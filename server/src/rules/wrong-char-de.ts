import type { Finding, Paragraph, RuleContext, Token } from '../core/types';

/**
 * The 的/地 pass of `wrong-char`: 的 written for the adverbial 地 (认真的落实 → 认真地落实), only where it is
 * certain. Both conditions required:
 *  - before 的, a word that modifies actions (认真, 积极, 扎实, 稳步, 不断, 切实, 坚持不懈…: ADVERBIAL);
 *  - after it, an action verb of report prose (落实, 推进, 开展, 解决…: ACTION), itself followed by what a verb
 *    takes — an object, 了/着, another verb — not by a clause mark, 和/与 or 的, where the verb is used as a noun
 *    (取得了积极的进展, 经过不断的努力, 深入的研究和探讨) or a noun suffix (积极的参与者).
 * The character model is no judge here: 的 before a verb used as a noun is far more frequent in official text.
 * A verb-noun compound the segmenter keeps as one word (学习态度, 服务意识) is no action verb, so 认真的学习态度 stays;
 * a verb read as a noun (发展/vn), a verb before the head of a noun phrase (积极的推动作用, 严格的保护规定) and a
 * clause with a further 的 (有效的控制环境噪声污染的措施) stay too.
 */

const ADVERBIAL = new Set(
  ('认真 积极 扎实 稳步 不断 逐步 全力 大力 切实 主动 精心 及时 坚决 持续 深入 有效 全面 充分 严格 广泛 迅速 统筹 ' +
    '依法 妥善 有序 有力 有针对性 扎扎实实 认认真真 坚持不懈 实事求是 一丝不苟 千方百计 创造性 积极主动 全方位 ' +
    '牢牢 紧紧 不折不扣 尽快 稳妥 严肃 集中 重点 自觉 热情 耐心 细致 努力 彻底 顺利 圆满 大幅 显著 进一步')
    .split(' '),
);

const ACTION = new Set(
  ('落实 推进 开展 解决 完成 抓好 做好 改善 完善 建立 加强 处理 组织 执行 贯彻 推动 实施 参与 反映 履行 维护 提升 ' +
    '提高 发展 支持 配合 整改 排查 化解 应对 回应 宣传 贯彻落实 推进实施 抓实 抓细 抓牢 压实 做实 筑牢 守住 ' +
    '优化 深化 强化 健全 建立健全 实现 促进 保障 保护 破解 调处 清理 治理 查处 查找 纠正 转变 扩大 增加 减少 ' +
    '降低 控制 防范 引导 带动 融入 对接 争取 谋划 督促 指导 帮助 协调 跟进 ' +
    '完成了 解决了 推动了 促进了 提升了 提高了')
    .split(' '),
);

/** What may follow the verb when 的 ends a noun phrase instead: a clause mark, a conjunction, another 的. */
/** Heads of noun phrases after a verb (推动作用, 保护规定, 发展环境): the verb modifies them, 的 is right. */
const NOUN_HEAD = /^(?:作用|模式|速度|环境|规定|标志|结构|依据|法院|机关|部门|机构|机制|计划|方案|目标|指示|水平|能力|效果|体系|格局|制度|标准|要求|范围|对象|主体|之间|过程|方面|领域|任务)/;
const NOUN_USE = /^(?:[，。；：、！？,.;:!?）)」”\s]|和|与|及|以及|或|的|等|是|为|工作|意识|能力|水平|机制|措施|方式|态度|作风|精神|氛围|空间|格局|体系|成效|效果|[者力性率度型式面上中下后前时期])/;

export function dePass(ctx: RuleContext, para: Paragraph, tokens: Token[], out: Finding[]): void {
  const text = para.text;
  if (!text.includes('的')) return;
  for (let i = 1; i + 1 < tokens.length; i++) {
    const de = tokens[i];
    if (de.word !== '的') continue;
    const adv = tokens[i - 1];
    const verb = tokens[i + 1];
    if (!ADVERBIAL.has(adv.word) || !ACTION.has(verb.word) || adv.end !== de.start || de.end !== verb.start) continue;
    // A verb the segmenter reads as a noun here (发展/vn), or followed by the head of a noun phrase.
    if (verb.tag === 'vn' || verb.tag === 'n') continue;
    const after = text.slice(verb.end, verb.end + 4);
    if (!after || NOUN_USE.test(after) || NOUN_HEAD.test(after)) continue;
    // Another 的 later in the clause: the whole is a noun phrase (有效的控制环境噪声污染的措施).
    const clauseEnd = text.slice(verb.end).search(/[，。；：！？,;:!?\n]/);
    if (text.slice(verb.end, clauseEnd < 0 ? text.length : verb.end + clauseEnd).includes('的')) continue;
    if (ctx.dictionary.has(`${adv.word}的${verb.word}`)) continue;
    const range: [number, number] = [para.start + de.start, para.start + de.end];
    out.push({
      message: `“${adv.word}的${verb.word}”应为“${adv.word}地${verb.word}”：修饰动词用“地”`,
      range,
      suggestions: [{ desc: '改为“地”', fix: { range, text: '地' } }],
      word: `${adv.word}的${verb.word}`,
    });
  }
}
