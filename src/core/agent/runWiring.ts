import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { undetermined, verdictOf, type AuditOutcome } from '../audit/outcome';
import type { AuditReport } from '../audit/report';
import type { EvidenceReport } from '../evidence/evidenceReport';
import type { AgentEvent, CallCounts, FinishedEvent, FinishReason, UsageTotals } from './agentEvents';
import { EventQueue } from './eventQueue';
import type { ModelErrorKind } from './modelClient';
import type { Transcript } from './transcript';

/** One run as its front end sees it, whichever backend answers its turns. */
export interface AgentRun extends AsyncIterable<AgentEvent> {
  readonly id: string;
  /** The last event; never rejects. */
  readonly finished: Promise<FinishedEvent>;
}

/**
 * Starts a run loop at once with its own abort signal (the caller's signal aborts it, and so
 * does leaving a `for await` early); events are buffered until read.
 */
export function startAgentRun(
  signal: AbortSignal | undefined,
  loop: (id: string, queue: EventQueue<AgentEvent>, signal: AbortSignal) => Promise<FinishedEvent>,
): AgentRun {
  const id = randomUUID();
  const controller = new AbortController();
  // Every tool call of a turn listens to the run's signal; a dozen in parallel is normal here,
  // not the leak Node's default warning (at 11 listeners) is meant to catch.
  setMaxListeners(100, controller.signal);
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) controller.abort(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  const queue = new EventQueue<AgentEvent>(() => controller.abort());
  const finished = loop(id, queue, controller.signal).finally(() => {
    signal?.removeEventListener('abort', onAbort);
    queue.close();
  });
  return { id, finished, [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() };
}

/** What a loop knows when it ends, for its `finished` event. */
export interface RunTally {
  target: string;
  lastAnswer: string | undefined;
  rounds: number;
  usage: UsageTotals;
  started: number;
  model: string;
  calls: CallCounts;
  tools: readonly string[];
}

/** The `finished` event (the report for 'report', else an undetermined outcome saying why), recorded in the transcript. */
export function finishedEvent(
  tally: RunTally,
  transcript: Transcript,
  reason: FinishReason,
  detail?: string,
  report?: AuditReport,
  errorKind?: ModelErrorKind,
  evidence?: EvidenceReport,
): FinishedEvent {
  const outcome: AuditOutcome =
    reason === 'report' && report
      ? { kind: 'report', report, ...(evidence ? { evidence } : {}) }
      : undetermined(tally.target, reason === 'report' ? 'error' : reason, detail, tally.lastAnswer);
  const durationMs = performance.now() - tally.started;
  const event: FinishedEvent = {
    type: 'finished',
    reason,
    ...(outcome.kind === 'undetermined' ? { message: outcome.message } : {}),
    ...(errorKind ? { errorKind } : {}),
    outcome,
    rounds: tally.rounds,
    usage: { ...tally.usage },
    durationMs,
    model: tally.model,
    calls: { ...tally.calls },
    tools: [...tally.tools],
  };
  transcript.record({
    type: 'end',
    reason,
    message: event.message,
    verdict: verdictOf(outcome),
    rounds: tally.rounds,
    durationMs: Math.round(durationMs),
    ...tally.usage,
  });
  return event;
}
