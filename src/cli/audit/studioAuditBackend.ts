import { MISTRAL_DEFAULT_MODEL, MISTRAL_SERVER_URL } from '../../core/agent/models/mistral';
import { ModelError } from '../../core/agent/modelClient';
import { endpointsFromEnv } from '../../core/builtins/endpoints';
import { studioBackend } from '../../core/studio/studioBackend';
import { maskUrl } from '../../core/util/redact';
import type { AuditCommand, StudioAuditOptions } from '../auditArgs';
import type { CommandContext } from '../commands/context';
import { CliError, ExitCode } from '../exitCodes';
import { cliStudioClient, studio, STUDIO_KEY_HINT } from '../studio';
import type { AuditBackendSetup } from './auditBackend';
import { MISTRAL_KEY_ENV } from './modelChoice';
import { secretValues } from './secretValues';
import { chooseStudioConnectors } from './studioAttachments';

/**
 * `audit --studio`: Mistral's Conversations API, with the workspace's Studio connectors (and
 * web_search) run by Mistral; the local connectors are still offered, as function tools the
 * loop runs here. Without MISTRAL_API_KEY nothing can run, so that is checked first.
 */
export function studioAuditBackend(ctx: CommandContext, cmd: AuditCommand, opts: StudioAuditOptions): AuditBackendSetup {
  const { options, io } = ctx;
  const apiKey = io.env[MISTRAL_KEY_ENV]?.trim();
  if (!apiKey) throw new CliError(ExitCode.auth, `${MISTRAL_KEY_ENV} is not set: audit --studio runs on Mistral's Conversations API. ${STUDIO_KEY_HINT}`);
  const serverUrl = endpointsFromEnv(io.env).mistral ?? MISTRAL_SERVER_URL;
  const model = cmd.model ?? MISTRAL_DEFAULT_MODEL;
  return {
    secrets: secretValues(io.env, { provider: 'mistral', apiKey }),
    prepare: async (say, _progress, policy) => {
      const client = cliStudioClient(options, io);
      const studioConnectors = await studio(() => chooseStudioConnectors(client, opts.connectors, policy, say, io.signal));
      const remote = [...studioConnectors.map((a) => a.connector.name), ...(opts.webSearch ? ['web_search'] : [])];
      say(`Auditing ${cmd.target} with mistral-studio:${model} at ${maskUrl(serverUrl)}; on Mistral's side: ${remote.join(', ') || 'nothing'}`);
      const api = { apiKey, serverUrl, timeoutMs: options.timeoutMs, keyHint: STUDIO_KEY_HINT };
      return (conversation) => studioBackend({ api, model, studioConnectors, webSearch: opts.webSearch, state: () => (conversation.studio ??= {}) });
    },
    // The run's message already names the cause and the fix; its kind picks the exit code.
    providerError: (finished) => (finished.errorKind ? new ModelError(finished.errorKind, finished.message ?? 'The audit stopped on an error.') : undefined),
  };
}
