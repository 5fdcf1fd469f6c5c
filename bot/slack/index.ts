// The Slack channel: Bolt over the app's shared HTTP server. Events, slash commands, buttons and the
// need form all arrive signed on /slack/events; replies go to the person's DM with the app.
import { type AnyMiddlewareArgs, App, HTTPReceiver } from '@slack/bolt';
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { ConversationEngine } from '../../core/conversation/engine.ts';
import { t } from '../../core/i18n/index.ts';
import type { Logger } from '../../core/logger.ts';
import type { Notifier } from '../../core/ports.ts';
import type { Route } from '../shared/http-server.ts';
import { toBoltLogger } from './bolt-logger.ts';
import { createPoster } from './deliver.ts';
import { registerConversation } from './features/conversation.ts';
import type { FeatureDeps } from './features/deps.ts';
import { publishHome, registerHome } from './features/home.ts';
import { registerNeedForm } from './features/need-modal.ts';
import { createSlackNotifier } from './notifier.ts';
import { channelRateLimiter } from './rate-limit.ts';
import { SLACK_EVENTS_PATH, slackEventsRoute } from './route.ts';
import { createSession } from './session.ts';
import { createDirectory, type SlackUserRef } from './to-actor.ts';

export type SlackChannelOptions = {
  botToken: string;
  signingSecret: string;
  /** Web API base URL ending in '/'; tests point it at the fake Slack. */
  apiUrl?: string;
  engine: ConversationEngine;
  /** Records a Slack event_id; false when it was already processed (a retry). */
  markProcessed: (eventId: string) => Promise<boolean>;
  logger: Logger;
  /** Messages per second per channel (SLACK_RATE_LIMIT). */
  rateLimitPerSecond?: number;
};

export type SlackChannel = {
  notifier: Notifier;
  /** Mount on the shared HTTP server: serves POST /slack/events. */
  routes: Route[];
  /** Verifies the token (auth.test); until then /slack/events answers 503. */
  start(): Promise<void>;
  /** Stops taking requests and waits (up to 10 s) for turns in progress. */
  stop(): Promise<void>;
  /** Resolves when no request is being processed (tests wait on it instead of sleeping). */
  idle(): Promise<void>;
};

const STOP_GRACE_MS = 10_000;
// The last overload of App.error: the handler that also gets the request body.
type ExtendedErrorHandler = Parameters<App['error']>[0];
type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** Who an incoming request came from, for the apology after a failure; null for non-personal events. */
export function senderOf(body: unknown): SlackUserRef | null {
  const b = (body ?? {}) as Body;
  const user = (b.user ?? {}) as Body;
  const event = (b.event ?? {}) as Body;
  const team = str(b.team_id) ?? str(user.team_id) ?? str((b.team as Body | undefined)?.id);
  if (b.type === 'event_callback')
    return event.type === 'message' && str(event.user) && team ? { team, user: str(event.user)! } : null;
  const id = str(b.user_id) ?? str(user.id);
  return id && team ? { team, user: id } : null;
}

export function createSlackChannel(options: SlackChannelOptions): SlackChannel {
  const { engine, logger, markProcessed } = options;
  const boltLogger = toBoltLogger(logger);
  const clientOptions: WebClientOptions = {
    // WebClient appends the method name to this URL as it is.
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.replace(/\/?$/, '/') } : {}),
    // Bounded: a reply is worth two more tries, not minutes of backoff while the person waits.
    retryConfig: { retries: 2, factor: 2, minTimeout: 300, maxTimeout: 3000 },
    timeout: 10_000,
    logger: boltLogger,
  };
  const receiver = new HTTPReceiver({
    signingSecret: options.signingSecret,
    endpoints: [SLACK_EVENTS_PATH],
    logger: boltLogger,
  });
  const app = new App({
    token: options.botToken,
    receiver,
    clientOptions,
    logger: boltLogger,
    // No auth.test in the constructor; start() runs it.
    deferInitialization: true,
    extendedErrorHandler: true,
    convoStore: false,
  });
  const web = app.client;
  // Notices go through a client that gives 429s back, so the outbox reschedules instead of blocking.
  const noticeWeb = new WebClient(options.botToken, { ...clientOptions, rejectRateLimitedCalls: true });
  const limiter = channelRateLimiter(options.rateLimitPerSecond ?? 1);
  const directory = createDirectory(web, logger);
  const poster = createPoster(web, limiter);
  const session = createSession({ engine, directory, poster });
  const inflight = new Set<Promise<unknown>>();

  // The one outermost catch: log with the event id and apologise. It never rethrows, so Slack gets
  // its 200 (already sent) and never redelivers because of our bug.
  async function reportFailure(error: unknown, body: unknown): Promise<void> {
    const b = (body ?? {}) as Body;
    const e = error as { original?: unknown; code?: unknown };
    logger.error(
      { err: e?.original ?? error, eventId: str(b.event_id), type: str(b.type), code: e?.code },
      'slack handler failed',
    );
    const sender = senderOf(body);
    if (!sender) return;
    try {
      const language = await directory.language(sender);
      await poster.post(await directory.dm(sender.user), { text: t(language, 'common.apology') });
    } catch (err) {
      logger.warn({ err }, 'slack apology could not be sent');
    }
  }

  // First middleware: drops redelivered events and wraps every listener. It calls reportFailure itself
  // (app.error only sees what fails before middleware) so idle() and stop() also wait for the apology.
  app.use(async ({ body, next }: AnyMiddlewareArgs & { next: () => Promise<void> }) => {
    const work = (async () => {
      try {
        // Events are acknowledged before middleware runs, so this check never delays the ack.
        const eventId = (body as Body).type === 'event_callback' ? str((body as Body).event_id) : undefined;
        if (eventId && !(await markProcessed(eventId))) {
          logger.info({ eventId }, 'slack event already processed; skipped');
          return;
        }
        await next();
      } catch (error) {
        await reportFailure(error, body);
      }
    })();
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
    await work;
  });
  const onError: ExtendedErrorHandler = ({ error, body }) => reportFailure(error, body);
  app.error(onError);

  const deps: FeatureDeps = {
    app,
    web,
    session,
    directory,
    logger,
    refreshHome: (ref) => publishHome({ session, web }, ref),
  };
  registerConversation(deps);
  registerNeedForm(deps);
  registerHome(deps);

  let ready = false;
  async function idle(): Promise<void> {
    while (inflight.size > 0) await Promise.allSettled([...inflight]);
  }

  return {
    notifier: createSlackNotifier({ poster: createPoster(noticeWeb, limiter), directory }),
    routes: [slackEventsRoute(receiver.requestListener, { isReady: () => ready })],
    async start() {
      await app.init();
      ready = true;
    },
    async stop() {
      ready = false;
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, STOP_GRACE_MS);
      });
      await Promise.race([idle(), grace]);
      clearTimeout(timer);
    },
    idle,
  };
}
