// A fake Telegram Bot API on loopback: grammY talks to it with `client: { apiRoot: fake.url }`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BotCommand, Chat, Message, Update, UserFromGetMe } from 'grammy/types';
import { CallLog, listen, readParams, sendJson } from './fake-http.ts';
import { bad, checkCallbackData, renderText, TelegramError } from './fake-telegram-text.ts';
import { asUser, botUserFor, chatFor, nextMessageId, TEST_TOKEN, unixNow } from './fake-telegram-updates.ts';

export { TelegramError } from './fake-telegram-text.ts';
export * from './fake-telegram-updates.ts';

export type TelegramFile = { param?: string; field: string; filename?: string; size: number };
export type TelegramCall = {
  method: string;
  token: string;
  params: Record<string, unknown>;
  files: TelegramFile[];
  at: number;
  status: number;
  result?: unknown;
};
export type TelegramFailure =
  | { status: 429; retryAfter: number }
  | { status: 500 }
  | { status: 400 | 401 | 403 | 409; description?: string };
export type FakeTelegramOptions = { token?: string; bot?: Partial<UserFromGetMe>; maxPollMs?: number };

const DEFAULT_DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  409: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
  500: 'Internal Server Error',
};
// In multipart and form bodies every value is a string; these are the ones Telegram reads as JSON.
const JSON_PARAMS = new Set(['reply_markup', 'entities', 'caption_entities', 'reply_parameters', 'media']);
JSON_PARAMS.add('link_preview_options').add('commands').add('scope').add('allowed_updates');
const CHAT_ACTIONS = new Set(['typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice']);
CHAT_ACTIONS.add('upload_voice').add('upload_document').add('choose_sticker').add('find_location');

type Params = Record<string, unknown>;
type Ctx = { token: string; files: TelegramFile[]; res: ServerResponse };

