import type { Language } from '../../db/schema/enums.ts';
import { makeCtx } from '../context.ts';
import { isCoreError } from '../errors.ts';
import { languageFromHint } from '../i18n/index.ts';
import { presentError } from '../i18n/present-error.ts';
import { clearDialog, emptyDialog } from './dialog-store.ts';
import { loadTurnState } from './load-turn-state.ts';
import { clip, MAX_INPUT_CHARS, normaliseInput } from './normalise-input.ts';
import { parseCommand } from './parse-command.ts';
import type { ActionHandler, CommandSpec, EngineDeps, FlowHandler, Turn } from './turn.ts';
import { makeTurnText, text } from './turn.ts';
import type { InboundEvent, Reply, ReplyResult } from './types.ts';

export type Registry = {
  commands: Record<string, CommandSpec>;
  /** Keyed by the first segment of the callback data ("cl" in "cl:12"). */
  actions: Record<string, ActionHandler>;
  /** Keyed by dialog flow name: free text while a flow is active goes here. */
  flows: Record<string, FlowHandler>;
  /** Free text with no active flow. */
  onText: FlowHandler;
  /** Every free-text message passes here before any flow; replies it returns end the turn. */
  screenText?: (turn: Turn, input: string) => Promise<Reply[] | null>;
  /**
   * One-line follow-ups (a reason after 驳回, a member id after 派给党员) with the buttons that
   * continue them: any command or other button ends them, so a later line cannot land on a stale wish.
   * An entry ending in ':' continues every button with that prefix ('vs:').
   */
  followUps?: Record<string, readonly string[]>;
};

export type ConversationEngine = { handle(event: InboundEvent): Promise<ReplyResult> };

/** The channel-agnostic conversation: inbound event → dialog state → operations → replies. */
export function createEngine(deps: EngineDeps, registry: Registry): ConversationEngine {
  async function buildTurn(event: InboundEvent): Promise<Turn | null> {
    const channelRef = `${event.actor.channel}:${event.actor.externalId}`;
    const state = await loadTurnState(deps.asyncCommitDb ?? deps.db, event.actor, channelRef, event.delivery);
    if (!state.fresh) return null;
    const { person, roles, dialog } = state;
    const language: Language = person?.language ?? languageFromHint(event.actor.languageHint);
    const ctx = makeCtx(deps.db, { personId: person?.id ?? null, channelRef }, deps.clock, deps.logger);
    return {
      deps,
      event,
      channelRef,
      ctx,
      person,
      roles,
      language,
      dialog,
      commands: registry.commands,
      t: makeTurnText(language),
    };
  }

  async function endFollowUpUnless(turn: Turn, action: string | null): Promise<void> {
    const continuing = turn.dialog.flow ? registry.followUps?.[turn.dialog.flow] : undefined;
    const continues = (allowed: string) =>
      action !== null && (allowed.endsWith(':') ? action.startsWith(allowed) : action === allowed);
    if (continuing === undefined || continuing.some(continues)) return;
    await clearDialog(deps.db, turn.channelRef);
    turn.dialog = emptyDialog;
  }

  async function route(turn: Turn): Promise<Reply[]> {
    const { event } = turn;
    // Before anything runs: a button pressed in a group would act for the presser in front of everyone.
    if (event.chatType === 'group') return [text(turn.t('common.group_chat'))];
    const raw = event.kind === 'action' ? (event.action ?? '') : (event.text ?? '');
    // A command event (Slack's /baodao) carries its text in command and args, not in text.
    const size = event.kind === 'command' ? [event.command ?? '', ...(event.args ?? [])].join(' ').length : 0;
    if (Math.max(raw.length, size) > MAX_INPUT_CHARS)
      return [text(turn.t('common.too_long', { max: MAX_INPUT_CHARS }))];
    if (event.kind === 'action') {
      const action = normaliseInput(raw);
      await endFollowUpUnless(turn, action);
      const [prefix = '', ...parts] = action.split(':');
      // Own keys only: "constructor" or "__proto__" must not reach Object.prototype.
      const handler = Object.hasOwn(registry.actions, prefix) ? registry.actions[prefix] : undefined;
      return handler ? handler(turn, parts) : [text(turn.t('common.stale_button'))];
    }
    const parsed =
      event.kind === 'command' && event.command
        ? { command: event.command.toLowerCase(), args: event.args ?? [] }
        : parseCommand(raw);
    if (parsed) {
      await endFollowUpUnless(turn, null);
      const spec = Object.hasOwn(registry.commands, parsed.command)
        ? registry.commands[parsed.command]
        : undefined;
      if (!spec) return [text(turn.t('common.unknown_command', { command: `/${clip(parsed.command, 32)}` }))];
      return spec.handler(turn, parsed.args);
    }
    const screened = await registry.screenText?.(turn, raw);
    if (screened) return screened;
    const flow = turn.dialog.flow ? registry.flows[turn.dialog.flow] : undefined;
    if (flow) return flow(turn, raw);
    return registry.onText(turn, raw);
  }

  return {
    async handle(event) {
      let turn: Turn | undefined;
      try {
        const built = await buildTurn(event);
        if (!built) {
          const language = languageFromHint(event.actor.languageHint);
          return { replies: [], language, personId: null, duplicate: true };
        }
        turn = built;
        const replies = await route(turn);
        return { replies, language: turn.language, personId: turn.person?.id ?? null };
      } catch (error) {
        const language = turn?.language ?? languageFromHint(event.actor.languageHint);
        if (isCoreError(error))
          return {
            replies: [text(presentError(language, error))],
            language,
            personId: turn?.person?.id ?? null,
          };
        deps.logger?.error(
          { err: error, channel: event.actor.channel, kind: event.kind },
          'conversation handler failed',
        );
        return {
          replies: [text(makeTurnText(language)('common.apology'))],
          language,
          personId: turn?.person?.id ?? null,
        };
      }
    },
  };
}
