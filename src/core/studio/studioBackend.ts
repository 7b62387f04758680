import { raceAbort } from '../agent/abort';
import type { AgentBackend, BackendSession, BackendSink, PendingCall, PendingContext, RoundRequest, TurnResult } from '../agent/agentBackend';
import { MISTRAL_KEY_HINT } from '../agent/models/mistral';
import type { ModelTool } from '../agent/modelClient';
import { redactSecrets } from '../util/redact';
import type { StudioAttachment } from './studioAgent';
import { conversationTools, loadConversationApi, type ConversationApi, type ConversationInputEntry, type ConversationTool } from './studioConversationSdk';
import { readResponse, type StudioResponse } from './studioEvents';
import { studioFailure } from './studioRunErrors';
import { confirmPending, ServerExecutions } from './studioServerCalls';

export interface StudioBackendOptions {
  /** Key, URL and timeout of the Mistral API (same as StudioClient's); keyHint names the fix for a bad key. */
  api: { apiKey: string; serverUrl: string; timeoutMs?: number; keyHint?: string };
  model: string;
  studioConnectors: StudioAttachment[];
  /** Attach Mistral's built-in web_search. */
  webSearch: boolean;
  /** The Mistral conversation this chat continues, kept on the loop's Conversation (made when the first request is sent). */
  state: () => { conversationId?: string };
}

/**
 * The backend on Mistral's Conversations API ("Studio mode"): Studio connectors and web_search
 * run on Mistral's side and show as tool cards while the response streams; a call Mistral holds
 * for confirmation is returned as pending; the loop's function tools come back as tool calls.
 * Each round sends only what answers the last response (the conversation is kept by Mistral).
 */
export function studioBackend(options: StudioBackendOptions): AgentBackend {
  return {
    modelId: `mistral-studio:${options.model}`,
    serverTools: [...options.studioConnectors.map((a) => `studio:${a.connector.name}`), ...(options.webSearch ? ['web_search'] : [])],
    // The tools are fixed when the conversation starts: the reminder is asked in words.
    narrowsTools: false,
    open: async (functions, sink) => {
      const keyHint = options.api.keyHint ?? MISTRAL_KEY_HINT;
      if (!options.api.apiKey) return { ok: false, reason: 'error', message: `No Mistral API key. ${keyHint}`, kind: 'auth' };
      const loaded = await raceAbort(loadConversationApi(options.api), sink.signal);
      if (loaded.aborted) return { ok: false, reason: 'cancelled' };
      return { ok: true, session: new StudioSession(options, loaded.value, functions, sink, keyHint) };
    },
  };
}

class StudioSession implements BackendSession {
  private readonly executions: ServerExecutions;
  private readonly tools: ConversationTool[];

  constructor(
    private readonly options: StudioBackendOptions,
    private readonly api: ConversationApi,
    functions: readonly ModelTool[],
    private readonly sink: BackendSink,
    private readonly keyHint: string,
  ) {
    this.executions = new ServerExecutions(options.studioConnectors, sink.secrets, sink.emit, sink.transcript);
    const studio = options.studioConnectors.map((a) => ({ connectorId: a.connector.id, toolConfiguration: a.toolConfiguration }));
    this.tools = conversationTools(studio, options.webSearch, functions);
  }

  async turn(request: RoundRequest): Promise<TurnResult> {
    const sent = await this.send(request);
    if (!sent.ok) return sent;
    const response = sent.response;
    const pending: PendingCall[] = response.functionCalls
      .filter((c) => c.confirmationStatus === 'pending')
      .map((c) => ({ id: c.toolCallId, name: c.name, arguments: c.arguments }));
    // Any other status is Mistral's own bookkeeping of a server-side call; only calls without one are ours to run.
    const toolCalls = response.functionCalls.filter((c) => !c.confirmationStatus).map((c) => ({ id: c.toolCallId, name: c.name, arguments: c.arguments }));
    return { ok: true, turn: { text: response.text, toolCalls, pending } };
  }

  async confirmPending(call: PendingCall, ctx: PendingContext) {
    const answer = await confirmPending(
      { toolCallId: call.id, name: call.name, arguments: call.arguments },
      { ...ctx, attachments: this.options.studioConnectors },
    );
    // An allowed call runs in the next response; its execution continues this call's card.
    if (answer.confirmation === 'allow' && !ctx.signal.aborted) this.executions.expect(call.name, answer.toolCallId);
    return answer;
  }

  /** Answers the submit call (and the rest of the last response) so the conversation stays well formed for a follow-up run. */
  async close(request: RoundRequest): Promise<TurnResult> {
    if (this.sink.signal.aborted || !this.options.state().conversationId) return { ok: false, reason: 'cancelled' };
    const sent = await this.send(request);
    return sent.ok ? { ok: true, turn: { text: sent.response.text, toolCalls: [], pending: [] } } : sent;
  }

  /** One request and its streamed response; a failure or a cancellation is returned, for the loop to finish with. */
  private async send(request: RoundRequest): Promise<{ ok: true; response: StudioResponse } | Extract<TurnResult, { ok: false }>> {
    const { sink, api, options } = this;
    const { round } = request;
    const handlers = {
      text: (delta: string) => sink.text(delta),
      // The text the masking holds back was said before the tool ran: it goes before the tool's card.
      executionStarted: (exec: { id: string; name: string; arguments: string }) => {
        sink.flushText();
        this.executions.started(round, exec);
      },
      executionDone: (exec: { id: string; name: string; isError: boolean; info: Record<string, unknown> }) => this.executions.done(round, exec),
    };
    const inputs: string | ConversationInputEntry[] | undefined = request.results.length
      ? request.results.map((r) => ({ type: 'function.result' as const, toolCallId: r.toolCallId, result: r.content }))
      : request.input;
    const state = options.state();
    let response: StudioResponse;
    try {
      const { temperature } = request;
      const stream = state.conversationId
        ? api.append(
            state.conversationId,
            { ...(inputs !== undefined ? { inputs } : {}), ...(request.confirmations.length ? { toolConfirmations: request.confirmations } : {}) },
            sink.signal,
          )
        : api.start(
            {
              model: options.model,
              inputs: inputs ?? '',
              instructions: request.instructions,
              tools: this.tools,
              ...(temperature !== undefined ? { completionArgs: { temperature } } : {}),
            },
            sink.signal,
          );
      const read = await raceAbort(
        stream.then((events) => readResponse(events, handlers)),
        sink.signal,
      );
      if (read.aborted) return { ok: false, reason: 'cancelled' };
      response = read.value;
    } catch (err) {
      const failure = studioFailure(err, { url: options.api.serverUrl, keyHint: this.keyHint, signal: sink.signal }, api.transport(err), sink.secrets());
      if (failure.kind === 'cancelled') return { ok: false, reason: 'cancelled' };
      return { ok: false, reason: 'error', message: failure.message, kind: failure.kind };
    } finally {
      sink.flushText();
      this.executions.settle(round);
    }
    if (response.conversationId) state.conversationId = response.conversationId;
    if (response.usage) sink.usage(response.usage);
    if (response.error) {
      const said = redactSecrets(response.error.message, sink.secrets());
      return { ok: false, reason: 'error', message: `Mistral ended the response with an error (code ${response.error.code}): ${said}`, kind: 'server' };
    }
    if (!response.complete) {
      return {
        ok: false,
        reason: 'error',
        message: 'the Mistral response stream ended before it was done (no conversation.response.done event); try again',
        kind: 'server',
      };
    }
    return { ok: true, response };
  }
}
