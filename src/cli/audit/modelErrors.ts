import type { FinishedEvent } from '../../core/agent/agentEvents';
import { ModelError, type ModelClient, type ModelErrorKind, type ModelEvent, type ModelRequest } from '../../core/agent/modelClient';
import { redactSecrets } from '../../core/util/redact';
import { CliError, ExitCode } from '../exitCodes';

/**
 * A run that stops on a provider failure ends with reason 'error' and the failure in words; the
 * exit code needs its kind (auth → 3, unreachable → 4, …). The client is wrapped to remember the
 * last ModelError it threw (after retries), which is the one that ended the run.
 */
export interface RecordingModel {
  client: ModelClient;
  lastError(): ModelError | undefined;
}

export function recordingModel(inner: ModelClient): RecordingModel {
  let last: ModelError | undefined;
  async function* stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelEvent> {
    try {
      yield* inner.stream(request, signal);
    } catch (err) {
      if (err instanceof ModelError) last = err;
      throw err;
    }
  }
  return { client: { id: inner.id, stream }, lastError: () => last };
}

const BY_KIND: Record<ModelErrorKind, number> = {
  auth: ExitCode.auth,
  unreachable: ExitCode.unreachable,
  timeout: ExitCode.timeout,
  cancelled: ExitCode.interrupted,
  rateLimit: ExitCode.toolError,
  contextTooLong: ExitCode.toolError,
  badRequest: ExitCode.toolError,
  server: ExitCode.toolError,
};

/**
 * The command's error for a run that was cancelled or failed; undefined when it produced an
 * outcome worth printing (a report, or no verdict).
 */
export function runFailure(finished: FinishedEvent, modelError: ModelError | undefined, interrupted: boolean, secrets: Iterable<string>): CliError | undefined {
  if (interrupted || finished.reason === 'cancelled') return new CliError(ExitCode.interrupted, 'Interrupted: the audit was cancelled.');
  if (finished.reason !== 'error') return undefined;
  if (modelError) return new CliError(BY_KIND[modelError.kind], redactSecrets(modelError.message, secrets));
  // Not the model: the connectors offer more tools than a model accepts (the message says how to narrow them).
  return new CliError(ExitCode.usage, finished.message ?? 'The audit stopped on an error.');
}
