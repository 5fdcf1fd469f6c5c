// Visit buttons and names shared by /pair, /visit and the reminder notices (core/notify), so a
// 已走访 ✓ pressed on a reminder does exactly what the same button on /pair does.
// Button prefixes: vl log a visit at once, vs a /visit choice, vc confirm a visit, va answer a
// visit request, sz snooze a reminder, pr show /pair, ps suggest members, pm pair a member.
import type { HouseholdTag } from '../../db/schema/enums.ts';
import { isHolidayKey } from '../calendar/index.ts';
import { type Markup, type MessageKey, markup } from '../i18n/index.ts';
import type { Tr } from './cards.ts';

export type Button = { label: string; action: string };

/** vl:m:<pairing> — this month's visit, logged with one tap. */
export const monthlyVisitButton = (tr: Tr, pairingId: number): Button => ({
  label: tr('visit.btn_done'),
  action: `vl:m:${pairingId}`,
});

/** vl:h:<pairing>:<occasion> — the holiday visit ('mid_autumn+national_day:2028' keeps its colon). */
export const holidayVisitButton = (
  tr: Tr,
  pairingId: number,
  occasion: string,
  labelKey: MessageKey = 'visit.btn_done',
): Button => ({ label: tr(labelKey), action: `vl:h:${pairingId}:${occasion}` });

export const confirmVisitButton = (tr: Tr, visitId: number): Button => ({
  label: tr('visit.btn_confirm'),
  action: `vc:${visitId}`,
});

export const answerRequestButton = (tr: Tr, requestId: number): Button => ({
  label: tr('visit.btn_answer'),
  action: `va:${requestId}`,
});

/** 1天后提醒 / 3天后提醒 for one outbox row. */
export const snoozeRow = (tr: Tr, notificationId: number): Button[] => [
  { label: tr('visit.btn_snooze_1'), action: `sz:${notificationId}:1` },
  { label: tr('visit.btn_snooze_3'), action: `sz:${notificationId}:3` },
];

/** The holidays' names joined (“中秋节、国庆节” / "Mid-Autumn Festival & National Day"). */
export function holidayNames(tr: Tr, keys: readonly string[]): Markup {
  const names = keys.filter(isHolidayKey).map((k) => tr(`holiday.${k}`));
  return markup(names.join(tr('holiday.joiner')) || keys.join('+'));
}

/** Names of an occasion id such as 'mid_autumn+national_day:2028'. */
export function occasionNames(tr: Tr, occasion: string): Markup {
  return holidayNames(tr, (occasion.split(':')[0] ?? '').split('+'));
}

export function tagList(tr: Tr, tags: readonly HouseholdTag[]): Markup {
  return markup(tags.map((tag) => tr(`tag.${tag}` as MessageKey)).join(tr('list.sep')));
}

/** "（高龄老人、独居 · 楼栋：3号楼）" after a household's label, or nothing when there is nothing to say. */
export function householdAbout(
  tr: Tr,
  h: { tags: readonly HouseholdTag[]; building: string | null },
): Markup {
  const shown = [tagList(tr, h.tags).markup, h.building ? tr('pair.building', { building: h.building }) : ''];
  const about = shown.filter(Boolean).join(' · ');
  return markup(about ? tr('pair.about', { about: markup(about) }) : '');
}
