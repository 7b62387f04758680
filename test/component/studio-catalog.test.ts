// What the Connectors view shows of Mistral Studio: StudioCatalog (listed on first need, kept until
// Refresh, failures as values) over the real @mistralai/mistralai SDK and the fake Studio API, with
// server-everything behind one connector.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StudioCatalog, type StudioReader } from '../../src/core/studio/studioCatalog';
import { StudioClient } from '../../src/core/studio/studioClient';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { freePort, startEverything } from '../helpers/everythingServer';

describe('StudioCatalog against the fake Mistral Studio API', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  const clientWith = (apiKey: string, extra: Partial<ConstructorParameters<typeof StudioClient>[0]> = {}) =>
    new StudioClient({ apiKey, serverUrl: fixture.url, keyHint: 'Run "Set Mistral API Key…".', ...extra });
  const listRequests = () => fixture.requests.filter((r) => r.method === 'GET' && r.path === '/v1/connectors').length;
  const toolRequests = () => fixture.requests.filter((r) => r.method === 'GET' && /\/tools$/.test(r.path)).length;

  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    const [ref] = fixture.seed(1, 'everything', `http://127.0.0.1:${everything.port}/mcp`);
    ref.name = 'everything';
    const [tracker] = fixture.seed(1, 'issue-tracker');
    tracker.name = 'issue-tracker';
    tracker.visibility = 'shared_workspace';
  });
  after(async () => {
    await fixture.close();
    await everything.stop();
  });

  it('lists the connectors once, with visibility and auth, and again only after invalidate()', async () => {
    const catalog = new StudioCatalog(() => clientWith(fixture.key));
    const before = listRequests();
    const first = await catalog.connectors();
    assert.ok(first.ok);
    assert.deepEqual(
      first.connectors.map((c) => c.name),
      ['everything', 'issue-tracker'],
    );
    assert.equal(first.truncated, false);
    assert.equal(first.connectors[1].visibility, 'shared_workspace');
    assert.deepEqual(first.connectors[0].authMethods, ['none']);
    await catalog.connectors();
    assert.equal(listRequests() - before, 1, 'a second look reuses the first listing');

    fixture.seed(1, 'late');
    const stale = await catalog.connectors();
    assert.ok(stale.ok && !stale.connectors.some((c) => c.name === 'late-001'), 'until Refresh the view keeps what it read');
    catalog.invalidate();
    const again = await catalog.connectors();
    assert.ok(again.ok);
    assert.ok(
      again.connectors.some((c) => c.name === 'late-001'),
      'Refresh shows what was added meanwhile',
    );
    assert.equal(listRequests() - before, 2);
    fixture.connectors.splice(
      fixture.connectors.findIndex((c) => c.name === 'late-001'),
      1,
    );
  });

  it("lists a connector's tools only when asked, from the real MCP server behind it, and keeps them", async () => {
    const catalog = new StudioCatalog(() => clientWith(fixture.key));
    const listing = await catalog.connectors();
    assert.ok(listing.ok);
    assert.equal(toolRequests(), 0, 'listing connectors does not list their tools');
    const everythingConnector = listing.connectors.find((c) => c.name === 'everything')!;
    const tools = await catalog.toolsOf(everythingConnector);
    assert.ok(tools.ok);
    const names = tools.tools.map((t) => t.name);
    for (const name of ['echo', 'get-sum', 'get-env']) assert.ok(names.includes(name), `${name} in ${names.join(', ')}`);
    assert.equal(tools.tools.find((t) => t.name === 'get-sum')?.annotations?.readOnlyHint, true);
    await catalog.toolsOf(everythingConnector);
    assert.equal(toolRequests(), 1);
    const canned = await catalog.toolsOf(listing.connectors.find((c) => c.name === 'issue-tracker')!);
    assert.ok(canned.ok);
    assert.deepEqual(
      canned.tools.map((t) => t.name),
      ['search_issues', 'close_issue'],
    );
  });

  it('says the list is truncated when a large registry passes the page cap', async () => {
    const bulk = fixture.seed(150, 'bulk');
    try {
      const catalog = new StudioCatalog(() => clientWith(fixture.key, { maxPages: 1 }));
      const listing = await catalog.connectors();
      assert.ok(listing.ok);
      assert.equal(listing.truncated, true);
      assert.equal(listing.connectors.length, 100);
    } finally {
      for (const b of bulk) fixture.connectors.splice(fixture.connectors.indexOf(b), 1);
    }
  });

  it('returns a rejected key as an auth failure, never a throw, and recovers after invalidate() with a good key', async () => {
    let key = 'not-the-key';
    const catalog = new StudioCatalog(() => clientWith(key));
    const listing = await catalog.connectors();
    assert.ok(!listing.ok);
    assert.equal(listing.error.kind, 'auth');
    assert.match(listing.error.message, /Mistral rejected the API key \(HTTP 401\)\. Run "Set Mistral API Key…"\./);
    key = fixture.key;
    catalog.invalidate();
    const fixed = await catalog.connectors();
    assert.ok(fixed.ok);
  });

  it('returns rate limiting and an unreachable API as failures that name the fix', async () => {
    fixture.rateLimit(1, 1);
    const limited = await new StudioCatalog(() => clientWith(fixture.key, { maxRetries: 0 })).connectors();
    assert.ok(!limited.ok);
    assert.equal(limited.error.kind, 'rate-limited');
    assert.match(limited.error.message, /HTTP 429.*Wait and try again/);

    const port = await freePort();
    const down = await new StudioCatalog(() => new StudioClient({ apiKey: 'k', serverUrl: `http://127.0.0.1:${port}`, maxRetries: 0 })).connectors();
    assert.ok(!down.ok);
    assert.equal(down.error.kind, 'unreachable');
    assert.match(down.error.message, new RegExp(`Cannot reach Mistral at http://127\\.0\\.0\\.1:${port}`));
  });

  it('without a key reports an auth failure without any request', async () => {
    const before = fixture.requests.length;
    const missing = await new StudioCatalog((): StudioReader | undefined => undefined).connectors();
    assert.ok(!missing.ok);
    assert.equal(missing.error.kind, 'auth');
    assert.equal(fixture.requests.length, before);
  });
});
