// 一联一帮 for units: /pairunit shows an admin the units reporting to the community and its key
// compounds, and /pairunit <unit> <compound> pairs them (pairUnitWithCompound checks the admin role,
// the unit's report here and one compound per unit and community, and tells the unit's leader).
import { forbidden, isCoreError } from '../../errors.ts';
import { markup } from '../../i18n/index.ts';
import { pairUnitWithCompound } from '../../pairing/pair-unit-with-compound.ts';
import { unitCompoundOverview } from '../queries/unit-compounds.ts';
import type { CommandSpec, Turn } from '../turn.ts';
import { communitiesWith, text } from '../turn.ts';
import type { Reply } from '../types.ts';
import { idArg } from './args.ts';

async function overview(turn: Turn, communityId: number): Promise<Reply[]> {
  const o = await unitCompoundOverview(turn.deps.db, communityId);
  if (o.units.length === 0 || o.compounds.length === 0)
    return [text(turn.t(o.units.length === 0 ? 'pairunit.no_units' : 'pairunit.no_compounds'))];
  const compoundName = new Map(o.compounds.map((c) => [c.id, c.name]));
  const unitLines = o.units.map((u) =>
    turn.t(u.compoundId === null ? 'pairunit.unit_free' : 'pairunit.unit_paired', {
      id: u.id,
      name: u.name,
      compound: compoundName.get(u.compoundId ?? 0) ?? '',
    }),
  );
  const compoundLines = o.compounds.map((c) => turn.t('pairunit.compound_line', { id: c.id, name: c.name }));
  return [
    text(
      [
        turn.t('pairunit.units_header'),
        ...unitLines,
        turn.t('pairunit.compounds_header'),
        ...compoundLines,
        turn.t('pairunit.how', { usage: markup(turn.t('usage.pairunit')) }),
      ].join('\n'),
    ),
  ];
}

async function pairUnit(turn: Turn, args: string[]): Promise<Reply[]> {
  const [communityId] = communitiesWith(turn, 'admin');
  if (communityId === undefined) throw forbidden('pair unit with compound');
  if (args.length === 0) return overview(turn, communityId);
  const unit = idArg(turn, args[0], 'usage.pairunit');
  if (unit.reply) return unit.reply;
  const compound = idArg(turn, args[1], 'usage.pairunit');
  if (compound.reply) return compound.reply;
  const names = await unitCompoundOverview(turn.deps.db, communityId);
  const unitName = names.units.find((u) => u.id === unit.id)?.name ?? `#${unit.id}`;
  const compoundName = names.compounds.find((c) => c.id === compound.id)?.name ?? `#${compound.id}`;
  let told: boolean;
  try {
    const r = await pairUnitWithCompound({
      ctx: turn.ctx,
      input: { unitId: unit.id, compoundId: compound.id },
    });
    told = r.notified.length > 0;
  } catch (e) {
    if (isCoreError(e, 'CONFLICT'))
      return [
        text(
          turn.t(e.details.reason === 'already_paired' ? 'pairunit.already' : 'pairunit.unit_taken', {
            unit: unitName,
            compound: compoundName,
          }),
        ),
      ];
    if (isCoreError(e, 'VALIDATION') && e.details.fields?.unitId === 'not_reported_here')
      return [text(turn.t('pairunit.not_reported', { id: unit.id }))];
    throw e;
  }
  const key = told ? 'pairunit.done' : 'pairunit.done_no_leader';
  return [text(turn.t(key, { unit: unitName, compound: compoundName }))];
}

export const pairUnitCommand: CommandSpec = {
  handler: pairUnit,
  audience: ['admin'],
  helpKey: 'help.pairunit',
};
