import { exhaustedMessage, isPrimaryLimitExhausted, isSecondaryLimit, rateBudgetFrom } from './rateLimit';

/**
 * Octokit's errors, turned into one sentence with the cause and the fix, because the model and
 * the person read the same text and both need to know what to do next.
 */

/** The parts of an Octokit RequestError this module reads (the class itself is a transitive dependency). */
export interface RequestFailure {
  name: string;
  status: number;
  message: string;
  response?: { headers?: Record<string, unknown>; data?: unknown };
  request?: { headers?: Record<string, unknown> };
  cause?: unknown;
}

export function isRequestFailure(err: unknown): err is RequestFailure {
  return err instanceof Error && typeof (err as { status?: unknown }).status === 'number';
}

export function statusOf(err: unknown): number | undefined {
  return isRequestFailure(err) ? err.status : undefined;
}

export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}

/** Whether the failed request carried a token (the auth hook adds it per request). */
export function wasAuthenticated(err: RequestFailure): boolean {
  return Boolean(err.request?.headers?.authorization);
}

export interface FailureScope {
  /** The repository the tool was asked about, for "No repository owner/repo". */
  owner?: string;
  repo?: string;
  signInHint: string;
  baseUrl: string;
  timeoutMs: number;
}

/** GitHub's own message without the documentation link Octokit appends. */
export function gitHubMessage(err: RequestFailure): string {
  const data = err.response?.data as { message?: unknown } | undefined;
  const message = typeof data?.message === 'string' ? data.message : err.message.replace(/ - https:\/\/docs\.github\.com\S*$/, '');
  return message.trim().replace(/\s+/g, ' ').slice(0, 300);
}

export function explainFailure(err: unknown, scope: FailureScope): string {
  if (!isRequestFailure(err)) return err instanceof Error ? err.message : String(err);
  if ((err as { timedOut?: boolean }).timedOut)
    return `GitHub (${scope.baseUrl}) did not answer within ${formatDuration(scope.timeoutMs)}; try again, or check the network.`;
  if (err.name === 'AbortError') return 'The request to GitHub was cancelled.';
  const authenticated = wasAuthenticated(err);
  const headers = err.response?.headers;
  const detail = gitHubMessage(err);
  const hint = authenticated ? '' : ` ${scope.signInHint}`;
  const what = scope.owner && scope.repo ? `${scope.owner}/${scope.repo}` : undefined;

  if (!err.response) return unreachable(err, scope);
  if (isPrimaryLimitExhausted(err.status, headers)) return exhaustedMessage(rateBudgetFrom(headers), authenticated, scope.signInHint);
  if (isSecondaryLimit(err.status, err.message)) {
    const retryAfter = Number(headers?.['retry-after']);
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? `${retryAfter} s` : 'a minute';
    return `GitHub's secondary rate limit (too many requests in a short time) stopped this request; wait ${wait} and try again, with fewer calls at once.`;
  }
  switch (err.status) {
    case 401:
      return authenticated
        ? `GitHub rejected the token (HTTP 401: ${detail}); it may have expired or been revoked. Sign in again or replace the token. ${scope.signInHint}`
        : `GitHub needs a signed-in user for this (HTTP 401: ${detail}).${hint}`;
    case 403:
      return authenticated
        ? `GitHub refused this (HTTP 403: ${detail}); the token may lack the permission or the organisation may restrict it.`
        : `GitHub refused this without a signed-in user (HTTP 403: ${detail}).${hint}`;
    case 404:
      if (what) {
        return authenticated
          ? `No repository ${what} on GitHub, or the token cannot see it; check the owner and name, and the token's repository access.`
          : `No repository ${what} on GitHub (or it is private and you are not signed in).${hint}`;
      }
      return `GitHub has nothing at this address (HTTP 404: ${detail}).${hint}`;
    case 409:
      return `GitHub reports a conflict (HTTP 409: ${detail}); the repository may be empty, or the file changed since it was read: read it again for the current sha.`;
    case 422:
      return `GitHub rejected the request as invalid (HTTP 422: ${detail}); check the arguments (a ref, path, query or sha).`;
    case 451:
      return `GitHub blocks access to ${what ?? 'this resource'} for legal reasons (HTTP 451: ${detail}).`;
  }
  if (err.status >= 500) return `GitHub had a server error (HTTP ${err.status}: ${detail}); try again in a minute.`;
  return `GitHub refused the request (HTTP ${err.status}: ${detail}).`;
}

/** Octokit reports a network failure as status 500 without a response; the cause says which. */
function unreachable(err: RequestFailure, scope: FailureScope): string {
  const cause = err.cause as { name?: string; message?: string; cause?: { code?: string } } | undefined;
  if (cause?.name === 'TimeoutError')
    return `GitHub (${scope.baseUrl}) did not answer within ${formatDuration(scope.timeoutMs)}; try again, or check the network.`;
  const reason = cause?.cause?.code ?? cause?.message ?? err.message;
  return `GitHub could not be reached at ${scope.baseUrl} (${reason}); check the network, the proxy, or the GitHub Enterprise address.`;
}

function formatDuration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`;
}
