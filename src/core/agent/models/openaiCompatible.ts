import OpenAI from 'openai';
import { ModelError, type ChatMessage, type ModelClient, type ModelEvent, type ModelRequest } from '../modelClient';
import { toModelError, type ProviderErrorContext } from './errors';
import { ToolCallAssembler, finishReason } from './toolCallAssembler';

type ChatCompletionMessageParam = OpenAI.Chat.Completions.ChatCompletionMessageParam;
type ChatCompletionFunctionTool = OpenAI.Chat.Completions.ChatCompletionFunctionTool;

/** Ollama's OpenAI-compatible endpoint; LM Studio is http://127.0.0.1:1234/v1, vLLM http://127.0.0.1:8000/v1. */
export const OLLAMA_BASE_URL = 'http://127.0.0.1:11434/v1';
export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Local servers ignore the key, but the SDK wants one. */
const NO_KEY = 'not-needed';

export interface OpenAICompatibleOptions {
  model: string;
  /** Default: Ollama at http://127.0.0.1:11434/v1. */
  baseUrl?: string;
  /** Optional for local servers (Ollama, LM Studio, vLLM); api.openai.com needs one. */
  apiKey?: string;
  /** How to fix a missing or rejected key, named in the error. */
  keyHint?: string;
  /** Per request (default 10 minutes). The caller's signal still cancels at any time. */
  timeoutMs?: number;
}

export function toOpenAIMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.map((m): ChatCompletionMessageParam => {
    switch (m.role) {
      case 'system':
      case 'user':
        return { role: m.role, content: m.content };
      case 'assistant':
        return m.toolCalls?.length
          ? {
              role: 'assistant',
              content: m.content || null,
              tool_calls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
            }
          : { role: 'assistant', content: m.content };
      case 'tool':
        return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
    }
  });
}

function transportFailure(err: unknown): 'aborted' | 'connection' | 'timeout' | undefined {
  if (err instanceof OpenAI.APIUserAbortError) return 'aborted';
  if (err instanceof OpenAI.APIConnectionTimeoutError) return 'timeout';
  if (err instanceof OpenAI.APIConnectionError) return 'connection';
  return undefined;
}

/** Ollama, LM Studio, vLLM, OpenAI and anything else that speaks chat completions, through the `openai` package. */
export class OpenAICompatibleClient implements ModelClient {
  readonly id: string;
  private readonly client: OpenAI;
  private readonly errorContext: Omit<ProviderErrorContext, 'signal'>;
  private readonly missingKey: boolean;

  constructor(private readonly options: OpenAICompatibleOptions) {
    const baseURL = (options.baseUrl ?? OLLAMA_BASE_URL).replace(/\/+$/, '');
    this.id = `openai:${options.model}`;
    this.missingKey = !options.apiKey && new URL(baseURL).hostname === 'api.openai.com';
    this.errorContext = {
      provider: baseURL === OPENAI_BASE_URL ? 'OpenAI' : 'the OpenAI-compatible server',
      url: baseURL,
      keyHint: options.keyHint ?? 'Set OPENAI_API_KEY (or pass the key in the model settings).',
    };
    // maxRetries 0: retrying is done once, in withRetries (retry.ts), for every provider alike.
    this.client = new OpenAI({ baseURL, apiKey: options.apiKey || NO_KEY, maxRetries: 0, timeout: options.timeoutMs });
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelEvent> {
    const ctx = { ...this.errorContext, signal };
    if (this.missingKey) throw new ModelError('auth', `No API key for ${ctx.provider} at ${ctx.url}. ${ctx.keyHint}`);
    const hasTools = request.tools.length > 0;
    const tools: ChatCompletionFunctionTool[] = request.tools.map((t) => ({
      type: 'function',
      function: { name: t.name, description: t.description, parameters: t.parameters },
    }));
    const assembler = new ToolCallAssembler();
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    let finish: string | null | undefined;
    let sawCalls = false;
    try {
      const stream = await this.client.chat.completions.create(
        {
          model: this.options.model,
          messages: toOpenAIMessages(request.messages),
          stream: true,
          stream_options: { include_usage: true },
          ...(hasTools ? { tools, tool_choice: request.toolChoice ?? 'auto' } : {}),
          ...(hasTools && request.parallelToolCalls !== undefined ? { parallel_tool_calls: request.parallelToolCalls } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        },
        { signal },
      );
      for await (const chunk of stream) {
        if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens ?? 0, outputTokens: chunk.usage.completion_tokens ?? 0 };
        const choice = chunk.choices?.[0];
        if (!choice) continue;
        if (choice.delta?.content) yield { type: 'text', delta: choice.delta.content };
        for (const part of choice.delta?.tool_calls ?? []) {
          assembler.add(String(part.index ?? 0), { id: part.id, name: part.function?.name, arguments: part.function?.arguments });
        }
        if (choice.finish_reason) {
          finish = choice.finish_reason;
          for (const call of assembler.drain()) {
            sawCalls = true;
            yield { type: 'toolCall', call };
          }
        }
      }
      // The openai SDK ends a stream quietly when its request is aborted; a cut-off turn must not pass for a finished one.
      signal.throwIfAborted();
    } catch (err) {
      throw toModelError(err, ctx, transportFailure(err));
    }
    for (const call of assembler.drain()) {
      sawCalls = true;
      yield { type: 'toolCall', call };
    }
    if (usage) yield { type: 'usage', ...usage };
    yield { type: 'finish', reason: finish ? finishReason(finish) : sawCalls ? 'tool_calls' : 'stop' };
  }
}
