import { networkCode, parseRetryAfter, seconds, serverMessage, statusOf } from '../agent/models/errors';

/**
 * Every failure of a Mistral Studio request as one error type: a `kind` the front ends branch on
 * (exit code, which button to offer) and a message that names the cause and the fix.
 */
export type StudioErrorKind = 'auth' | 'not-found' | 'conflict' | 'rate-limited' | 'unreachable' | 'invalid' | 'server' | 'timeout' | 'cancelled';

export class StudioError extends Error {
  constructor(
    readonly kind: StudioErrorKind,
    message: string,
    /** For 'rate-limited': what Retry-After asked, in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'StudioError';
  }
}

export interface StudioErrorContext {
  /** The API root, named when it cannot be reached. */
  url: string;
  /** How to set or replace the key (CLI and VS Code say it differently). */
  keyHint: string;
  /** What the request was about, e.g. `connector "github"` or `tool "echo" of connector "github"`. */
  subject?: string;
  /** For a 409: the name that is taken. */
  name?: string;
  signal?: AbortSignal;
}

/** How the SDK itself classified a failure (by instanceof, which survives minification). */
export type StudioTransportFailure = 'aborted' | 'connection' | 'timeout' | 'input';

export function toStudioError(err: unknown, ctx: StudioErrorContext, transport?: StudioTransportFailure): StudioError {
  if (err instanceof StudioError) return err;
  if (ctx.signal?.aborted || transport === 'aborted') return new StudioError('cancelled', 'The Mistral Studio request was cancelled.');
  const status = statusOf(err);
  const said = status === 422 || status === 400 ? validationMessage(err) : serverMessage(err);
  const saidSuffix = said ? `: ${said}` : '';

  if (status === 401 || status === 403) return new StudioError('auth', `Mistral rejected the API key (HTTP ${status}). ${ctx.keyHint}`);
  if (status === 404) {
    const what = ctx.subject ?? 'what was asked for';
    return new StudioError(
      'not-found',
      `Mistral Studio has no ${what} in this workspace (HTTP 404${saidSuffix}). Check the name or id against the list of Studio connectors.`,
    );
  }
  if (status === 409) {
    const taken = ctx.name ? `A Studio connector named "${ctx.name}" already exists` : 'The name is already taken';
    return new StudioError('conflict', `${taken} in this workspace (HTTP 409). Choose another name, or update the existing connector.`);
  }
  if (status === 429) {
    const wait = parseRetryAfter((err as { headers?: unknown }).headers);
    const when = wait === undefined ? '' : ` It asks to retry after ${seconds(wait)}.`;
    return new StudioError('rate-limited', `Mistral is rate limiting requests (HTTP 429).${when} Wait and try again.`, wait);
  }
  if (status !== undefined && status >= 400 && status < 500)
    return new StudioError('invalid', `Mistral Studio refused the request (HTTP ${status})${saidSuffix}.`);
  if (status !== undefined && status >= 500) return new StudioError('server', `Mistral Studio failed (HTTP ${status})${saidSuffix}. Try again later.`);
  if (transport === 'input') return new StudioError('invalid', `The request is not valid: ${oneLine((err as Error).message)}`);
  if (transport === 'timeout') return new StudioError('timeout', `Mistral at ${ctx.url} did not answer in time.`);
  const code = networkCode(err);
  if (code || transport === 'connection') {
    return new StudioError(
      'unreachable',
      `Cannot reach Mistral at ${ctx.url}${code ? ` (${code})` : ''}. Check the network, or CONNECTOR_AUDITOR_MISTRAL_URL if it is set.`,
    );
  }
  return new StudioError('server', `Mistral Studio sent a response that could not be read: ${oneLine(err instanceof Error ? err.message : String(err))}`);
}

/** A 422's FastAPI detail list as `server: Input should be a valid URL; name: …`. */
function validationMessage(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      const detail = (JSON.parse(body) as { detail?: unknown }).detail;
      if (Array.isArray(detail)) {
        return detail
          .map((d: { loc?: unknown; msg?: unknown }) => {
            const loc = Array.isArray(d.loc) ? d.loc.filter((p) => p !== 'body' && p !== 'query').join('.') : '';
            return `${loc ? `${loc}: ` : ''}${String(d.msg ?? '')}`;
          })
          .join('; ');
      }
    } catch {
      // Not JSON: the generic reading below applies.
    }
  }
  return serverMessage(err);
}

function oneLine(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 300 ? `${t.slice(0, 300)}…` : t;
}
