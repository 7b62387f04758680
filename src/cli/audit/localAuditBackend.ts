import { localModelBackend } from '../../core/agent/localModelBackend';
import { createModelClient } from '../../core/agent/models';
import type { AuditCommand } from '../auditArgs';
import { maskUrl } from '../../core/util/redact';
import type { AuditBackendSetup } from './auditBackend';
import { chooseModel } from './modelChoice';
import { recordingModel, type RecordingModel } from './modelErrors';
import { secretValues } from './secretValues';

/** `audit` over the chosen model (Mistral, OpenAI-compatible): --model, --base-url and the environment pick it. */
export function localAuditBackend(cmd: AuditCommand, env: Readonly<Record<string, string | undefined>>): AuditBackendSetup {
  const model = chooseModel(cmd, env);
  const secrets = secretValues(env, model.config);
  let recorder: RecordingModel | undefined;
  return {
    secrets,
    prepare: async (say, progress) => {
      const recording = recordingModel(createModelClient({ ...model.config, retry: { onRetry: (info) => progress.retry(info, secrets) } }));
      recorder = recording;
      say(`Auditing ${cmd.target} with ${recording.client.id} at ${maskUrl(model.url)}${model.why ? ` (${model.why})` : ''}`);
      const backend = localModelBackend(recording.client);
      return () => backend;
    },
    noConnectorsNote: 'No connector is available: the model audits with only what it knows.',
    // The client remembers the last ModelError it threw (after retries): the one that ended the run.
    providerError: () => recorder?.lastError(),
  };
}
