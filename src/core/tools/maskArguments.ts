import { isSecretName, MASK, redactSecrets } from '../util/redact';

/** A copy of tool arguments safe to show or store: secret-named fields masked, token shapes redacted. */
export function maskArguments(value: unknown, known: Iterable<string> = [], key = ''): unknown {
  if (typeof value === 'string') return key && isSecretName(key) ? MASK : redactSecrets(value, known);
  if (Array.isArray(value)) return value.map((v) => maskArguments(v, known));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskArguments(v, known, k)]));
  }
  return value;
}

export function containsMask(value: unknown): boolean {
  return JSON.stringify(value ?? null).includes(MASK);
}
