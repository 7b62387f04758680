import type { Octokit } from '@octokit/rest' with { 'resolution-mode': 'import' };
import type { Logger } from '../../util/logger';
import { GitHubCache, keptHeaders } from './cache';
import { statusOf } from './failures';
import { rateBudgetFrom, type RateBudget } from './rateLimit';

/**
 * One Octokit per connector instance, with what GitHub asks of well-behaved clients: waiting out
 * short rate limits instead of hammering, conditional requests, a token fetched per request
 * (the person may sign in after the connector started), and a time limit on every request.
 *
 * Octokit is ESM-only and src/ is CommonJS, so it is loaded with a dynamic import() (kept as a
 * real import() by tsc and tsx, inlined by esbuild), on the first tool call; types come in with
 * resolution-mode 'import'.
 */

export type GitHubOctokit = Octokit;

export interface GitHubClientSettings {
  baseUrl: string;
  token: () => Promise<string | undefined>;
  cache: GitHubCache | undefined;
  onRateLimit: ((budget: RateBudget) => void) | undefined;
  log: Logger;
  userAgent: string;
  /** A limit wait (Retry-After or the reset) up to this long is waited out once; longer fails at once. */
  maxRateLimitWaitSeconds: number;
  /** Per HTTP attempt. */
  requestTimeoutMs: number;
}

/** The client, built on first use and then shared by every tool of the server instance. */
export function lazyGitHubClient(settings: GitHubClientSettings): () => Promise<GitHubOctokit> {
  let client: Promise<GitHubOctokit> | undefined;
  return () =>
    (client ??= createGitHubClient(settings).catch((err: unknown) => {
      client = undefined;
      throw err;
    }));
}

async function createGitHubClient(settings: GitHubClientSettings): Promise<GitHubOctokit> {
  const [{ Octokit }, { throttling }, { retry }] = await Promise.all([
    import('@octokit/rest'),
    import('@octokit/plugin-throttling'),
    import('@octokit/plugin-retry'),
  ]);
  const GitHubOctokit = Octokit.plugin(throttling, retry);
  const { log } = settings;
  const waitOnce = (kind: string) => (retryAfter: number, options: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
    const retrying = retryCount === 0 && retryAfter <= settings.maxRateLimitWaitSeconds;
    log.warn(
      `GitHub ${kind} rate limit on ${options.method} ${options.url}: ${retrying ? `retrying in ${retryAfter} s` : `not retrying (wait ${retryAfter} s)`}.`,
    );
    return retrying;
  };

  const octokit = new GitHubOctokit({
    baseUrl: settings.baseUrl,
    userAgent: settings.userAgent,
    // Only the message goes on: Octokit passes the request options (with the token) as a second
    // argument. Its per-request lines ("GET … - 404 …") are debug here, because the tools log
    // failures in their own words and some 404s are expected (probing for SECURITY.md).
    log: {
      debug: (m: string) => log.trace(m),
      info: (m: string) => log.debug(m),
      warn: (m: string) => log.warn(m),
      error: (m: string) => log.debug(m),
    },
    request: { fetch: timedFetch(settings.requestTimeoutMs) },
    throttle: { onRateLimit: waitOnce('primary'), onSecondaryRateLimit: waitOnce('secondary') },
    // 429 is a rate limit: the throttling plugin decides about it, the retry plugin would only add backoff on top.
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451], retries: 2 },
  });

  // Hooks added later wrap the earlier ones: the ETag wrap is registered first so that it runs
  // after the auth hook has put the token on the request (the cache key needs the identity).
  octokit.hook.wrap('request', async (request, options) => {
    const report = (headers: HeaderValues | undefined) => {
      const budget = rateBudgetFrom(headers);
      if (budget) settings.onRateLimit?.(budget);
    };
    const cache = settings.cache;
    if (!cache || options.method !== 'GET') {
      try {
        const response = await request(options);
        report(response.headers);
        return response;
      } catch (err) {
        report(responseHeadersOf(err));
        throw err;
      }
    }
    const parsed = octokit.request.endpoint.parse(options);
    const authorization = headerValue(parsed.headers, 'authorization');
    const key = GitHubCache.key(parsed.url, headerValue(parsed.headers, 'accept'), authorization);
    const cached = cache.get(key);
    // In place: before-after-hook binds each hook to the original options object, so a copy
    // handed to `request` would never reach the inner hooks or the fetch.
    if (cached) options.headers['if-none-match'] = cached.etag;
    try {
      const response = await request(options);
      report(response.headers);
      const etag = headerValue(response.headers, 'etag');
      // Only a complete answer is worth replaying: a 202 "still computing" must be asked again.
      if (response.status === 200 && etag)
        cache.set(key, { etag, status: response.status, url: response.url, headers: response.headers as Record<string, string>, data: response.data });
      return response;
    } catch (err) {
      const fresh = responseHeadersOf(err);
      report(fresh);
      if (cached && statusOf(err) === 304) {
        log.trace(`GitHub 304 for ${parsed.url}: answered from the cache.`);
        return {
          status: cached.status,
          url: cached.url,
          headers: { ...fresh, ...cached.headers, ...keptHeaders(fresh ?? {}) },
          data: structuredClone(cached.data),
        };
      }
      throw err;
    }
  });

  octokit.hook.before('request', async (options) => {
    const token = await settings.token();
    if (token) options.headers = { ...options.headers, authorization: `token ${token}` };
  });

  return octokit;
}

/**
 * A request that ran out of time. Named AbortError because Octokit passes such errors through
 * as they are and the retry plugin leaves them alone: retrying a host that did not answer in
 * 30 s would keep the person waiting minutes for the same answer.
 */
export class GitHubRequestTimeout extends Error {
  override readonly name = 'AbortError';
  readonly timedOut = true;
}

/** Global fetch (looked up per call, so tests and proxies that replace it are honoured) with a time limit per attempt. */
function timedFetch(timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await globalThis.fetch(input, { ...init, signal });
    } catch (err) {
      if (timeout.aborted && !init?.signal?.aborted) throw new GitHubRequestTimeout(`no answer within ${timeoutMs} ms`);
      throw err;
    }
  };
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return typeof value === 'string' ? value : undefined;
}

type HeaderValues = Record<string, string | number | undefined>;

function responseHeadersOf(err: unknown): HeaderValues | undefined {
  return (err as { response?: { headers?: HeaderValues } }).response?.headers;
}
