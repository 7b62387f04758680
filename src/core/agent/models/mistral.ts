// @mistralai/mistralai is ESM-only. This file is CommonJS (like the rest of src/), so the SDK is
// loaded with a dynamic import() — kept as a real import() by tsc (module Node16) and tsx, and
// inlined by esbuild into the CJS bundles — and its types come in with resolution-mode 'import'.
// It is used through the SDK's standalone-function API (MistralCore + chatStream, the very function
// behind `mistral.chat.stream`), which its docs recommend for bundling. Measured in the CJS bundle
// (dev / minified): the `Mistral` class would add ~1.6 MiB / 660 KiB of SDK code; MistralCore +
// chatStream add ~660 / 240 KiB (a module reached through import() is not tree-shaken by esbuild).
// Its optional OpenTelemetry tracing is loaded lazily; scripts/build.mjs marks @opentelemetry/api
// external, so in the bundles that import fails and tracing stays off, as the SDK intends.
import type { MistralCore } from '@mistralai/mistralai/core.js' with { 'resolution-mode': 'import' };
import type { chatStream as ChatStream } from '@mistralai/mistralai/funcs/chatStream.js' with { 'resolution-mode': 'import' };
import type * as components from '@mistralai/mistralai/models/components' with { 'resolution-mode': 'import' };
import { ModelError, type ChatMessage, type ModelClient, type ModelEvent, type ModelRequest } from '../modelClient';
import { toModelError, type ProviderErrorContext } from './errors';
import { ToolCallAssembler, finishReason } from './toolCallAssembler';

export const MISTRAL_DEFAULT_MODEL = 'mistral-medium-latest';
export const MISTRAL_SERVER_URL = 'https://api.mistral.ai';
export const MISTRAL_KEY_HINT = 'Set the MISTRAL_API_KEY environment variable (CLI), or run "Connector Auditor: Set Mistral API Key" (VS Code).';

export interface MistralOptions {
  /** Required; without it stream() fails with ModelError 'auth' naming keyHint. */
  apiKey?: string;
  /** Default mistral-medium-latest. */
  model?: string;
  /** Default https://api.mistral.ai (the SDK appends /v1/chat/completions). */
  serverUrl?: string;
  /** How to fix a missing or rejected key, named in the error (default: MISTRAL_API_KEY / the VS Code command). */
  keyHint?: string;
  /** Per request (default 5 minutes, the SDK's); the caller's signal still cancels at any time. */
  timeoutMs?: number;
}

type MistralMessage = components.ChatCompletionStreamRequest['messages'][number];

export function toMistralMessages(messages: ChatMessage[]): MistralMessage[] {
  return messages.map((m): MistralMessage => {
    switch (m.role) {
      case 'system':
      case 'user':
        return { role: m.role, content: m.content };
      case 'assistant':
        return m.toolCalls?.length
          ? {
              role: 'assistant',
              content: m.content || null,
              toolCalls: m.toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })),
            }
          : { role: 'assistant', content: m.content };
      case 'tool':
        return { role: 'tool', toolCallId: m.toolCallId, name: m.name, content: m.content };
    }
  });
}

/** Text of a delta's content: a string, or chunks of which only `text` ones are shown (thinking is skipped). */
function deltaText(content: string | components.ContentChunk[] | null | undefined): string {
  if (!content) return '';
  if (typeof content === 'string') return content;
  return content.map((c) => (c.type === 'text' ? c.text : '')).join('');
}

/** Mistral's chat completions through @mistralai/mistralai (`chat.stream`). */
export class MistralClient implements ModelClient {
  readonly id: string;
  private readonly model: string;
  private readonly errorContext: Omit<ProviderErrorContext, 'signal'>;
  private sdk: Promise<{ core: MistralCore; chatStream: typeof ChatStream }> | undefined;

