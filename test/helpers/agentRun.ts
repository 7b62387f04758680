import type { AgentEvent, FinishedEvent } from '../../src/core/agent/agentEvents';
import type { AgentRun } from '../../src/core/agent/agentRunner';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../../src/core/tools/confirmation';

export type TimedEvent = AgentEvent & { at: number };

/** Reads a run to its end, stamping each event with when it arrived. */
export async function collect(run: AgentRun, onEvent?: (event: AgentEvent) => void): Promise<{ events: TimedEvent[]; finished: FinishedEvent }> {
  const events: TimedEvent[] = [];
  for await (const event of run) {
    events.push({ ...event, at: performance.now() });
    onEvent?.(event);
  }
  return { events, finished: await run.finished };
}

export function ofType<T extends AgentEvent['type']>(events: readonly AgentEvent[], type: T): Extract<AgentEvent, { type: T }>[] {
  return events.filter((e): e is Extract<AgentEvent, { type: T }> => e.type === type);
}

/** A confirmation port that answers from a script (then `fallback`) and remembers what it was asked. */
export function scriptedPort(answers: ConfirmationAnswer[] = [], fallback: ConfirmationAnswer = 'deny'): ConfirmationPort & { asked: ConfirmationRequest[] } {
  const asked: ConfirmationRequest[] = [];
  return { asked, confirm: async (r) => (asked.push(r), answers.shift() ?? fallback) };
}
