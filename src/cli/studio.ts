import { endpointsFromEnv } from '../core/builtins/endpoints';
import { seconds } from '../core/agent/models/errors';
import { StudioClient } from '../core/studio/studioClient';
import { StudioError, type StudioErrorKind } from '../core/studio/studioError';
import { CliError, ExitCode } from './exitCodes';
import type { ResolvedIo } from './io';
import type { GlobalOptions } from './args';

export const STUDIO_KEY_HINT = 'Set the MISTRAL_API_KEY environment variable to a key of the Mistral workspace.';

/**
 * The CLI's StudioClient: the key from MISTRAL_API_KEY, the API at CONNECTOR_AUDITOR_MISTRAL_URL
 * (as for the built-in web search), a rate-limit wait told on stderr.
 */
export function cliStudioClient(options: GlobalOptions, io: ResolvedIo): StudioClient {
  return new StudioClient({
    apiKey: io.env.MISTRAL_API_KEY?.trim() || undefined,
    serverUrl: endpointsFromEnv(io.env).mistral,
    keyHint: STUDIO_KEY_HINT,
    timeoutMs: options.timeoutMs,
    onRetry: ({ attempt, delayMs }) => io.err(`Mistral is rate limiting requests; retrying in ${seconds(delayMs)} (retry ${attempt}).\n`),
  });
}

/**
 * Exit codes of Studio failures. A connector or tool that is not there (404), a name already
 * taken (409) and a refused request (400/422) are usage errors (1), as for local connectors; a
 * 429 left after the retries and a failing Studio are "unreachable" (4).
 */
const BY_KIND: Record<StudioErrorKind, number> = {
  auth: ExitCode.auth,
  'not-found': ExitCode.usage,
  conflict: ExitCode.usage,
  invalid: ExitCode.usage,
  'rate-limited': ExitCode.unreachable,
  unreachable: ExitCode.unreachable,
  server: ExitCode.unreachable,
  timeout: ExitCode.timeout,
  cancelled: ExitCode.interrupted,
};

/** Runs a Studio request; its StudioError becomes the command's CliError. */
export async function studio<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    if (err instanceof StudioError) throw new CliError(BY_KIND[err.kind], err.kind === 'cancelled' ? `Interrupted: ${err.message}` : err.message);
    throw err;
  }
}
