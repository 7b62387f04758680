import { ModelError } from '../modelClient';

/**
 * Turns whatever a provider SDK threw into a ModelError a person can act on. Duck-typed (status /
 * statusCode, headers, body, cause chain) so it serves both `openai` and `@mistralai/mistralai`
 * without importing either.
 */
export interface ProviderErrorContext {
  /** "Mistral", "the OpenAI-compatible server", … — named in the sentence (capitalised where it starts one). */
  provider: string;
  /** The endpoint, named when it cannot be reached. */
  url: string;
  /** How to fix a missing or rejected key, e.g. 'Set MISTRAL_API_KEY, or run "Connector Auditor: Set Mistral API Key".' */
  keyHint: string;
  /** The caller's signal: once aborted, every failure is a cancellation. */
  signal?: AbortSignal;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);
const CONTEXT_WORDING =
  /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|too long for|exceeds? the (model'?s )?(max|context)|input is too long/i;

/** Delay asked by `Retry-After` (seconds or an HTTP date) or OpenAI's `retry-after-ms`; undefined if absent or unreadable. */
export function parseRetryAfter(headers: unknown, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.ceil(Number(ms));
  const value = header(headers, 'retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, unknown>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const v = key === undefined ? undefined : record[key];
  return typeof v === 'string' ? v : Array.isArray(v) ? String(v[0]) : undefined;
}

export function networkCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function isAbort(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === 'AbortError' || name === 'RequestAbortedError';
}

/** The server's own words, from an SDK error's body or message, shortened for one line. */
export function serverMessage(err: unknown): string {
  const e = err as { body?: unknown; error?: unknown; message?: unknown };
  let text = '';
  if (typeof e.body === 'string' && e.body) {
    try {
      const parsed = JSON.parse(e.body) as { message?: unknown; error?: { message?: unknown } | string; detail?: unknown };
      const m = parsed.message ?? (typeof parsed.error === 'object' ? parsed.error?.message : parsed.error) ?? parsed.detail;
      text = typeof m === 'string' ? m : JSON.stringify(m ?? parsed);
    } catch {
      text = e.body;
    }
  } else if (e.error && typeof e.error === 'object' && typeof (e.error as { message?: unknown }).message === 'string') {
    text = (e.error as { message: string }).message;
  } else if (typeof e.message === 'string') {
    text = e.message;
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

export function statusOf(err: unknown): number | undefined {
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  const s = e?.status ?? e?.statusCode;
  return typeof s === 'number' ? s : undefined;
}

export function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * `transport` is what the calling client knows from its SDK's own classes (instanceof survives
 * minification, class names do not): the request was aborted, could not connect, or timed out.
 */
export function toModelError(err: unknown, ctx: ProviderErrorContext, transport?: 'aborted' | 'connection' | 'timeout'): ModelError {
  if (err instanceof ModelError) return err;
  const subject = ctx.provider.charAt(0).toUpperCase() + ctx.provider.slice(1);
  if (ctx.signal?.aborted || transport === 'aborted' || isAbort(err)) return new ModelError('cancelled', 'The model request was cancelled.');

  const status = statusOf(err);
  const said = serverMessage(err);
  const saidSuffix = said ? ` (${said})` : '';

  if (status === 401 || status === 403) {
    return new ModelError('auth', `${subject} rejected the API key (HTTP ${status}). ${ctx.keyHint}`);
  }
  if (status === 429) {
    const wait = parseRetryAfter((err as { headers?: unknown }).headers);
    const when = wait === undefined ? '' : ` It asks to retry after ${seconds(wait)}.`;
    return new ModelError('rateLimit', `${subject} is rate limiting requests (HTTP 429).${when}${saidSuffix}`, wait);
  }
  if (status !== undefined && status >= 400 && status < 500) {
    if ((status === 400 || status === 413 || status === 422) && CONTEXT_WORDING.test(said)) {
      return new ModelError(
        'contextTooLong',
        `The conversation is too long for the model's context window${saidSuffix}. Start a new conversation, attach fewer connectors or lower the tool output budget.`,
      );
    }
    if (status === 404) {
      return new ModelError('badRequest', `${subject} answered 404 at ${ctx.url}${saidSuffix}. Check the model name and the base URL.`);
    }
    return new ModelError('badRequest', `${subject} refused the request (HTTP ${status})${saidSuffix}.`);
  }
  if (status !== undefined && status >= 500) {
    return new ModelError('server', `${subject} failed (HTTP ${status})${saidSuffix}. Try again later.`);
  }

  const code = networkCode(err);
  const name = (err as { name?: unknown } | null)?.name;
  if (transport === 'timeout' || name === 'RequestTimeoutError' || name === 'TimeoutError') {
    return new ModelError('timeout', `${subject} at ${ctx.url} did not answer in time.`);
  }
  if (code || transport === 'connection' || name === 'ConnectionError') {
    return new ModelError(
      'unreachable',
      `Cannot reach ${ctx.provider} at ${ctx.url}${code ? ` (${code})` : ''}. Check that the server is running and the base URL is right.`,
    );
  }
  const message = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim();
  return new ModelError('server', `${subject} sent a response that could not be read: ${message.length > 300 ? `${message.slice(0, 300)}…` : message}`);
}
