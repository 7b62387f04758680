import { ModelError, type ModelClient, type ModelEvent, type ModelRequest, type ModelToolCall } from '../../src/core/agent/modelClient';

/**
 * An in-memory ModelClient that plays a script, one step per request, and records every
 * request it receives. Steps may be functions of the request, to answer with what the loop
 * just sent (a tool result, the tool list).
 */

export interface ScriptTurn {
  /** Streamed as deltas, in order. */
  text?: string | string[];
  toolCalls?: ModelToolCall[];
  usage?: { inputTokens: number; outputTokens: number };
  /** Waits before each event (honouring the signal), to make a stream slow. */
  delayMs?: number;
  /** After the text: wait for the signal ('signal', as real clients do) or forever ('ignore-signal'). */
  hang?: 'signal' | 'ignore-signal';
  error?: Error;
}

export type ScriptStep = ScriptTurn | ((request: ModelRequest, index: number) => ScriptTurn);

let nextId = 0;

/** A tool call as a provider sends it; `args` as a string is sent raw (to test malformed JSON). */
export function toolCall(name: string, args: unknown = {}, id = `call_${++nextId}`): ModelToolCall {
  return { id, name, arguments: typeof args === 'string' ? args : JSON.stringify(args) };
}

export class ScriptedModel implements ModelClient {
  readonly id = 'scripted:test';
  readonly requests: ModelRequest[] = [];

  constructor(
    private readonly steps: ScriptStep[],
    private readonly fallback: ScriptTurn = { text: 'Nothing more to do.' },
  ) {}

  async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
    const index = this.requests.length;
    // A copy: the loop keeps appending to the conversation after this request.
    this.requests.push({ ...request, messages: [...request.messages], tools: [...request.tools] });
    const step = this.steps[index] ?? this.fallback;
    const turn = typeof step === 'function' ? step(request, index) : step;
    if (turn.error) throw turn.error;
    const texts = turn.text === undefined ? [] : Array.isArray(turn.text) ? turn.text : [turn.text];
    for (const delta of texts) {
      await pause(turn.delayMs, signal);
      yield { type: 'text', delta };
    }
    if (turn.hang === 'signal') {
      await new Promise<void>((_, reject) => {
        const fail = () => reject(new ModelError('cancelled', 'The request was cancelled.'));
        if (signal.aborted) fail();
        signal.addEventListener('abort', fail, { once: true });
      });
    }
    if (turn.hang === 'ignore-signal') await new Promise(() => undefined);
    for (const call of turn.toolCalls ?? []) {
      await pause(turn.delayMs, signal);
      yield { type: 'toolCall', call };
    }
    if (turn.usage) yield { type: 'usage', ...turn.usage };
    yield { type: 'finish', reason: turn.toolCalls?.length ? 'tool_calls' : 'stop' };
  }
}

async function pause(ms: number | undefined, signal: AbortSignal): Promise<void> {
  if (!ms) return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ModelError('cancelled', 'The request was cancelled.'));
      },
      { once: true },
    );
  });
}
