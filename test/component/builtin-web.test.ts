// web_search of the built-in web connector, over real HTTP against fixtures that answer in each
// provider's wire format (Brave, Tavily, SearXNG, and Mistral's Conversations API through the real
// @mistralai/mistralai SDK): what is sent, what comes back, 'auto' choice, and readable errors.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createWebServer, WEB_TOOL_NAMES, type SearchConfig } from '../../src/core/builtins/web/webServer';
import { linkedClient } from '../helpers/mcpClient';
import { startBraveFixture } from '../fixtures/search/brave';
import { CORPUS } from '../fixtures/search/corpus';
import { MISTRAL_CITED, startMistralFixture } from '../fixtures/search/mistralConversations';
import { FIXTURE_KEYS, RETRY_AFTER_SECONDS, type FixtureServer } from '../fixtures/search/recordingServer';
import { startSearxngFixture } from '../fixtures/search/searxng';
import { startTavilyFixture } from '../fixtures/search/tavily';

interface SearchAnswer {
  provider: string;
  query: string;
  freshness?: string;
  results: Array<{ title: string; url: string; snippet: string; published?: string }>;
}

const HINT = 'Set BRAVE_API_KEY, TAVILY_API_KEY, SEARXNG_URL or MISTRAL_API_KEY.';

describe('web connector: web_search', () => {
  let brave: FixtureServer;
  let tavily: FixtureServer;
  let searxng: FixtureServer;
  let mistral: FixtureServer;
  let config: Omit<SearchConfig, 'configureHint' | 'endpoints'>;
  let client: Awaited<ReturnType<typeof linkedClient>>;

  before(async () => {
    [brave, tavily, searxng, mistral] = await Promise.all([startBraveFixture(), startTavilyFixture(), startSearxngFixture(), startMistralFixture()]);
    client = await linkedClient(
      createWebServer({
        // Read on every call, like the extension's settings and secrets.
        search: async () => ({ ...config, configureHint: HINT, endpoints: { brave: brave.url, tavily: tavily.url, mistral: mistral.url } }),
        fetchPolicy: () => ({ allowHosts: [] }),
      }),
    );
  });
  after(async () => {
    await client.close();
    await Promise.all([brave, tavily, searxng, mistral].map((f) => f.close()));
  });

  async function search(args: Record<string, unknown>): Promise<SearchAnswer> {
    const r = await client.call('web_search', args);
    assert.ok(!r.isError, client.text(r));
    return JSON.parse(client.text(r)) as SearchAnswer;
  }
  async function searchError(args: Record<string, unknown> = { query: 'left-pad' }): Promise<string> {
    const r = await client.call('web_search', args);
    assert.equal(r.isError, true, client.text(r));
    return client.text(r);
  }

  it('lists web_search and fetch_url, read-only and open-world, even with no provider configured', async () => {
    config = { provider: 'auto' };
    const { tools } = await client.client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...WEB_TOOL_NAMES].sort());
    for (const t of tools) {
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.openWorldHint, true, t.name);
    }
    const webSearch = tools.find((t) => t.name === 'web_search');
    assert.deepEqual(webSearch?.inputSchema.required, ['query']);
  });

  it('without a provider, says which ones it could use and how to configure one', async () => {
    config = { provider: 'auto' };
    const message = await searchError();
    for (const name of ['Brave Search', 'Tavily', 'SearXNG', 'Mistral']) assert.ok(message.includes(name), message);
    assert.ok(message.endsWith(HINT), message);
  });

  it('Brave: key header, count and freshness; highlights stripped, dated by page_age', async () => {
    config = { provider: 'auto', braveApiKey: FIXTURE_KEYS.valid };
    const answer = await search({ query: 'left-pad npm unpublish', count: 3, freshness: 'week' });
    assert.equal(answer.provider, 'Brave Search');
    assert.deepEqual(
      answer.results,
      CORPUS.slice(0, 3).map((p) => ({ title: p.title, url: p.url, snippet: p.snippet, published: p.published })),
    );
    const sent = brave.requests.at(-1)!;
    assert.equal(sent.headers['x-subscription-token'], FIXTURE_KEYS.valid);
    assert.equal(sent.query.get('q'), 'left-pad npm unpublish');
    assert.equal(sent.query.get('count'), '3');
    assert.equal(sent.query.get('freshness'), 'pw');
  });

  it('Tavily: Bearer key and JSON body with max_results, time_range and topic', async () => {
    config = { provider: 'tavily', tavilyApiKey: FIXTURE_KEYS.valid, braveApiKey: FIXTURE_KEYS.valid };
    const answer = await search({ query: 'left-pad', count: 4, freshness: 'month' });
    assert.equal(answer.provider, 'Tavily');
    assert.deepEqual(
      answer.results.map((r) => r.url),
      CORPUS.slice(0, 4).map((p) => p.url),
    );
    assert.equal(answer.results[0].snippet, CORPUS[0].snippet);
    const sent = tavily.requests.at(-1)!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.headers.authorization, `Bearer ${FIXTURE_KEYS.valid}`);
    assert.deepEqual(JSON.parse(sent.body), { query: 'left-pad', max_results: 4, topic: 'general', search_depth: 'basic', time_range: 'month' });
  });

  it('SearXNG: format=json and time_range, no key; duplicates merged and the page cut to count', async () => {
    config = { provider: 'searxng', searxngUrl: `${searxng.url}/` };
    const answer = await search({ query: 'left-pad', count: 5, freshness: 'year' });
    assert.equal(answer.provider, 'SearXNG');
    assert.deepEqual(
      answer.results.map((r) => r.url),
      CORPUS.slice(0, 5).map((p) => p.url),
    );
    assert.equal(answer.results[0].published, CORPUS[0].published);
    assert.equal(answer.results[1].published, undefined, 'publishedDate null is left out');
    const sent = searxng.requests.at(-1)!;
    assert.equal(sent.path, '/search');
    assert.equal(sent.query.get('format'), 'json');
    assert.equal(sent.query.get('time_range'), 'year');
    assert.equal(sent.headers.authorization, undefined);
  });

  it('SearXNG without the json format enabled: says how to enable it', async () => {
    const closed = await startSearxngFixture({ jsonEnabled: false });
    try {
      config = { provider: 'searxng', searxngUrl: closed.url };
      assert.match(await searchError(), /HTTP 403.*settings\.yml/);
    } finally {
      await closed.close();
    }
  });

  it('Mistral: a conversation with the web_search tool; sources from tool_reference chunks, the cited sentence as snippet', async () => {
    config = { provider: 'mistral', mistralApiKey: FIXTURE_KEYS.valid };
    const answer = await search({ query: 'is left-pad maintained', count: 10 });
    assert.equal(answer.provider, 'Mistral web search');
    assert.deepEqual(
      answer.results.map((r) => r.url),
      CORPUS.slice(0, MISTRAL_CITED).map((p) => p.url),
      'each source once, in citation order',
    );
    assert.equal(answer.results[0].snippet, CORPUS[0].snippet, 'a reference with a description keeps it');
    assert.match(answer.results[1].snippet, /^The Register reported how unpublishing left-pad broke Node/);
    assert.match(answer.results[2].snippet, /^npm explained its decision/);
    const sent = mistral.requests.at(-1)!;
    assert.equal(sent.path, '/v1/conversations');
    assert.equal(sent.headers.authorization, `Bearer ${FIXTURE_KEYS.valid}`);
    const body = JSON.parse(sent.body) as Record<string, unknown>;
    assert.equal(body.model, 'mistral-medium-latest');
    assert.equal(body.inputs, 'is left-pad maintained');
    assert.deepEqual(body.tools, [{ type: 'web_search' }]);
    assert.equal(body.store, false);
    assert.match(String(body.instructions), /at most 10/);
  });

  it("'auto' takes the first configured of Brave, Tavily, SearXNG, Mistral", async () => {
    const all: Partial<SearchConfig> = {
      braveApiKey: FIXTURE_KEYS.valid,
      tavilyApiKey: FIXTURE_KEYS.valid,
      searxngUrl: searxng.url,
      mistralApiKey: FIXTURE_KEYS.valid,
    };
    const cases: Array<[Partial<SearchConfig>, string]> = [
      [all, 'Brave Search'],
      [{ ...all, braveApiKey: '  ' }, 'Tavily'],
      [{ searxngUrl: searxng.url, mistralApiKey: FIXTURE_KEYS.valid }, 'SearXNG'],
      [{ mistralApiKey: FIXTURE_KEYS.valid }, 'Mistral web search'],
    ];
    for (const [keys, expected] of cases) {
      config = { provider: 'auto', ...keys };
      assert.equal((await search({ query: 'left-pad', count: 2 })).provider, expected);
    }
  });

  it('a named provider without its key is an error naming what is missing, not a switch to another', async () => {
    config = { provider: 'brave', tavilyApiKey: FIXTURE_KEYS.valid };
    const before = tavily.requests.length;
    const message = await searchError();
    assert.match(message, /set to Brave Search, but a Brave Search API key is not configured/);
    assert.ok(message.endsWith(HINT));
    assert.equal(tavily.requests.length, before);
  });

  for (const [provider, keyField] of [
    ['brave', 'braveApiKey'],
    ['tavily', 'tavilyApiKey'],
    ['mistral', 'mistralApiKey'],
  ] as const) {
    it(`${provider}: a rejected key and a rate limit read clearly`, async () => {
      config = { provider, [keyField]: 'wrong-key' };
      const rejected = await searchError();
      assert.match(rejected, /rejected the API key \(HTTP 401\)/);
      assert.ok(rejected.includes(HINT), rejected);
      config = { provider, [keyField]: FIXTURE_KEYS.rateLimited };
      const limited = await searchError();
      assert.match(limited, new RegExp(`rate limiting searches \\(HTTP 429\\); wait ${RETRY_AFTER_SECONDS} s`));
    });
  }

  it('validates arguments: count within 1–20, a known freshness', async () => {
    config = { provider: 'brave', braveApiKey: FIXTURE_KEYS.valid };
    for (const args of [{ query: 'x', count: 0 }, { query: 'x', count: 21 }, { query: 'x', freshness: 'decade' }, { query: '' }]) {
      const r = await client.call('web_search', args);
      assert.equal(r.isError, true, JSON.stringify(args));
    }
  });
});
