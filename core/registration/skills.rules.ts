import { type ServiceType, serviceTypes } from '../../db/schema/enums.ts';

export type SkillSet = { serviceTypes: ServiceType[]; freeText: string | null };

/** Canonical skill set: known types once each in list order; blank free text means none. */
export function normaliseSkills(types: readonly ServiceType[], freeText?: string | null): SkillSet {
  const chosen = new Set(types);
  const text = freeText?.replace(/\s+/g, ' ').trim() ?? '';
  return {
    serviceTypes: serviceTypes.filter((t) => chosen.has(t)),
    freeText: text.length > 0 ? text : null,
  };
}

/** Rows for the skills table: one per type, plus one free-text row. */
export function skillRows(personId: number, set: SkillSet) {
  const rows: { personId: number; serviceType: ServiceType | null; freeText: string | null }[] =
    set.serviceTypes.map((serviceType) => ({ personId, serviceType, freeText: null }));
  if (set.freeText !== null) rows.push({ personId, serviceType: null, freeText: set.freeText });
  return rows;
}
