// @mistralai/mistralai is ESM-only: loaded with import() and its types with resolution-mode
// 'import', through MistralCore and the two standalone stream functions so the CJS bundles carry
// only the Conversations API's streaming part (see models/mistral.ts for the measurements).
import type { MistralCore } from '@mistralai/mistralai/core.js' with { 'resolution-mode': 'import' };
import type * as components from '@mistralai/mistralai/models/components' with { 'resolution-mode': 'import' };

export type ConversationEvent = components.ConversationEvents['data'];
export type ConversationTool = NonNullable<components.ConversationStreamRequest['tools']>[number];
export type ConversationInputEntry = Exclude<components.ConversationInputs, string>[number];
export type ToolConfirmation = NonNullable<components.ConversationAppendStreamRequest['toolConfirmations']>[number];
export type StudioTransport = 'aborted' | 'connection' | 'timeout';

export interface ConversationSdkOptions {
  apiKey: string;
  serverUrl: string;
  timeoutMs?: number;
}

/** The start and append requests of one run, each answered as a stream of ConversationEvents. */
export interface ConversationApi {
  start(request: components.ConversationStreamRequest, signal: AbortSignal): Promise<AsyncIterable<components.ConversationEvents>>;
  append(
    conversationId: string,
    request: components.ConversationAppendStreamRequest,
    signal: AbortSignal,
  ): Promise<AsyncIterable<components.ConversationEvents>>;
  /** How the SDK classified a failure (instanceof survives minification, class names do not). */
  transport(err: unknown): StudioTransport | undefined;
}

export async function loadConversationApi(options: ConversationSdkOptions): Promise<ConversationApi> {
  const [core, errors, start, append] = await Promise.all([
    import('@mistralai/mistralai/core.js'),
    import('@mistralai/mistralai/models/errors'),
    import('@mistralai/mistralai/funcs/betaConversationsStartStream.js'),
    import('@mistralai/mistralai/funcs/betaConversationsAppendStream.js'),
  ]);
  // retryConfig none: a conversation turn is not idempotent (a retried append would run tools twice).
  const client: MistralCore = new core.MistralCore({
    apiKey: options.apiKey,
    serverURL: options.serverUrl,
    retryConfig: { strategy: 'none' },
    timeoutMs: options.timeoutMs,
  });
  return {
    async start(request, signal) {
      const result = await start.betaConversationsStartStream(client, request, { signal });
      if (!result.ok) throw result.error;
      return result.value;
    },
    async append(conversationId, request, signal) {
      const result = await append.betaConversationsAppendStream(client, { conversationId, conversationAppendStreamRequest: request }, { signal });
      if (!result.ok) throw result.error;
      return result.value;
    },
    transport: (err) =>
      err instanceof errors.RequestAbortedError
        ? 'aborted'
        : err instanceof errors.RequestTimeoutError
          ? 'timeout'
          : err instanceof errors.ConnectionError
            ? 'connection'
            : undefined,
  };
}

/** Mistral's own connectors (web_search, …) and Studio connectors by id, plus local tools as functions. */
export function conversationTools(
  studio: ReadonlyArray<{ connectorId: string; toolConfiguration: components.ToolConfiguration }>,
  webSearch: boolean,
  functions: ReadonlyArray<{ name: string; description: string; parameters: Record<string, unknown> }>,
): ConversationTool[] {
  return [
    ...studio.map((s): ConversationTool => ({
      type: 'connector',
      connectorId: s.connectorId,
      ...(Object.keys(s.toolConfiguration).length ? { toolConfiguration: s.toolConfiguration } : {}),
    })),
    ...(webSearch ? [{ type: 'web_search' as const }] : []),
    ...functions.map((f): ConversationTool => ({ type: 'function', function: { name: f.name, description: f.description, parameters: f.parameters } })),
  ];
}
