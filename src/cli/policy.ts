import { CONFIRMATION_DEFAULTS, type ConfirmationDefault } from '../core/connectors/toolPolicy';
import { usageError } from './exitCodes';

export const POLICY_ENV = 'CONNECTOR_AUDITOR_CONFIRMATION';

/** The CLI's counterpart of `connectorAuditor.confirmation.default`: CONNECTOR_AUDITOR_CONFIRMATION, else unlessReadOnly. */
export function confirmationPolicy(env: Readonly<Record<string, string | undefined>>): ConfirmationDefault {
  const value = env[POLICY_ENV]?.trim();
  if (!value) return 'unlessReadOnly';
  const match = CONFIRMATION_DEFAULTS.find((p) => p.toLowerCase() === value.toLowerCase());
  if (!match) throw usageError(`${POLICY_ENV} is ${CONFIRMATION_DEFAULTS.join(', ')}, not "${value}".`);
  return match;
}
