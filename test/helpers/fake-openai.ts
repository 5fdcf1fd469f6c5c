// A fake OpenAI-compatible server: `new OpenAI({ apiKey, baseURL: fake.url + '/v1' })`.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
} from 'openai/resources/chat/completions';
import { listen, readBody, sendJson } from './fake-http.ts';

type FinishReason = ChatCompletion.Choice['finish_reason'];
export type ErrorSpec = { status: 400 | 401 | 404 | 429 | 500 | 503; retryAfter?: number; message?: string };
/** `{ delayMs }` alone answers the default content 'ok' after the delay. */
export type ReplySpec = { delayMs?: number; model?: string } & (
  | { content: string; finishReason?: FinishReason }
  | { json: unknown }
  | { refusal: string }
  | { malformed: true }
  | ErrorSpec
  | Record<never, never>
);
export type ChatRequest = ChatCompletionCreateParams & Record<string, unknown>;
export type Handler = (body: ChatRequest, index: number) => ReplySpec | Promise<ReplySpec>;
export type OpenAIRequest = {
  method: string;
  path: string;
  body: ChatRequest;
  headers: IncomingMessage['headers'];
  at: number;
  status?: number;
};
export type FakeOpenAIOptions = { apiKey?: string; models?: string[]; handler?: Handler };

const ERRORS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message:
      'Rate limit reached for requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request. Sorry about that!',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

const isError = (spec: ReplySpec): spec is ReplySpec & ErrorSpec => 'status' in spec;
const tokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));
const id = (prefix: string) => `${prefix}${randomBytes(12).toString('base64url')}`;

function errorBody(status: number, message?: string) {
  const e = ERRORS[status] ?? ERRORS[500]!;
  return { error: { message: message ?? e.message, type: e.type, param: null, code: e.code } };
}

function completion(body: ChatRequest, spec: ReplySpec): ChatCompletion {
  let content: string | null = null;
  let refusal: string | null = null;
  let finish: FinishReason = 'stop';
  if ('refusal' in spec) refusal = spec.refusal;
  else if ('json' in spec) content = JSON.stringify(spec.json);
  else if ('malformed' in spec)
    content = '{"intent": "checkin", "confidence": 0.9'; // truncated, not JSON
  else if ('content' in spec) [content, finish] = [spec.content, spec.finishReason ?? 'stop'];
  else content = 'ok';
  const promptTokens = tokens(JSON.stringify(body.messages ?? []));
  const completionTokens = tokens(content ?? refusal ?? '');
  return {
    id: id('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: spec.model ?? String(body.model),
    system_fingerprint: 'fp_fake0000',
    service_tier: 'default',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal, annotations: [] },
        logprobs: null,
        finish_reason: finish,
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: {
        reasoning_tokens: 0,
        audio_tokens: 0,
        accepted_prediction_tokens: 0,
        rejected_prediction_tokens: 0,
      },
    },
  };
}

// Server-sent events as the API streams them when the request has stream: true.
function streamCompletion(res: ServerResponse, full: ChatCompletion, includeUsage: boolean): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const { message, finish_reason } = full.choices[0]!;
  const base = {
    id: full.id,
    object: 'chat.completion.chunk' as const,
    created: full.created,
    model: full.model,
  };
  const chunk = (
    delta: ChatCompletionChunk.Choice['delta'],
    finish: FinishReason | null,
  ): ChatCompletionChunk => ({
    ...base,
    system_fingerprint: full.system_fingerprint,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const write = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  write(chunk({ role: 'assistant', content: '', refusal: null }, null));
  const text = message.content ?? '';
  for (let i = 0; i < text.length; i += 8) write(chunk({ content: text.slice(i, i + 8) }, null));
  if (message.refusal) write(chunk({ refusal: message.refusal }, null));
  write(chunk({}, finish_reason));
  if (includeUsage) write({ ...base, choices: [], usage: full.usage });
  res.end('data: [DONE]\n\n');
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}) {
  const requests: OpenAIRequest[] = [];
  const queue: ReplySpec[] = [];
  let handler = options.handler;
  let completions = 0;
  const timers = new Set<NodeJS.Timeout>();
  const models = options.models ?? ['gpt-4o-mini', 'gpt-4.1-mini'];

  const sleep = (ms: number, res: ServerResponse) =>
    new Promise<void>((resolve) => {
      const done = () => {
        timers.delete(timer);
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(done, ms);
      timers.add(timer);
      res.once('close', done); // the client timed out and hung up
    });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const raw = await readBody(req);
    const body = (raw.length > 0 ? JSON.parse(raw.toString()) : {}) as ChatRequest;
    const record: OpenAIRequest = { method: req.method ?? 'GET', path, body, headers: req.headers, at };
    requests.push(record);
    const reply = (status: number, payload: unknown, headers?: Record<string, string>) => {
      record.status = status;
      sendJson(res, status, payload, {
        'x-request-id': id('req_'),
        'openai-processing-ms': '12',
        ...headers,
      });
    };
    if (options.apiKey !== undefined && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      return reply(401, errorBody(401));
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const data = models.map((m) => ({
        id: m,
        object: 'model',
        created: 1_715_367_049,
        owned_by: 'system',
      }));
      return reply(200, { object: 'list', data });
    }
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return reply(404, errorBody(404, `Invalid URL (${req.method} ${path})`));
    }
    const index = completions++;
    const spec = queue.shift() ?? (handler ? await handler(body, index) : undefined);
    if (!spec) {
      // 400 rather than 5xx so the SDK does not retry an unscripted call.
      return reply(400, errorBody(400, 'fake-openai: no reply scripted for this request'));
    }
    if (spec.delayMs) await sleep(spec.delayMs, res);
    if (res.destroyed) return;
    if (isError(spec)) {
      const headers: Record<string, string> = {};
      if (spec.retryAfter !== undefined) headers['retry-after'] = String(spec.retryAfter);
      return reply(spec.status, errorBody(spec.status, spec.message), headers);
    }
    const result = completion(body, spec);
    if (body.stream === true) {
      record.status = 200;
      return streamCompletion(res, result, body.stream_options?.include_usage === true);
    }
    reply(200, result);
  }

  const http = await listen(handle, () => {
    for (const t of timers) clearTimeout(t);
  });

  return {
    /** Origin only; the SDK wants baseURL: `${url}/v1`. */
    url: http.origin,
    baseURL: `${http.origin}/v1`,
    requests,
    close: http.close,
    /** Replies used in order before the handler is consulted. */
    enqueue(...specs: ReplySpec[]): void {
      queue.push(...specs);
    },
    setHandler(next: Handler | undefined): void {
      handler = next;
    },
    /** Bodies of the chat completion requests, i.e. what the model was asked. */
    chatBodies: (): ChatRequest[] =>
      requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body),
  };
}

export type FakeOpenAI = Awaited<ReturnType<typeof startFakeOpenAI>>;
