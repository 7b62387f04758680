import { after, afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { createGitHubServer, GitHubCache, type GitHubConnectorOptions, type RateBudget } from '../../src/core/builtins/github/githubServer';
import { linkedClient } from '../helpers/mcpClient';
import { startGitHubFixture, type GitHubFixture, type RecordedGitHubRequest } from '../fixtures/github/server';

/**
 * How the github connector deals with GitHub's protocol: who may see what, rate limits (primary
 * and secondary), conditional requests, statistics still being computed, unreachable hosts.
 */

const HINT = 'Sign in to GitHub from the github connector in the Connectors view.';
const widget = { owner: 'acme', repo: 'widget' };

async function connect(fixture: GitHubFixture | { url: string }, options: Partial<GitHubConnectorOptions> = {}) {
  const server = createGitHubServer({ baseUrl: fixture.url, token: async () => undefined, signInHint: HINT, statsRetryDelayMs: 5, ...options });
  const client = await linkedClient(server);
  return {
    ...client,
    ok: async (name: string, args: Record<string, unknown>) => {
      const result = await client.call(name, args);
      assert.ok(!result.isError, `${name} failed: ${client.text(result)}`);
      return client.text(result);
    },
    fails: async (name: string, args: Record<string, unknown>) => {
      const result = await client.call(name, args);
      assert.equal(result.isError, true, `${name} should have failed: ${client.text(result)}`);
      return client.text(result);
    },
  };
}

const statusesOf = (requests: RecordedGitHubRequest[], path: string) => requests.filter((r) => r.path === path).map((r) => r.status);

describe('github connector: access, limits, caching', () => {
  let fixture: GitHubFixture;
  const open: Array<{ close: () => Promise<void> }> = [];
  const tracked = async (options: Partial<GitHubConnectorOptions> = {}) => {
    const c = await connect(fixture, options);
    open.push(c);
    return c;
  };
  beforeEach(async () => {
    fixture = await startGitHubFixture();
  });
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
    await fixture.close();
  });

  it('a repository that does not exist: the sign-in hint without a token, none with one', async () => {
    const anon = await tracked();
    assert.equal(
      await anon.fails('get_repository', { owner: 'acme', repo: 'nothing' }),
      `No repository acme/nothing on GitHub (or it is private and you are not signed in). ${HINT}`,
    );
    const signed = await tracked({ token: async () => 'ghp_x' });
    const message = await signed.fails('get_repository', { owner: 'acme', repo: 'nothing' });
    assert.match(message, /^No repository acme\/nothing on GitHub, or the token cannot see it/);
    assert.doesNotMatch(message, /Sign in/);
  });

  it('a private repository: 404 with the hint when anonymous, its data with a token (asked for per request)', async () => {
    let token: string | undefined;
    const c = await tracked({ token: async () => token });
    assert.match(await c.fails('get_repository', { owner: 'acme', repo: 'secret' }), new RegExp(`or it is private and you are not signed in\\). ${HINT}$`));
    token = 'ghp_signed_in_later';
    assert.match(await c.ok('get_repository', { owner: 'acme', repo: 'secret' }), /"full_name": "acme\/secret"/);
    assert.deepEqual(
      fixture.requests.map((r) => [r.path, r.status, r.authorized]),
      [
        ['/repos/acme/secret', 404, false],
        ['/repos/acme/secret', 200, true],
      ],
    );
  });

  it('a rejected token says so', async () => {
    const c = await tracked({ token: async () => 'bad-token' });
    assert.match(await c.fails('get_repository', widget), /^GitHub rejected the token \(HTTP 401: Bad credentials\).*Sign in again/);
  });

  it('an exhausted rate limit fails at once with the reset time and the hint, and reports the budget', async () => {
    const budgets: RateBudget[] = [];
    const c = await tracked({ onRateLimit: (b) => budgets.push(b) });
    await c.ok('get_repository', widget);
    assert.deepEqual({ ...budgets[0], resetAt: undefined }, { resource: 'core', limit: 60, remaining: 59, resetAt: undefined });
    fixture.setRateLimitRemaining(0, 3600);
    const message = await c.fails('list_tags', widget);
    assert.match(message, /^GitHub's rate limit for unauthenticated requests is used up; it resets at \d\d:\d\d UTC \(in (60|61) min\)\. /);
    assert.ok(message.endsWith(HINT));
    assert.equal(budgets.at(-1)?.remaining, 0);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/tags'), [403], 'not retried: the wait is too long');
  });

  it('a rate limit that resets within the allowed wait is waited out once, then the call succeeds', async () => {
    const c = await tracked();
    fixture.setRateLimitRemaining(0, 1);
    await c.ok('list_tags', widget);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/tags'), [403, 200]);
  });

  it('a secondary rate limit is retried after Retry-After; a long one fails with the wait', async () => {
    const c = await tracked();
    fixture.failNextWithSecondaryLimit(1);
    await c.ok('list_tags', widget);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/tags'), [403, 200]);

    const impatient = await tracked({ maxRateLimitWaitSeconds: 5 });
    fixture.failNextWithSecondaryLimit(120);
    assert.match(await impatient.fails('list_releases', widget), /secondary rate limit .* wait 120 s and try again/);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/releases'), [403]);
  });

  it('statistics still computing after five polls: a clear "try again in a minute"', async () => {
    const c = await tracked();
    fixture.setStatsComputing(10);
    assert.match(await c.fails('get_commit_activity', widget), /GitHub is still computing the commit statistics of acme\/widget .*try again in a minute/);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/stats/commit_activity'), [202, 202, 202, 202, 202]);
  });

  it('the same read twice: GitHub answers 200 then 304 (free), and the result is identical', async () => {
    const cache = new GitHubCache();
    const budgets: RateBudget[] = [];
    const c = await tracked({ cache, onRateLimit: (b) => budgets.push(b) });
    const first = await c.ok('get_repository', widget);
    const second = await c.ok('get_repository', widget);
    assert.equal(second, first);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget'), [200, 304]);
    assert.equal(budgets[1].remaining, budgets[0].remaining, 'a 304 costs no rate limit');

    // Another server instance with the same cache (the next audit) is answered 304 too.
    const next = await tracked({ cache });
    assert.equal(await next.ok('get_repository', widget), first);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget'), [200, 304, 304]);
    assert.deepEqual(fixture.counts(), { ok200: 1, notModified304: 2, other: 0 });

    // Someone else (another token) does not get this caller's cached answer.
    const other = await tracked({ cache, token: async () => 'ghp_other' });
    await other.ok('get_repository', widget);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget'), [200, 304, 304, 200]);
  });

  it('a cache restored from JSON still saves the request', async () => {
    const cache = new GitHubCache();
    const c = await tracked({ cache });
    const first = await c.ok('list_contributors', widget);
    const restored = GitHubCache.fromJSON(JSON.parse(JSON.stringify(cache)));
    const again = await tracked({ cache: restored });
    assert.equal(await again.ok('list_contributors', widget), first);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget/contributors'), [200, 304]);
  });

  it('without a cache every read is a full 200', async () => {
    const c = await tracked();
    await c.ok('get_repository', widget);
    await c.ok('get_repository', widget);
    assert.deepEqual(statusesOf(fixture.requests, '/repos/acme/widget'), [200, 200]);
  });
});

