import { APIConnectionTimeoutError } from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAILanguageModel, languageModelFromConfig } from '../../../bot/llm/openai-model.ts';
import { needExtractionInstructions } from '../../../core/intake/prompt.ts';
import { ModelRefusedError } from '../../../core/ports.ts';
import { modelJson } from '../../core/intake/intake-world.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../../helpers/fake-openai.ts';

let ai: FakeOpenAI;
beforeEach(async () => {
  ai = await startFakeOpenAI({ apiKey: 'sk-test' });
});
afterEach(async () => {
  await ai.close();
});

const model = (options: Partial<Parameters<typeof createOpenAILanguageModel>[0]> = {}) =>
  createOpenAILanguageModel({ apiKey: 'sk-test', baseURL: ai.baseURL, model: 'gpt-4o-mini', ...options });
const ask = (m = model(), text = '3号楼门口的路灯坏了') => m.extractNeed({ text, language: 'zh-CN' });

describe('the openai LanguageModel adapter', () => {
  it('asks with the instructions and the redacted message as JSON, no tools, strict structured output', async () => {
    ai.enqueue({ json: modelJson({ kind: 'public_need' }) });
    const out = await model().extractNeed({
      text: '路灯坏了，电话[电话]',
      language: 'zh-CN',
      draft: { title: '路灯', details: '路灯' },
    });
    expect(out).toMatchObject({ kind: 'public_need' });
    const body = ai.chatBodies()[0]!;
    expect(body.tools).toBeUndefined();
    expect(body.tool_choice).toBeUndefined();
    expect(body.temperature).toBe(0);
    expect(body.messages).toEqual([
      { role: 'system', content: needExtractionInstructions },
      {
        role: 'user',
        content: JSON.stringify({
          message: '路灯坏了，电话[电话]',
          draft: { title: '路灯', details: '路灯' },
        }),
      },
    ]);
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'need_report', strict: true },
    });
  });

  it('speaks JSON mode for servers without structured output, and reads fenced JSON', async () => {
    ai.enqueue({ content: '```json\n{"kind":"micro_wish"}\n```' });
    expect(await ask(model({ responseFormat: 'json_object' }))).toEqual({ kind: 'micro_wish' });
    expect(ai.chatBodies()[0]?.response_format).toEqual({ type: 'json_object' });
  });

  it('throws on a refusal, a content filter, malformed JSON and an empty answer', async () => {
    ai.enqueue(
      { refusal: "I'm sorry, I can't help with that." },
      { content: '{}', finishReason: 'content_filter' },
      { malformed: true },
      { content: '' },
    );
    await expect(ask()).rejects.toBeInstanceOf(ModelRefusedError);
    await expect(ask()).rejects.toBeInstanceOf(ModelRefusedError);
    await expect(ask()).rejects.toBeInstanceOf(SyntaxError);
    await expect(ask()).rejects.toBeInstanceOf(SyntaxError);
  });

  it('retries 429 and 500 at most twice, then gives up', async () => {
    ai.enqueue({ status: 429, retryAfter: 0 }, { status: 500 }, { json: modelJson() });
    expect(await ask()).toMatchObject({ kind: 'micro_wish' });
    expect(ai.requests.map((r) => r.status)).toEqual([429, 500, 200]);
    ai.enqueue({ status: 500 }, { status: 500 }, { status: 500 }, { json: modelJson() });
    await expect(ask()).rejects.toMatchObject({ status: 500 });
    expect(ai.requests.map((r) => r.status)).toEqual([429, 500, 200, 500, 500, 500]);
  });

  it('times out per attempt and keeps to its overall budget', async () => {
    ai.enqueue({ delayMs: 3000, json: modelJson() });
    await expect(ask(model({ timeoutMs: 150, maxRetries: 0 }))).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    ai.setHandler(() => ({ delayMs: 3000, json: modelJson() }));
    const started = Date.now();
    await expect(ask(model({ timeoutMs: 400, maxRetries: 2, budgetMs: 600 }))).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('is not configured without OPENAI_API_KEY', () => {
    const base = { OPENAI_MODEL: 'qwen-plus', OPENAI_TIMEOUT_MS: 8000, OPENAI_BASE_URL: undefined };
    expect(languageModelFromConfig({ ...base, OPENAI_API_KEY: undefined })).toBeUndefined();
    expect(languageModelFromConfig({ ...base, OPENAI_API_KEY: 'sk-x' })?.name).toBe('openai:qwen-plus');
  });
});
