import { childSignal } from '../util/childSignal';
import { raceAbort } from './abort';
import type { ModelClient, ModelEvent, ModelRequest, ModelToolCall } from './modelClient';

/**
 * One model turn, collected: the text and the complete tool calls, with each event passed on
 * as it arrives (text deltas reach the UI while the model writes). Cancellation ends the turn
 * at once even if the client is slow to notice the signal.
 */

export interface Turn {
  text: string;
  toolCalls: ModelToolCall[];
}

/** Resolves undefined when the signal aborted the turn; rejects with the client's error otherwise. */
export async function streamTurn(
  model: ModelClient,
  request: ModelRequest,
  signal: AbortSignal,
  onEvent: (event: ModelEvent) => void,
): Promise<Turn | undefined> {
  const turn: Turn = { text: '', toolCalls: [] };
  // A per-turn signal: clients may leave a listener on whatever signal they get.
  const turnSignal = childSignal(signal);
  const iterator = model.stream(request, turnSignal.signal)[Symbol.asyncIterator]();
  try {
    for (;;) {
      const step = await raceAbort(iterator.next(), signal);
      if (step.aborted) return undefined;
      if (step.value.done) return turn;
      const event = step.value.value;
      if (event.type === 'text') turn.text += event.delta;
      else if (event.type === 'toolCall') turn.toolCalls.push(event.call);
      onEvent(event);
    }
  } finally {
    // Lets a generator-based client release its HTTP stream; never awaited, it may be stuck.
    void Promise.resolve(iterator.return?.()).catch(() => undefined);
    turnSignal.dispose();
  }
}
