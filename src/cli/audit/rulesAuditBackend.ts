import { rulesBackend } from '../../core/agent/rulesBackend';
import type { AuditCommand } from '../auditArgs';
import type { AuditBackendSetup } from './auditBackend';
import { MISTRAL_KEY_ENV, OPENAI_KEY_ENV } from './modelChoice';

/**
 * `audit` with no model: the evidence rules run the built-in tools the plan names and decide the
 * verdict (core/agent/rulesBackend.ts). Chosen by --no-model, or when no model is configured at all.
 */
export function rulesAuditBackend(cmd: AuditCommand, why: 'asked' | 'unconfigured'): AuditBackendSetup {
  return {
    secrets: [],
    prepare: async (say) => {
      say(
        why === 'asked'
          ? `Auditing ${cmd.target} with the evidence rules alone (--no-model)`
          : `Auditing ${cmd.target} with the evidence rules alone: no model is configured (set ${MISTRAL_KEY_ENV} or ${OPENAI_KEY_ENV}, or pass --base-url, for a model's explanation)`,
      );
      const backend = rulesBackend({ intro: 'The evidence rules audit this on their own (no model).' });
      return () => backend;
    },
    noConnectorsNote: 'No connector is available: the rules have no evidence to weigh.',
    providerError: () => undefined,
  };
}

/** Whether anything names a model: a flag, or a key in the environment. */
export function modelConfigured(cmd: Pick<AuditCommand, 'provider' | 'baseUrl'>, env: Readonly<Record<string, string | undefined>>): boolean {
  return cmd.provider !== undefined || cmd.baseUrl !== undefined || !!env[MISTRAL_KEY_ENV]?.trim() || !!env[OPENAI_KEY_ENV]?.trim();
}