export async function startFakeTelegram(options: FakeTelegramOptions = {}) {
  const maxPollMs = options.maxPollMs ?? 2000;
  const bot = botUserFor(options.token ?? TEST_TOKEN, options.bot);
  const log = new CallLog<TelegramCall>();
  const failures = new Map<string, TelegramFailure[]>();
  /** Per method, how long each of the next calls is held before it is answered. */
  const holds = new Map<string, number[]>();
  let queue: Update[] = [];
  let nextUpdateId = 700_000_001;
  const wakers = new Set<() => void>();
  const chats = new Map<string, Chat>();
  const stored = new Map<string, Message>();
  const commands = new Map<string, BotCommand[]>();
  let webhook: { url: string; secret_token?: string; allowed_updates?: string[] } | undefined;
  let fileSeq = 0;

  const key = (chatId: unknown, messageId: unknown) => `${chatId}:${messageId}`;
  const chatOf = (p: Params): Chat => {
    const id = p.chat_id;
    if (id === undefined || id === '') throw bad('chat_id is empty');
    return chats.get(String(id)) ?? chatFor(typeof id === 'number' ? id : String(id));
  };
  const wake = () => {
    for (const w of wakers) w();
  };

  function remember(update: Update): void {
    for (const value of Object.values(update)) {
      if (typeof value !== 'object' || value === null) continue;
      const chat = 'chat' in value ? value.chat : 'message' in value ? value.message?.chat : undefined;
      if (chat && typeof chat === 'object' && 'id' in chat) chats.set(String(chat.id), chat as Chat);
    }
  }

  function newMessage(p: Params, extra: Partial<Message>): Message {
    const chat = chatOf(p);
    const message = { message_id: nextMessageId(), from: asUser(bot), chat, date: unixNow(), ...extra };
    const markup = p.reply_markup;
    // Telegram only echoes inline keyboards; reply keyboards are never part of the returned Message.
    if (markup && typeof markup === 'object' && 'inline_keyboard' in markup) {
      checkCallbackData(markup);
      Object.assign(message, { reply_markup: markup });
    }
    stored.set(key(chat.id, message.message_id), message as Message);
    return message as Message;
  }

  function fileId(prefix: string) {
    fileSeq += 1;
    return { file_id: `${prefix}ACAgUAAxkDAAI${fileSeq}`, file_unique_id: `AQAD${fileSeq}` };
  }
  const fileFor = (param: string, ctx: Ctx) => ctx.files.find((f) => f.param === param);
  const caption = (p: Params) => (p.caption === undefined ? {} : renderText(p, 'caption', 1024));

  async function getUpdates(p: Params, ctx: Ctx): Promise<Update[]> {
    if (webhook) {
      throw new TelegramError(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    const offset = p.offset === undefined ? undefined : Number(p.offset);
    if (offset !== undefined && offset > 0) queue = queue.filter((u) => u.update_id >= offset);
    if (offset !== undefined && offset < 0) queue = queue.slice(offset);
    const limit = Math.min(Math.max(Number(p.limit ?? 100), 1), 100);
    const waitMs = Math.min(Number(p.timeout ?? 0) * 1000, maxPollMs);
    if (queue.length === 0 && waitMs > 0) {
      await new Promise<void>((resolve) => {
        const done = () => {
          wakers.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, waitMs);
        wakers.add(done);
        ctx.res.once('close', done); // the client aborted the long poll (grammY's bot.stop())
      });
    }
    return queue.slice(0, limit);
  }

  const methods: Record<string, (p: Params, ctx: Ctx) => unknown> = {
    getMe: () => bot,
    getUpdates,
    sendMessage: (p) => newMessage(p, renderText(p, 'text', 4096)),
    editMessageText(p) {
      if (p.inline_message_id !== undefined) return true;
      const message = stored.get(key(p.chat_id, p.message_id));
      if (!message) throw bad('message to edit not found');
      const next = renderText(p, 'text', 4096);
      const markup = p.reply_markup;
      const same =
        JSON.stringify(markup) ===
        JSON.stringify('reply_markup' in message ? message.reply_markup : undefined);
      if ('text' in message && message.text === next.text && same) {
        throw bad(
          'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
        );
      }
      if (markup && typeof markup === 'object') checkCallbackData(markup);
      // Omitting reply_markup on an edit removes the inline keyboard, as on the real API.
      const edited = { ...message, ...next, edit_date: unixNow(), reply_markup: markup } as Message;
      if (!markup) delete edited.reply_markup;
      stored.set(key(p.chat_id, p.message_id), edited);
      return edited;
    },
    answerCallbackQuery(p) {
      if (!p.callback_query_id)
        throw bad('query is too old and response timeout expired or query ID is invalid');
      return true;
    },
    setMyCommands(p) {
      const list = Array.isArray(p.commands) ? (p.commands as BotCommand[]) : [];
      for (const c of list) {
        if (!/^[a-z0-9_]{1,32}$/.test(c.command) || !c.description || c.description.length > 256)
          throw bad('BOT_COMMAND_INVALID');
      }
      commands.set(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']), list);
      return true;
    },
    getMyCommands: (p) =>
      commands.get(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? ''])) ?? [],
    deleteMyCommands(p) {
      commands.delete(JSON.stringify([p.scope ?? { type: 'default' }, p.language_code ?? '']));
      return true;
    },
    sendPhoto(p, ctx) {
      const size = fileFor('photo', ctx)?.size ?? 48_213;
      const photo = [
        { ...fileId('Ag'), file_size: Math.min(size, 1_402), width: 90, height: 90 },
        { ...fileId('Ag'), file_size: size, width: 320, height: 320 },
      ];
      return newMessage(p, { photo, ...caption(p) });
    },
    sendDocument(p, ctx) {
      const file = fileFor('document', ctx);
      const name = file?.filename ?? 'document.dat';
      const mime = name.endsWith('.pdf')
        ? 'application/pdf'
        : name.endsWith('.png')
          ? 'image/png'
          : 'text/plain';
      const document = { ...fileId('BQ'), file_name: name, mime_type: mime, file_size: file?.size ?? 1024 };
      return newMessage(p, { document, ...caption(p) });
    },
    sendChatAction(p) {
      chatOf(p);
      if (!CHAT_ACTIONS.has(String(p.action))) throw bad('wrong parameter action in request');
      return true;
    },
    setWebhook(p) {
      const url = String(p.url ?? '');
      if (url === '') return methods.deleteWebhook!(p, {} as Ctx);
      if (!url.startsWith('https://')) throw bad('bad webhook: An HTTPS URL must be provided for webhook');
      const secret = p.secret_token === undefined ? undefined : String(p.secret_token);
      if (secret !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(secret))
        throw bad('secret token is invalid');
      webhook = { url, secret_token: secret, allowed_updates: p.allowed_updates as string[] | undefined };
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue = [];
      return true;
    },
    deleteWebhook(p) {
      webhook = undefined;
      if (p.drop_pending_updates === true || p.drop_pending_updates === 'true') queue = [];
      wake();
      return true;
    },
    getWebhookInfo: () => ({
      url: webhook?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: queue.length,
      ...(webhook?.allowed_updates ? { allowed_updates: webhook.allowed_updates } : {}),
    }),
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    if (!route) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const [, token = '', method = ''] = route;
    const { params, files: parts } = await readParams(req, url, JSON_PARAMS);
    const files: TelegramFile[] = parts.map((p) => ({
      field: p.name,
      filename: p.filename,
      size: p.data.length,
    }));
    for (const [k, v] of Object.entries(params)) {
      const file =
        typeof v === 'string' && v.startsWith('attach://') && files.find((f) => `attach://${f.field}` === v);
      if (file) file.param = k;
    }
    const call: TelegramCall = { method, token, params, files, at, status: 200 };
    let result: unknown;
    try {
      if (options.token !== undefined && token !== options.token)
        throw new TelegramError(401, 'Unauthorized');
      const hold = holds.get(method)?.shift();
      if (hold) await new Promise((r) => setTimeout(r, hold));
      const failure = failures.get(method)?.shift();
      if (failure?.status === 429) {
        throw new TelegramError(429, `Too Many Requests: retry after ${failure.retryAfter}`, {
          retry_after: failure.retryAfter,
        });
      }
      if (failure)
        throw new TelegramError(
          failure.status,
          ('description' in failure && failure.description) || DEFAULT_DESCRIPTIONS[failure.status]!,
        );
      const fn = methods[method];
      if (!fn) throw new TelegramError(404, 'Not Found: method not found');
      result = await fn(params, { token, files, res });
    } catch (err) {
      if (!(err instanceof TelegramError)) throw err;
      call.status = err.code;
      log.record(call);
      const { code, description, parameters } = err;
      return sendJson(res, code, {
        ok: false,
        error_code: code,
        description,
        ...(parameters ? { parameters } : {}),
      });
    }
    call.result = result;
    log.record(call);
    const description = method === 'deleteWebhook' ? { description: 'Webhook was deleted' } : {};
    sendJson(res, 200, { ok: true, result, ...description });
  }

  const http = await listen(handle, () => wake());

  return {
    url: http.origin,
    bot,
    calls: log.calls,
    close: http.close,
    /** Queues an update for getUpdates; update_id is reassigned so fixtures can be replayed. */
    pushUpdate(update: Update): Update {
      const u = structuredClone(update);
      u.update_id = nextUpdateId++;
      const cq = u.callback_query;
      const known = cq?.message && stored.get(key(cq.message.chat.id, cq.message.message_id));
      if (cq && known) cq.message = known;
      remember(u);
      queue.push(u);
      wake();
      return u;
    },
    pendingUpdates: (): Update[] => [...queue],
    failNext(method: string, failure: TelegramFailure, times = 1): void {
      const list = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(failure);
      failures.set(method, list);
    },
    /** The next `times` calls of `method` are answered only after `ms` (a slow Telegram). */
    holdNext(method: string, ms: number, times = 1): void {
      const list = holds.get(method) ?? [];
      for (let i = 0; i < times; i++) list.push(ms);
      holds.set(method, list);
    },
    waitForCalls: (method: string, count = 1, timeoutMs = 5000) => log.waitFor(method, count, timeoutMs),
    callsOf: (method: string): TelegramCall[] => log.of(method),
    /** Texts of successful sendMessage calls to a chat, in order, as the bot sent them. */
    sent: (chatId: number | string): string[] =>
      log.calls
        .filter(
          (c) =>
            c.method === 'sendMessage' && c.status === 200 && String(c.params.chat_id) === String(chatId),
        )
        .map((c) => String(c.params.text)),
    message: (chatId: number | string, messageId: number): Message | undefined =>
      stored.get(key(chatId, messageId)),
    webhook: () => webhook,
  };
}

export type FakeTelegram = Awaited<ReturnType<typeof startFakeTelegram>>;
