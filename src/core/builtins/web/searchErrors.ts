/**
 * Provider failures in words a person can act on: a rejected key names where to set it, a rate
 * limit says how long to wait. The same wording for every provider, whether the failure came
 * through fetchJson's HttpError or through the Mistral SDK's errors.
 */
import { HttpError } from '../httpJson';

export interface ProviderFailure {
  label: string;
  status: number | undefined;
  retryAfterSeconds?: number;
  /** The service's own words, when it gave any. */
  detail?: string;
  /** The message to use when the status calls for no special wording. */
  fallback: string;
}

export function providerError(failure: ProviderFailure, configureHint: string): Error {
  const { label, status, retryAfterSeconds, detail } = failure;
  const said = detail ? ` (${label} said: ${detail})` : '';
  if (status === 401 || status === 403) {
    return new Error(`${label} rejected the API key (HTTP ${status})${said}. Check the key. ${configureHint}`.trim());
  }
  if (status === 429) {
    const wait = retryAfterSeconds ? `wait ${retryAfterSeconds} s before searching again` : 'wait a minute before searching again';
    return new Error(`${label} is rate limiting searches (HTTP 429); ${wait}${said}.`);
  }
  return new Error(failure.fallback);
}

/** For providers reached through fetchJson. */
export function fromHttpError(err: unknown, label: string, configureHint: string): unknown {
  if (!(err instanceof HttpError)) return err;
  // Brave answers a malformed or unknown key with 422 SUBSCRIPTION_TOKEN_INVALID rather than 401.
  const status = err.status === 422 && err.message.includes('SUBSCRIPTION_TOKEN_INVALID') ? 401 : err.status;
  return providerError({ label, status, retryAfterSeconds: err.retryAfterSeconds, fallback: err.message }, configureHint);
}

/** The readable part of an error body: `{message}`, `{detail}`, `{detail: {error}}`, `{error: {detail|message}}`. */
export function bodyDetail(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const j = JSON.parse(body) as Record<string, unknown>;
    for (const candidate of [j.message, j.detail, j.error, field(j.detail, 'error'), field(j.error, 'detail'), field(j.error, 'message')]) {
      if (typeof candidate === 'string' && candidate.trim()) return candidate.trim().slice(0, 300);
    }
    return undefined;
  } catch {
    const text = body.trim();
    return text && text.length <= 300 && !text.startsWith('<') ? text : undefined;
  }
}

function field(value: unknown, key: string): unknown {
  return value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}
