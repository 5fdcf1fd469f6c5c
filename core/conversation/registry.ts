import { basicCommands } from './commands/basic.ts';
import { DISPATCH_FLOW, dispatchAction, dispatchCommands, dispatchFlow } from './commands/dispatch.ts';
import { inviteCommands } from './commands/invite.ts';
import { claimAction, memberWishCommands } from './commands/member-wishes.ts';
import { memberWorkCommands } from './commands/member-work.ts';
import { myWishCommands } from './commands/my-wishes.ts';
import { pairingActions, pairingCommands, pairingFlows, pairingFollowUps } from './commands/pairing.ts';
import { RATE_FLOW, rateAction, rateFlow } from './commands/rating.ts';
import { REVIEW_FLOW, reviewAction, reviewCommands, reviewFlow } from './commands/review.ts';
import { statsCommands } from './commands/stats.ts';
import { assignAction, unitCommands } from './commands/unit.ts';
import { type ConversationEngine, createEngine, type Registry } from './engine.ts';
import { screenEmergency } from './flows/need-emergency.ts';
import { continueNeedReport, NEED_FLOW, needAction, startNeedReport } from './flows/need-report.ts';
import type { CommandSpec, EngineDeps, Turn } from './turn.ts';
import { hasRole, text } from './turn.ts';

const needCommand: CommandSpec = {
  handler: (turn, args) => startNeedReport(turn, args.join(' ')),
  audience: ['resident'],
  helpKey: 'help.need',
};

/**
 * Every command, button and flow of the conversation, in the order /help lists them.
 * Button prefixes (callback data stays under Telegram's 64 bytes): nd need report, cl claim,
 * rt rating, rv review, dp dispatch, as assign within a unit; 一联一帮's are listed in commands/pairing.ts.
 */
export function buildRegistry(): Registry {
  const commands: Record<string, CommandSpec> = {
    ...basicCommands,
    need: needCommand,
    ...myWishCommands,
    ...memberWishCommands,
    ...memberWorkCommands,
    ...pairingCommands,
    ...unitCommands,
    ...reviewCommands,
    ...dispatchCommands,
    ...inviteCommands,
    ...statsCommands,
  };
  return {
    commands,
    actions: {
      nd: needAction,
      cl: claimAction,
      rt: rateAction,
      rv: reviewAction,
      dp: dispatchAction,
      as: assignAction,
      ...pairingActions,
    },
    flows: {
      [NEED_FLOW]: continueNeedReport,
      [RATE_FLOW]: rateFlow,
      [REVIEW_FLOW]: reviewFlow,
      [DISPATCH_FLOW]: dispatchFlow,
      ...pairingFlows,
    },
    followUps: { [RATE_FLOW]: ['rt:k'], [REVIEW_FLOW]: [], [DISPATCH_FLOW]: [], ...pairingFollowUps },
    onText: async (turn: Turn, raw: string) => {
      if (hasRole(turn, 'resident')) return startNeedReport(turn, raw);
      return [text(turn.t(turn.person ? 'common.not_understood' : 'start.unregistered'))];
    },
    // Whoever writes it and whatever the dialog, an emergency gets the hotlines; only residents'
    // reports alert a community.
    screenText: screenEmergency,
  };
}

/** The conversation engine with the full registry: what every channel adapter talks to. */
export function createConversation(deps: EngineDeps): ConversationEngine {
  return createEngine(deps, buildRegistry());
}
