// StudioClient through the real @mistralai/mistralai SDK against the fake Studio API
// (test/fixtures/mistralStudio), with a real MCP server (server-everything) behind one connector.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { StudioClient } from '../../src/core/studio/studioClient';
import { StudioError } from '../../src/core/studio/studioError';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { startEverything } from '../helpers/everythingServer';

async function rejectsWith(promise: Promise<unknown>, kind: StudioError['kind'], message: RegExp): Promise<StudioError> {
  const err = await promise.then(
    () => assert.fail('expected a StudioError'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof StudioError, String(err));
  assert.equal(err.kind, kind, err.message);
  assert.match(err.message, message);
  return err;
}

describe('StudioClient against the fake Mistral Studio API', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let client: StudioClient;
  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    client = new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url, keyHint: 'Set MISTRAL_API_KEY.' });
  });
  after(async () => {
    await fixture.close();
    await everything.stop();
  });

  it('creates, gets, updates (fields and visibility) and deletes a connector by name', async () => {
    const created = await client.create({
      name: 'tracker',
      description: 'Issue tracker',
      server: 'https://tracker.example.com/mcp',
      visibility: 'private',
      auth: 'bearer',
    });
    assert.equal(created.name, 'tracker');
    assert.equal(created.visibility, 'private');
    assert.deepEqual(created.authMethods, ['bearer']);
    const sent = JSON.parse(fixture.requests.find((r) => r.method === 'POST' && r.path === '/v1/connectors')!.body);
    assert.deepEqual(sent.auth_methods, [{ method_type: 'bearer' }]);

    assert.equal((await client.get('tracker')).id, created.id);
    const updated = await client.update('tracker', { description: 'The team tracker', visibility: 'shared_workspace' });
    assert.equal(updated.description, 'The team tracker');
    assert.equal(updated.visibility, 'shared_workspace');
    assert.equal(fixture.connectors.find((c) => c.id === created.id)?.visibility, 'shared_workspace');

    const deleted = await client.delete('tracker');
    assert.equal(deleted.id, created.id);
    assert.ok(!fixture.connectors.some((c) => c.id === created.id));
    await rejectsWith(client.get('tracker'), 'not-found', /no connector "tracker" in this workspace \(HTTP 404: Connector not found: tracker\)/);
  });

  it('reads every page of a large registry, and stops at the page cap saying so', async () => {
    const seeded = fixture.seed(250, 'bulk');
    const all = await client.list();
    assert.equal(all.truncated, false);
    const names = new Set(all.connectors.map((c) => c.name));
    for (const s of seeded) assert.ok(names.has(s.name), s.name);
    assert.ok(fixture.requests.filter((r) => r.path === '/v1/connectors' && r.method === 'GET').length >= 3);

    const capped = await new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url, maxPages: 2 }).list();
    assert.equal(capped.truncated, true);
    assert.equal(capped.connectors.length, 200);
    fixture.connectors.splice(0, fixture.connectors.length);
  });

  it('lists and calls the tools of a connector whose server is a real MCP server', async () => {
    await client.create({ name: 'everything', description: 'server-everything', server: `http://127.0.0.1:${everything.port}/mcp` });
    const tools = await client.listTools('everything');
    assert.equal(tools.length, 13);
    const echo = tools.find((t) => t.name === 'echo');
    assert.deepEqual(echo?.inputSchema.required, ['message']);
    const result = await client.callTool('everything', 'echo', { message: 'through Studio' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'Echo: through Studio' }]);
    assert.notEqual(result.isError, true);
    await rejectsWith(client.callTool('everything', 'no_such_tool', {}), 'not-found', /no tool "no_such_tool" on connector "everything".*Tool not found/);
  });

  it('says a name is taken (409), naming it', async () => {
    await client.create({ name: 'dup', description: 'first', server: 'https://a.example.com/mcp' });
    await rejectsWith(
      client.create({ name: 'dup', description: 'second', server: 'https://b.example.com/mcp' }),
      'conflict',
      /"dup" already exists.*409.*another name/,
    );
  });

  it('turns a 422 into the field and the reason', async () => {
    await rejectsWith(client.create({ name: 'bad-url', description: 'x', server: 'ftp://nowhere' }), 'invalid', /server: Input should be a valid URL/);
  });

  it('names the fix for a missing or rejected key (401)', async () => {
    await rejectsWith(new StudioClient({ serverUrl: fixture.url, keyHint: 'Set MISTRAL_API_KEY.' }).list(), 'auth', /No Mistral API key\. Set MISTRAL_API_KEY/);
    await rejectsWith(
      new StudioClient({ apiKey: 'wrong', serverUrl: fixture.url, keyHint: 'Set MISTRAL_API_KEY.' }).list(),
      'auth',
      /rejected the API key \(HTTP 401\)\. Set MISTRAL_API_KEY/,
    );
  });

  it('retries a 429 after its Retry-After, and reports it when retries run out', async () => {
    const waits: number[] = [];
    const retrying = new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url, sleep: async (ms) => void waits.push(ms) });
    fixture.rateLimit(2, 3);
    assert.ok(Array.isArray((await retrying.list()).connectors));
    assert.deepEqual(waits, [3000, 3000]);

    fixture.rateLimit(1, 3);
    const err = await rejectsWith(
      new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url, maxRetries: 0 }).list(),
      'rate-limited',
      /HTTP 429.*retry after 3 s/,
    );
    assert.equal(err.retryAfterMs, 3000);
  });

  it('says when Mistral cannot be reached, naming the URL', async () => {
    await rejectsWith(
      new StudioClient({ apiKey: 'k', serverUrl: 'http://127.0.0.1:9' }).list(),
      'unreachable',
      /Cannot reach Mistral at http:\/\/127\.0\.0\.1:9/,
    );
  });
});
