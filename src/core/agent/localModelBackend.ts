import { redactSecrets } from '../util/redact';
import type { AgentBackend, BackendSink, RoundRequest, TurnResult } from './agentBackend';
import { ModelError, type ModelClient } from './modelClient';
import { streamTurn } from './modelTurn';

/**
 * The backend over a ModelClient (Mistral, OpenAI-compatible, VS Code LM): each round sends the
 * whole history; a turn is text and tool calls, all of them the loop's to run.
 */
export function localModelBackend(model: ModelClient): AgentBackend {
  return {
    modelId: model.id,
    serverTools: [],
    narrowsTools: true,
    open: async (_functions, sink) => ({ ok: true, session: { turn: (request) => localTurn(model, request, sink) } }),
  };
}

async function localTurn(model: ModelClient, request: RoundRequest, sink: BackendSink): Promise<TurnResult> {
  const { messages, tools, toolChoice, temperature } = request;
  try {
    const turn = await streamTurn(model, { messages, tools, toolChoice, parallelToolCalls: true, temperature }, sink.signal, (event) => {
      if (event.type === 'text') sink.text(event.delta);
      if (event.type === 'usage') sink.usage({ inputTokens: event.inputTokens, outputTokens: event.outputTokens });
    });
    // Text held back for masking is shown once the turn is over, or cut short by cancelling.
    sink.flushText();
    if (!turn) return { ok: false, reason: 'cancelled' };
    return { ok: true, turn: { text: turn.text, toolCalls: turn.toolCalls, pending: [] } };
  } catch (err) {
    if (sink.signal.aborted || (err instanceof ModelError && err.kind === 'cancelled')) return { ok: false, reason: 'cancelled' };
    const kind = err instanceof ModelError ? err.kind : undefined;
    return { ok: false, reason: 'error', message: redactSecrets(err instanceof Error ? err.message : String(err), sink.secrets()), ...(kind ? { kind } : {}) };
  }
}
