import { basicCommands } from './commands/basic.ts';
import { type ConversationEngine, createEngine, type Registry } from './engine.ts';
import { continueNeedReport, NEED_FLOW, needAction, startNeedReport } from './flows/need-report.ts';
import type { CommandSpec, EngineDeps, Turn } from './turn.ts';
import { hasRole, text } from './turn.ts';

const needCommand: CommandSpec = {
  handler: (turn, args) => startNeedReport(turn, args.join(' ')),
  audience: ['resident'],
  helpKey: 'help.need',
};

/** Every command, button and flow of the conversation, in the order /help lists them. */
export function buildRegistry(): Registry {
  const commands: Record<string, CommandSpec> = { ...basicCommands, need: needCommand };
  return {
    commands,
    actions: { nd: needAction },
    flows: { [NEED_FLOW]: continueNeedReport },
    onText: async (turn: Turn, raw: string) => {
      if (hasRole(turn, 'resident')) return startNeedReport(turn, raw);
      return [text(turn.t(turn.person ? 'common.not_understood' : 'start.unregistered'))];
    },
  };
}

/** The conversation engine with the full registry: what every channel adapter talks to. */
export function createConversation(deps: EngineDeps): ConversationEngine {
  return createEngine(deps, buildRegistry());
}