describe('github connector: writes', () => {
  let fixture: GitHubFixture;
  after(async () => fixture?.close());

  it('need a signed-in user: refused before any request', async () => {
    fixture = await startGitHubFixture();
    const c = await connect(fixture);
    assert.equal(await c.fails('create_issue', { ...widget, title: 'x' }), `Changing acme/widget on GitHub needs a signed-in user. ${HINT}`);
    assert.equal(fixture.requests.length, 0);
    await c.close();
  });

  it('create an issue, comment on it, create, update and delete a file: the right endpoints and bodies', async () => {
    const c = await connect(fixture, { token: async () => 'ghp_writer' });
    const writes = () => fixture.requests.filter((r) => r.method !== 'GET');

    const issue = JSON.parse(
      await c.ok('create_issue', { ...widget, title: 'Audit: pull_request_target runs fork code', body: 'See label-pr.yml', labels: ['security'] }),
    ) as { number: number; html_url: string };
    assert.equal(issue.number, 59);
    assert.equal(issue.html_url, 'https://github.com/acme/widget/issues/59');
    assert.deepEqual(writes().at(-1), {
      method: 'POST',
      path: '/repos/acme/widget/issues',
      query: '',
      status: 201,
      authorized: true,
      body: { title: 'Audit: pull_request_target runs fork code', body: 'See label-pr.yml', labels: ['security'] },
    });

    const comment = JSON.parse(await c.ok('add_issue_comment', { ...widget, issue_number: 59, body: 'Details follow.' })) as { html_url: string };
    assert.match(comment.html_url, /^https:\/\/github\.com\/acme\/widget\/issues\/59#issuecomment-\d+$/);
    assert.deepEqual([writes().at(-1)?.path, writes().at(-1)?.body], ['/repos/acme/widget/issues/59/comments', { body: 'Details follow.' }]);

    const created = JSON.parse(await c.ok('create_or_update_file', { ...widget, path: 'docs/AUDIT.md', content: '# Audit\n', message: 'Add audit notes' })) as {
      created: boolean;
      sha: string;
    };
    assert.equal(created.created, true);
    const put = writes().at(-1);
    assert.equal(put?.path, '/repos/acme/widget/contents/docs/AUDIT.md');
    assert.equal(Buffer.from(String((put?.body as { content: string }).content), 'base64').toString('utf8'), '# Audit\n');

    assert.match(
      await c.fails('create_or_update_file', { ...widget, path: 'docs/AUDIT.md', content: 'again', message: 'Overwrite' }),
      /HTTP 422: Invalid request\. "sha" wasn't supplied\./,
    );
    const updated = JSON.parse(
      await c.ok('create_or_update_file', { ...widget, path: 'docs/AUDIT.md', content: '# Audit v2\n', message: 'Update', sha: created.sha }),
    ) as { updated: boolean; sha: string };
    assert.equal(updated.updated, true);
    assert.match(await c.ok('read_file', { ...widget, path: 'docs/AUDIT.md' }), /# Audit v2/);

    const deleted = JSON.parse(await c.ok('delete_file', { ...widget, path: 'docs/AUDIT.md', message: 'Remove notes', sha: updated.sha })) as {
      deleted: boolean;
      commit: { html_url: string };
    };
    assert.equal(deleted.deleted, true);
    assert.match(deleted.commit.html_url, /^https:\/\/github\.com\/acme\/widget\/commit\/[0-9a-f]{40}$/);
    assert.deepEqual(writes().at(-1)?.body, { message: 'Remove notes', sha: updated.sha });
    assert.equal(writes().at(-1)?.method, 'DELETE');
    assert.match(await c.fails('read_file', { ...widget, path: 'docs/AUDIT.md' }), /No file docs\/AUDIT\.md in acme\/widget/);
    await c.close();
  });
});

describe('github connector: unreachable or silent host', () => {
  it('names the address and what to check', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address() as { port: number };
        probe.close(() => resolve(address.port));
      });
    });
    const c = await connect({ url: `http://127.0.0.1:${port}` }, { requestTimeoutMs: 5000 });
    assert.match(await c.fails('get_repository', widget), new RegExp(`^GitHub could not be reached at http://127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));
    await c.close();
  });

  it('a host that accepts and never answers: the time limit, said once (not retried)', async () => {
    let connections = 0;
    const silent = createHttpServer(() => connections++);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    const c = await connect({ url }, { requestTimeoutMs: 300 });
    assert.equal(await c.fails('get_repository', widget), `GitHub (${url}) did not answer within 300 ms; try again, or check the network.`);
    assert.equal(connections, 1);
    await c.close();
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
  });
});