  constructor(private readonly options: MistralOptions) {
    this.model = options.model ?? MISTRAL_DEFAULT_MODEL;
    this.id = `mistral:${this.model}`;
    this.errorContext = {
      provider: 'Mistral',
      url: (options.serverUrl ?? MISTRAL_SERVER_URL).replace(/\/+$/, ''),
      keyHint: options.keyHint ?? MISTRAL_KEY_HINT,
    };
  }

  private client() {
    this.sdk ??= Promise.all([import('@mistralai/mistralai/core.js'), import('@mistralai/mistralai/funcs/chatStream.js')]).then(
      ([{ MistralCore }, { chatStream }]) => ({
        // retryConfig none: retrying is done once, in withRetries (retry.ts), for every provider alike.
        core: new MistralCore({
          apiKey: this.options.apiKey,
          serverURL: this.errorContext.url,
          retryConfig: { strategy: 'none' },
          timeoutMs: this.options.timeoutMs,
        }),
        chatStream,
      }),
    );
    return this.sdk;
  }

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelEvent> {
    const ctx = { ...this.errorContext, signal };
    if (!this.options.apiKey) throw new ModelError('auth', `No Mistral API key. ${ctx.keyHint}`);
    const hasTools = request.tools.length > 0;
    const assembler = new ToolCallAssembler();
    let usage: { inputTokens: number; outputTokens: number } | undefined;
    let finish: string | null | undefined;
    let sawCalls = false;
    let anonymous = 0;
    try {
      const { core, chatStream } = await this.client();
      const result = await chatStream(
        core,
        {
          model: this.model,
          messages: toMistralMessages(request.messages),
          ...(hasTools
            ? {
                tools: request.tools.map((t) => ({
                  type: 'function' as const,
                  function: { name: t.name, description: t.description, parameters: t.parameters },
                })),
                toolChoice: request.toolChoice ?? 'auto',
              }
            : {}),
          ...(hasTools && request.parallelToolCalls !== undefined ? { parallelToolCalls: request.parallelToolCalls } : {}),
          ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
        },
        { signal },
      );
      if (!result.ok) throw result.error;
      for await (const event of result.value) {
        const chunk = event.data;
        if (chunk.usage) usage = { inputTokens: chunk.usage.promptTokens ?? 0, outputTokens: chunk.usage.completionTokens ?? 0 };
        const choice = chunk.choices[0];
        if (!choice) continue;
        const text = deltaText(choice.delta.content);
        if (text) yield { type: 'text', delta: text };
        // Mistral sends each call whole (the SDK rejects a piece without function.name); a repeated
        // id would continue a call, so the assembler is keyed by id.
        for (const call of choice.delta.toolCalls ?? []) {
          const key = call.id && call.id !== 'null' ? call.id : `anonymous-${++anonymous}`;
          assembler.add(key, { id: call.id, name: call.function.name, arguments: call.function.arguments });
        }
        if (choice.finishReason) {
          finish = choice.finishReason;
          for (const call of assembler.drain()) {
            sawCalls = true;
            yield { type: 'toolCall', call };
          }
        }
      }
      // However the SDK ends an aborted stream, a cut-off turn must not pass for a finished one.
      signal.throwIfAborted();
    } catch (err) {
      const error = toModelError(err, ctx);
      if (error.kind === 'server' && /tool_calls.*function.*name/s.test(error.message)) {
        // What an OpenAI-compatible server sends (tool-call fragments without a name) fails the SDK's chunk schema.
        throw new ModelError(
          'server',
          `${error.message} — the server streams tool calls in fragments, as OpenAI-compatible servers do; use the OpenAI-compatible provider for it.`,
        );
      }
      throw error;
    }
    for (const call of assembler.drain()) {
      sawCalls = true;
      yield { type: 'toolCall', call };
    }
    if (usage) yield { type: 'usage', ...usage };
    yield { type: 'finish', reason: finish ? finishReason(finish) : sawCalls ? 'tool_calls' : 'stop' };
  }
}
