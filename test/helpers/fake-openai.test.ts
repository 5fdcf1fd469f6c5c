import OpenAI, { APIConnectionTimeoutError, InternalServerError, RateLimitError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.ts';

let ai: FakeOpenAI;
beforeEach(async () => {
  ai = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterEach(async () => {
  await ai.close();
});

const client = (options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ apiKey: 'sk-test', baseURL: `${ai.url}/v1`, maxRetries: 0, ...options });
const ask = (openai: OpenAI, content = '我想报到') =>
  openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

describe('fake OpenAI with the real openai SDK', () => {
  it('returns scripted content and records what the model was asked', async () => {
    ai.enqueue({ content: '你好！' });
    const res = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are Baodao.' },
        { role: 'user', content: '你好' },
      ],
      temperature: 0.2,
    });
    expect(res.object).toBe('chat.completion');
    expect(res.choices[0]?.message).toMatchObject({ role: 'assistant', content: '你好！', refusal: null });
    expect(res.choices[0]?.finish_reason).toBe('stop');
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
    expect(ai.chatBodies()[0]).toMatchObject({
      model: 'gpt-4o-mini',
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'You are Baodao.' },
        { role: 'user', content: '你好' },
      ],
    });
    expect(ai.requests[0]?.headers.authorization).toBe('Bearer sk-test');
  });

  it('serves JSON that chat.completions.parse() turns into typed output', async () => {
    const Intent = z.object({ intent: z.enum(['checkin', 'other']), confidence: z.number() });
    ai.enqueue({ json: { intent: 'checkin', confidence: 0.93 } });
    const res = await client().chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: '报到' }],
      response_format: zodResponseFormat(Intent, 'intent'),
    });
    expect(res.choices[0]?.message.parsed).toEqual({ intent: 'checkin', confidence: 0.93 });
    expect(ai.chatBodies()[0]?.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'intent', strict: true },
    });
  });

  it('returns refusals and malformed JSON as the API does', async () => {
    ai.enqueue({ refusal: "I'm sorry, I can't help with that." }, { malformed: true });
    const refused = await ask(client());
    expect(refused.choices[0]?.message).toMatchObject({
      content: null,
      refusal: "I'm sorry, I can't help with that.",
    });
    const malformed = await ask(client());
    expect(() => JSON.parse(malformed.choices[0]?.message.content ?? '')).toThrow(SyntaxError);
  });

  it('answers 429 with retry-after, which the SDK retries with maxRetries', async () => {
    ai.enqueue({ status: 429, retryAfter: 0 }, { content: 'second time lucky' });
    const res = await ask(client({ maxRetries: 2 }));
    expect(res.choices[0]?.message.content).toBe('second time lucky');
    expect(ai.requests.map((r) => r.status)).toEqual([429, 200]);
    expect(ai.requests[1]?.headers['x-stainless-retry-count']).toBe('1');

    ai.enqueue({ status: 429 });
    const err = await ask(client()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    ai.enqueue({ status: 500 });
    await expect(ask(client())).rejects.toBeInstanceOf(InternalServerError);
  });

  it('lets a handler answer from the request, and delays past the client timeout', async () => {
    ai.setHandler((body) => {
      const last = body.messages.at(-1);
      return { content: `echo: ${typeof last?.content === 'string' ? last.content : ''}` };
    });
    expect((await ask(client(), 'ping')).choices[0]?.message.content).toBe('echo: ping');
    ai.enqueue({ delayMs: 2000, content: 'too late' });
    await expect(ask(client({ timeout: 200 }))).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('streams when asked to, lists models, and rejects a wrong key', async () => {
    ai.enqueue({ content: '流式回复，分块发送' });
    const stream = await client().chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: unknown;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      usage ??= chunk.usage ?? undefined;
    }
    expect(text).toBe('流式回复，分块发送');
    expect(usage).toMatchObject({ total_tokens: expect.any(Number) });

    const models = await client().models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o-mini');
    await expect(ask(client({ apiKey: 'sk-wrong' }))).rejects.toMatchObject({
      status: 401,
      code: 'invalid_api_key',
    });
    await expect(ask(client())).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('no reply scripted'),
    });
  });
});
