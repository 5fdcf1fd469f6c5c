// Everything 一联一帮 adds to the registry: commands (in /help order), buttons, the /visit dialog.
import type { ActionHandler, CommandSpec, FlowHandler } from '../turn.ts';
import { askVisitCommand } from './ask-visit.ts';
import { endPairingCommands } from './end-pairing.ts';
import { pairAction, pairCommand } from './pair.ts';
import { pairUnitCommand } from './pair-unit.ts';
import { pairMemberAction, pairsAdminCommands, suggestAction } from './pairs-admin.ts';
import { vacationCommand } from './vacation.ts';
import { VISIT_FLOW, VISIT_FOLLOW_UPS, visitChoiceAction, visitCommand, visitFlow } from './visit.ts';
import { answerRequestAction, confirmVisitAction, logVisitAction, snoozeAction } from './visit-actions.ts';

export const pairingCommands: Record<string, CommandSpec> = {
  pair: pairCommand,
  visit: visitCommand,
  vacation: vacationCommand,
  askvisit: askVisitCommand,
  ...pairsAdminCommands,
  ...endPairingCommands,
  pairunit: pairUnitCommand,
};

/** vl log a visit, vs a /visit choice, vc confirm, va answer a request, sz snooze, pr /pair, ps / pm admin. */
export const pairingActions: Record<string, ActionHandler> = {
  vl: logVisitAction,
  vs: visitChoiceAction,
  vc: confirmVisitAction,
  va: answerRequestAction,
  sz: snoozeAction,
  pr: pairAction,
  ps: suggestAction,
  pm: pairMemberAction,
};

export const pairingFlows: Record<string, FlowHandler> = { [VISIT_FLOW]: visitFlow };

export const pairingFollowUps: Record<string, readonly string[]> = { [VISIT_FLOW]: VISIT_FOLLOW_UPS };
