import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { githubApiBaseUrl, githubWebUrl } from '../../src/core/builtins/github/apiUrls';
import { GitHubCache, type CachedResponse } from '../../src/core/builtins/github/cache';
import { GitHubRequestTimeout } from '../../src/core/builtins/github/client';
import { explainFailure, type FailureScope } from '../../src/core/builtins/github/failures';
import { describeReset, exhaustedMessage, rateBudgetFrom } from '../../src/core/builtins/github/rateLimit';

describe('githubApiBaseUrl / githubWebUrl', () => {
  it('defaults to github.com and maps an Enterprise Server address to its /api/v3', () => {
    assert.equal(githubApiBaseUrl(), 'https://api.github.com');
    assert.equal(githubApiBaseUrl(''), 'https://api.github.com');
    assert.equal(githubApiBaseUrl('  '), 'https://api.github.com');
    assert.equal(githubApiBaseUrl('https://github.com'), 'https://api.github.com');
    assert.equal(githubApiBaseUrl('https://ghe.acme.com'), 'https://ghe.acme.com/api/v3');
    assert.equal(githubApiBaseUrl('https://ghe.acme.com/'), 'https://ghe.acme.com/api/v3');
    assert.equal(githubApiBaseUrl('https://ghe.acme.com/api/v3'), 'https://ghe.acme.com/api/v3');
    assert.equal(githubApiBaseUrl('https://ghe.acme.com/api/v3/'), 'https://ghe.acme.com/api/v3');
  });

  it('derives the web address from the API base', () => {
    assert.equal(githubWebUrl('https://api.github.com'), 'https://github.com');
    assert.equal(githubWebUrl('https://ghe.acme.com/api/v3'), 'https://ghe.acme.com');
    assert.equal(githubWebUrl('http://127.0.0.1:3000'), 'http://127.0.0.1:3000');
  });
});

describe('GitHubCache', () => {
  const response = (data: unknown, etag = '"e1"'): CachedResponse => ({
    etag,
    status: 200,
    url: 'https://api.github.com/x',
    headers: { etag, 'content-type': 'application/json', 'x-ratelimit-remaining': '42' },
    data,
  });

  it('keys by URL, media type and a hash of the token, never the token itself', () => {
    const key = GitHubCache.key('https://api.github.com/repos/a/b', 'application/vnd.github.v3+json', 'ghp_secret_token');
    assert.doesNotMatch(key, /ghp_secret_token/);
    assert.notEqual(key, GitHubCache.key('https://api.github.com/repos/a/b', 'application/vnd.github.v3+json', 'ghp_other'));
    assert.notEqual(key, GitHubCache.key('https://api.github.com/repos/a/b', 'application/vnd.github.raw', 'ghp_secret_token'));
    assert.match(GitHubCache.key('https://api.github.com/repos/a/b', undefined, undefined), /^anonymous /);
  });

  it('keeps replayable headers only (rate limits belong to the fresh answer)', () => {
    const cache = new GitHubCache();
    cache.set('k', response({ a: 1 }));
    assert.deepEqual(cache.get('k')?.headers, { etag: '"e1"', 'content-type': 'application/json' });
  });

  it('evicts the least recently used entry past its size', () => {
    const cache = new GitHubCache({ maxEntries: 2 });
    cache.set('a', response(1));
    cache.set('b', response(2));
    cache.get('a');
    cache.set('c', response(3));
    assert.equal(cache.size, 2);
    assert.equal(cache.get('b'), undefined, 'b was the least recently used');
    assert.equal(cache.get('a')?.data, 1);
    assert.equal(cache.get('c')?.data, 3);
  });

  it('evicts by bytes too, and does not keep an entry larger than the whole budget', () => {
    const cache = new GitHubCache({ maxBytes: 600 });
    cache.set('big', response('x'.repeat(1000)));
    assert.equal(cache.size, 0);
    cache.set('a', response('y'.repeat(200)));
    cache.set('b', response('z'.repeat(200)));
    assert.equal(cache.get('a'), undefined);
    assert.equal(cache.get('b')?.data, 'z'.repeat(200));
  });

  it('round-trips through JSON in the same order, and starts empty from anything unreadable', () => {
    const cache = new GitHubCache({ maxEntries: 2 });
    cache.set('a', response({ n: 1 }));
    cache.set('b', response({ n: 2 }));
    const restored = GitHubCache.fromJSON(JSON.parse(JSON.stringify(cache)), { maxEntries: 2 });
    assert.deepEqual(restored.toJSON(), cache.toJSON());
    restored.set('c', response({ n: 3 }));
    assert.equal(restored.get('a'), undefined, 'a is still the oldest after the round trip');
    assert.equal(GitHubCache.fromJSON({ version: 2, entries: [] }).size, 0);
    assert.equal(GitHubCache.fromJSON('garbage').size, 0);
    assert.equal(GitHubCache.fromJSON(null).size, 0);
  });
});

