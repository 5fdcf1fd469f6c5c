// Emergencies are recognised by these patterns before any model is asked and whatever it says: a
// missed fire costs more than a false alarm, so the patterns lean towards recall. Matched on NFKC,
// lower-cased text. Outdoor rain water (积水) and the word "fire" in "fire hydrant" are not emergencies.
import type { EmergencyKind } from './schemas.ts';

const patterns: [EmergencyKind, RegExp[]][] = [
  [
    'fire',
    [
      /着火|失火|火灾|起火|烧起来|烧着了|火苗|火势|冒(?:黑|白)?烟|浓烟|好多烟|烟很大/,
      /\bfire\b(?!\s*(?:hydrant|extinguisher|drill|exit|escape|door|safety|station|brigade))|\bon fire\b|burning|thick smoke|full of smoke|smoke (?:is )?(?:coming|pouring|everywhere)/,
    ],
  ],
  [
    'gas',
    [
      /(?:煤气|燃气|天然气|液化气)(?:罐)?(?:泄漏|泄露|漏了|漏气|味)|漏气|闻到.{0,6}(?:煤气|燃气|天然气|液化气)/,
      /gas leak|leaking gas|smell(?:s|ing)? (?:of )?gas|gas smell/,
    ],
  ],
  [
    'medical',
    [
      /晕倒|昏倒|昏迷|晕过去|不省人事|叫不醒|没(?:有)?(?:了)?呼吸|没气了|倒地|抽搐|口吐白沫|心脏病(?:犯|发作)|心梗|脑梗|中风了|突然中风|喘不上气|呼吸困难|大出血|流了?(?:很多|好多)血|血流不止|血止不住|割腕|自杀|轻生|喝农药|服毒|吞了.{0,4}药|触电|噎住/,
      /collapsed|unconscious|not breathing|stopped breathing|can'?t breathe|cannot breathe|heart attack|having a stroke|seizure|bleeding (?:heavily|badly|a lot)|overdose|suicid|electrocuted|choking/,
    ],
  ],
  [
    'violence',
    [
      /打人|殴打|家暴|持刀|拿着?刀|砍人|捅人|抢劫|杀人|绑架|(?:打|揍)我(?!的?(?:电话|手机))|被(?:人)?打(?!扰|针|疫苗|折|电话|卡)|威胁要杀/,
      /beating|\bbeat(?:s|ing)? (?:me|her|him|up)|attack(?:ed|ing)|\bknife\b|stabb|robbery|being robbed|hitting me|hit me|domestic violence|assault/,
    ],
  ],
  [
    'flooding',
    [
      /水漫|淹了|被淹|进水淹|(?:屋|家|房间|室内|厨房|卫生间)里?(?:已经)?进水|水管(?:爆|裂|破)|爆管|漏水漏得厉害|水(?:漫|淹)到/,
      /burst pipe|pipe (?:has )?burst|(?:flooding|flooded) (?:in )?(?:my|our|the) (?:home|flat|apartment|house|kitchen|bathroom|room)|water (?:is )?(?:pouring|gushing) (?:in|into|through)/,
    ],
  ],
];

/** The kind of emergency a message describes, or null. Pure; no model involved. */
export function detectEmergency(raw: string): EmergencyKind | null {
  const text = raw.normalize('NFKC').toLowerCase();
  for (const [kind, regexes] of patterns) if (regexes.some((r) => r.test(text))) return kind;
  return null;
}
