import { raceAbort } from '../agent/abort';
import type { AttachedConnector } from '../agent/conversation';
import type { AttachResult, ConnectorFailure } from './chatPorts';

/**
 * Connects the connectors a chat uses, in parallel, before a run: those that come up are
 * attached, those that fail become failures (shown with Reconnect / Show Log) and the audit goes
 * on without them, as the CLI does. Stopping the chat stops the wait, not the connection (a
 * shared session may serve the tree too).
 */
export async function attachSessions(candidates: readonly AttachedConnector[], signal: AbortSignal): Promise<AttachResult> {
  const attached: AttachedConnector[] = [];
  const failures: ConnectorFailure[] = [];
  const outcomes = await raceAbort(
    Promise.all(
      candidates.map(async (candidate) => {
        try {
          await candidate.session.ensureReady();
        } catch (err) {
          // ensureReady reports through state; a throw is a bug in a peer, kept as that connector's failure.
          return { candidate, error: err instanceof Error ? err.message : String(err) };
        }
        const state = candidate.session.state;
        return { candidate, error: state.status === 'ready' ? undefined : (state.error ?? `"${candidate.connector.label}" is ${state.status}.`) };
      }),
    ),
    signal,
  );
  if (outcomes.aborted) return { attached, failures };
  for (const { candidate, error } of outcomes.value) {
    if (error === undefined) attached.push(candidate);
    else failures.push({ connectorId: candidate.connector.id, label: candidate.connector.label, message: error });
  }
  return { attached, failures };
}