describe('rate-limit wording', () => {
  it('reads a budget from the x-ratelimit-* headers', () => {
    assert.deepEqual(
      rateBudgetFrom({ 'x-ratelimit-limit': '60', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1700000000', 'x-ratelimit-resource': 'core' }),
      {
        resource: 'core',
        limit: 60,
        remaining: 0,
        resetAt: new Date(1_700_000_000_000),
      },
    );
    assert.equal(rateBudgetFrom({ 'content-type': 'application/json' }), undefined);
    assert.equal(rateBudgetFrom(undefined), undefined);
  });

  it('says when the budget resets, in UTC and from now', () => {
    const now = new Date('2025-01-01T15:02:00Z');
    assert.equal(describeReset(new Date('2025-01-01T15:40:00Z'), now), '15:40 UTC (in 38 min)');
    assert.equal(describeReset(new Date('2025-01-01T15:02:30Z'), now), '15:02 UTC (in 30 s)');
    assert.equal(describeReset(new Date('2025-01-01T19:02:00Z'), now), '19:02 UTC (in 4 h)');
  });

  it('adds the sign-in hint only for anonymous requests', () => {
    const budget = { resource: 'core', limit: 60, remaining: 0, resetAt: new Date('2025-01-01T15:40:00Z') };
    const now = new Date('2025-01-01T15:02:00Z');
    assert.equal(
      exhaustedMessage(budget, false, 'Set GITHUB_TOKEN.', now),
      "GitHub's rate limit for unauthenticated requests is used up; it resets at 15:40 UTC (in 38 min). Set GITHUB_TOKEN.",
    );
    assert.equal(
      exhaustedMessage({ ...budget, resource: 'code_search' }, true, 'Set GITHUB_TOKEN.', now),
      "GitHub's rate limit for this token (code_search) is used up; it resets at 15:40 UTC (in 38 min).",
    );
  });
});

describe('explainFailure', () => {
  const scope: FailureScope = { owner: 'acme', repo: 'widget', signInHint: 'Set GITHUB_TOKEN.', baseUrl: 'https://api.github.com', timeoutMs: 30_000 };
  /** The shape of Octokit's RequestError, without depending on the class. */
  const requestError = (status: number, message: string, authorization?: string, headers: Record<string, string> = {}) =>
    Object.assign(new Error(message), { status, request: { headers: authorization ? { authorization } : {} }, response: { headers, data: { message } } });

  it('404: the repository, with the hint only when anonymous', () => {
    assert.equal(
      explainFailure(requestError(404, 'Not Found'), scope),
      'No repository acme/widget on GitHub (or it is private and you are not signed in). Set GITHUB_TOKEN.',
    );
    assert.match(explainFailure(requestError(404, 'Not Found', 'token x'), scope), /^No repository acme\/widget on GitHub, or the token cannot see it/);
  });

  it('401, 403, 422 and 5xx each say what to do', () => {
    assert.match(explainFailure(requestError(401, 'Bad credentials', 'token x'), scope), /rejected the token \(HTTP 401: Bad credentials\).*Sign in again/);
    assert.match(explainFailure(requestError(401, 'Requires authentication'), scope), /needs a signed-in user .*Set GITHUB_TOKEN\.$/);
    assert.match(explainFailure(requestError(403, 'Resource not accessible by personal access token', 'token x'), scope), /token may lack the permission/);
    assert.match(explainFailure(requestError(422, 'Validation Failed'), scope), /invalid \(HTTP 422: Validation Failed\); check the arguments/);
    assert.match(explainFailure(requestError(502, 'Bad Gateway'), scope), /server error \(HTTP 502.*try again in a minute/);
  });

  it('rate limits: primary with the reset time, secondary with the wait', () => {
    const reset = String(Math.floor(Date.now() / 1000) + 600);
    const primary = requestError(403, 'API rate limit exceeded', undefined, {
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': reset,
      'x-ratelimit-resource': 'core',
    });
    assert.match(
      explainFailure(primary, scope),
      /^GitHub's rate limit for unauthenticated requests is used up; it resets at \d\d:\d\d UTC \(in (10|11) min\)\. Set GITHUB_TOKEN\.$/,
    );
    const secondary = requestError(403, 'You have exceeded a secondary rate limit. Please wait a few minutes.', 'token x', { 'retry-after': '90' });
    assert.match(explainFailure(secondary, scope), /secondary rate limit .* wait 90 s/);
  });

  it('network failures and timeouts name the address; anything else passes its message through', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      status: 500,
      request: { headers: {} },
      cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
    });
    assert.match(explainFailure(refused, scope), /^GitHub could not be reached at https:\/\/api\.github\.com \(ECONNREFUSED\)/);
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), {
      status: 500,
      request: { headers: {} },
      cause: new DOMException('timeout', 'TimeoutError'),
    });
    assert.match(explainFailure(timeout, scope), /did not answer within 30 s/);
    const ownTimeout = Object.assign(new GitHubRequestTimeout('no answer'), { status: 500 });
    assert.match(explainFailure(ownTimeout, scope), /did not answer within 30 s/);
    const cancelled = Object.assign(new DOMException('aborted', 'AbortError'), { status: 500 });
    assert.equal(explainFailure(cancelled, scope), 'The request to GitHub was cancelled.');
    assert.equal(explainFailure(new Error('plain'), scope), 'plain');
  });
});
