/** GitHub's rate-limit headers, read into a budget, and the words for "used up until when". */

export interface RateBudget {
  /** `core`, `search`, `code_search`, `graphql`, … (the `x-ratelimit-resource` header). */
  resource: string;
  limit: number;
  remaining: number;
  resetAt: Date;
}

type HeaderBag = Record<string, unknown> | undefined;

function header(headers: HeaderBag, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The budget an answer announces, or undefined when it carries no x-ratelimit-* headers. */
export function rateBudgetFrom(headers: HeaderBag): RateBudget | undefined {
  const limit = Number(header(headers, 'x-ratelimit-limit'));
  const remaining = Number(header(headers, 'x-ratelimit-remaining'));
  const reset = Number(header(headers, 'x-ratelimit-reset'));
  if (![limit, remaining, reset].every(Number.isFinite) || header(headers, 'x-ratelimit-limit') === undefined) return undefined;
  return { resource: header(headers, 'x-ratelimit-resource') ?? 'core', limit, remaining, resetAt: new Date(reset * 1000) };
}

/** True when an error answer says the primary budget is spent (GitHub sends 403 or 429 with remaining 0). */
export function isPrimaryLimitExhausted(status: number, headers: HeaderBag): boolean {
  return (status === 403 || status === 429) && header(headers, 'x-ratelimit-remaining') === '0';
}

/** GitHub's own wording for the secondary (abuse) limit, which is how Octokit's throttling plugin recognises it too. */
export function isSecondaryLimit(status: number, message: string): boolean {
  return (status === 403 || status === 429) && /\bsecondary rate\b/i.test(message);
}

/** "15:40 UTC (in 38 min)": a clock time people can compare with their own, and how long that is. */
export function describeReset(resetAt: Date, now: Date = new Date()): string {
  const clock = `${String(resetAt.getUTCHours()).padStart(2, '0')}:${String(resetAt.getUTCMinutes()).padStart(2, '0')} UTC`;
  const seconds = Math.max(0, Math.ceil((resetAt.getTime() - now.getTime()) / 1000));
  const wait = seconds < 60 ? `${seconds} s` : seconds < 2 * 3600 ? `${Math.ceil(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`;
  return `${clock} (in ${wait})`;
}

/** The sentence for a spent budget; the sign-in hint only helps when the request was anonymous. */
export function exhaustedMessage(budget: RateBudget | undefined, authenticated: boolean, signInHint: string, now: Date = new Date()): string {
  const when = budget ? `it resets at ${describeReset(budget.resetAt, now)}` : 'try again later';
  const resource = budget && budget.resource !== 'core' ? ` (${budget.resource})` : '';
  return authenticated
    ? `GitHub's rate limit for this token${resource} is used up; ${when}.`
    : `GitHub's rate limit for unauthenticated requests${resource} is used up; ${when}. ${signInHint}`;
}
