// The LanguageModel port over the openai SDK: any OpenAI-compatible chat-completions server (OpenAI,
// Qwen/DashScope, DeepSeek, Ollama, vLLM) through OPENAI_BASE_URL. The model gets no tools, only the
// constant instructions and the resident's redacted words as JSON; its answer is returned as data
// for core to validate and clamp. Every failure is thrown: core then falls back to its rules.
import OpenAI from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import type { Config } from '../../core/config.ts';
import { needExtractionInstructions, needExtractionUserMessage } from '../../core/intake/prompt.ts';
import { modelOutputSchema } from '../../core/intake/schemas.ts';
import { type LanguageModel, ModelRefusedError, type NeedExtractionRequest } from '../../core/ports.ts';

export type OpenAIModelOptions = {
  apiKey: string;
  /** e.g. https://dashscope.aliyuncs.com/compatible-mode/v1, http://127.0.0.1:11434/v1 (Ollama). */
  baseURL?: string;
  model: string;
  /** Per attempt; default 8 s. */
  timeoutMs?: number;
  /** Retries of 429, 5xx, timeouts and dropped connections (the SDK's back-off); default 2. */
  maxRetries?: number;
  /** One extraction including its retries never takes longer; default twice timeoutMs. */
  budgetMs?: number;
  /**
   * 'json_schema' (strict structured output: OpenAI, vLLM, recent Ollama) or 'json_object' for
   * servers that only know JSON mode (DeepSeek, some Qwen deployments). Default 'json_schema'.
   */
  responseFormat?: 'json_schema' | 'json_object';
  /** Replaces the default instructions (tests plant canaries here); never put personal data in it. */
  instructions?: string;
};

const SCHEMA_NAME = 'need_report';
const MAX_OUTPUT_TOKENS = 800;

function responseFormat(kind: 'json_schema' | 'json_object') {
  return kind === 'json_object'
    ? ({ type: 'json_object' } as const)
    : zodResponseFormat(modelOutputSchema, SCHEMA_NAME);
}

/** Some servers wrap JSON in a ```json fence even in JSON mode. */
function jsonOf(content: string): unknown {
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(content);
  return JSON.parse(fenced ? fenced[1]! : content);
}

/** A LanguageModel backed by an OpenAI-compatible chat-completions endpoint. */
export function createOpenAILanguageModel(options: OpenAIModelOptions): LanguageModel {
  const timeout = options.timeoutMs ?? 8000;
  const budget = options.budgetMs ?? timeout * 2;
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    timeout,
    maxRetries: options.maxRetries ?? 2,
    logLevel: 'off',
  });
  const format = responseFormat(options.responseFormat ?? 'json_schema');
  const instructions = options.instructions ?? needExtractionInstructions;
  return {
    name: `openai:${options.model}`,
    async extractNeed(request: NeedExtractionRequest, call = {}) {
      const params: ChatCompletionCreateParamsNonStreaming = {
        model: options.model,
        temperature: 0,
        max_tokens: MAX_OUTPUT_TOKENS,
        response_format: format,
        messages: [
          { role: 'system', content: instructions },
          { role: 'user', content: needExtractionUserMessage(request) },
        ],
      };
      const signals = [AbortSignal.timeout(budget), ...(call.signal ? [call.signal] : [])];
      const completion = await client.chat.completions.create(params, { signal: AbortSignal.any(signals) });
      const choice = completion.choices[0];
      if (choice?.message.refusal || choice?.finish_reason === 'content_filter')
        throw new ModelRefusedError();
      const content = choice?.message.content;
      if (!content) throw new SyntaxError('the model returned no content');
      return jsonOf(content);
    },
  };
}

/** The configured model, or undefined when OPENAI_API_KEY is not set (the rules then read needs). */
export function languageModelFromConfig(
  config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL' | 'OPENAI_MODEL' | 'OPENAI_TIMEOUT_MS'>,
  extra: Partial<Pick<OpenAIModelOptions, 'responseFormat' | 'maxRetries' | 'budgetMs'>> = {},
): LanguageModel | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return createOpenAILanguageModel({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    model: config.OPENAI_MODEL,
    timeoutMs: config.OPENAI_TIMEOUT_MS,
    ...extra,
  });
}
