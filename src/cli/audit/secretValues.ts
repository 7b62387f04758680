import type { ModelConfig } from '../../core/agent/models';

/** Values the run must never show or record: the model's API key and every CONNECTOR_AUDITOR_SECRET_* value. */
export function secretValues(env: Readonly<Record<string, string | undefined>>, model: ModelConfig): string[] {
  const fromEnv = Object.entries(env).flatMap(([name, value]) => (name.startsWith('CONNECTOR_AUDITOR_SECRET_') && value ? [value] : []));
  return [...new Set([model.apiKey, ...fromEnv].filter((v): v is string => !!v && v.length >= 4))];
}
