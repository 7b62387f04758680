// Search-provider answers of the built-in web connector parsed into {title, url, snippet,
// published?}, provider choice, and the "no provider" message.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseBraveResults } from '../../src/core/builtins/web/braveSearch';
import { parseMistralConversation, searchInstructions } from '../../src/core/builtins/web/mistralSearch';
import { bodyDetail } from '../../src/core/builtins/web/searchErrors';
import { chooseProvider, configuredProviders, noProviderMessage } from '../../src/core/builtins/web/searchProviders';
import { endpointUrl, plainText } from '../../src/core/builtins/web/searchTypes';
import { parseSearxngResults, searxngSearchUrl } from '../../src/core/builtins/web/searxngSearch';
import { parseTavilyResults } from '../../src/core/builtins/web/tavilySearch';
import type { SearchConfig } from '../../src/core/builtins/web/webConfig';

describe('web search: provider answers', () => {
  it('Brave: web.results with highlights and entities as plain text, page_age before age, bad entries skipped', () => {
    const hits = parseBraveResults({
      type: 'search',
      query: { original: 'left-pad' },
      web: {
        type: 'search',
        results: [
          {
            title: 'left-pad - npm',
            url: 'https://www.npmjs.com/package/left-pad',
            description: 'String <strong>left</strong> pad &amp; more &#x27;quoted&#x27;',
            page_age: '2018-04-09T00:00:00',
            age: 'April 9, 2018',
            profile: { name: 'npm' },
          },
          { title: 'No dates', url: 'https://example.org/a', description: 'Plain.' },
          { title: 'Age only', url: 'https://example.org/b', description: '', age: '3 days ago' },
          { title: 'Script link', url: 'javascript:alert(1)', description: 'dropped' },
          { url: 'https://example.org/no-title' },
        ],
      },
    });
    assert.deepEqual(hits, [
      { title: 'left-pad - npm', url: 'https://www.npmjs.com/package/left-pad', snippet: "String left pad & more 'quoted'", published: '2018-04-09T00:00:00' },
      { title: 'No dates', url: 'https://example.org/a', snippet: 'Plain.' },
      { title: 'Age only', url: 'https://example.org/b', snippet: '', published: '3 days ago' },
    ]);
  });

  it('Brave: an answer without web results (only news, say) is no results; a non-object is an error', () => {
    assert.deepEqual(parseBraveResults({ type: 'search', query: { original: 'x' }, news: { results: [] } }), []);
    assert.throws(() => parseBraveResults('<html>'), /unexpected shape/);
  });

  it('Tavily: results[].content as snippet, published_date when present, null fields tolerated', () => {
    const hits = parseTavilyResults({
      query: 'q',
      answer: null,
      images: [],
      results: [
        { url: 'https://a.example/', title: 'A', content: 'Alpha', score: 0.9, raw_content: null, published_date: 'Tue, 23 Mar 2016 09:12:00 GMT' },
        { url: 'https://b.example/', title: null, content: null, score: 0.5 },
      ],
      response_time: 1.2,
    });
    assert.deepEqual(hits, [
      { title: 'A', url: 'https://a.example/', snippet: 'Alpha', published: 'Tue, 23 Mar 2016 09:12:00 GMT' },
      { title: 'https://b.example/', url: 'https://b.example/', snippet: '' },
    ]);
    assert.throws(() => parseTavilyResults({ detail: { error: 'x' } }), /unexpected shape/);
  });

  it('SearXNG: results[] deduplicated by URL, publishedDate null left out', () => {
    const hits = parseSearxngResults({
      query: 'q',
      number_of_results: 0,
      results: [
        { url: 'https://a.example/', title: 'A', content: 'first', publishedDate: '2024-05-01T00:00:00', engine: 'brave', engines: ['brave'] },
        { url: 'https://a.example/', title: 'A again', content: 'second', publishedDate: null, engine: 'mojeek' },
        { url: 'https://b.example/', title: 'B', content: '', publishedDate: null },
      ],
      answers: [],
      unresponsive_engines: [],
    });
    assert.deepEqual(hits, [
      { title: 'A', url: 'https://a.example/', snippet: 'first', published: '2024-05-01T00:00:00' },
      { title: 'B', url: 'https://b.example/', snippet: '' },
    ]);
  });

  it('SearXNG: the instance URL may be its root or its /search page, with or without a path prefix', () => {
    assert.equal(searxngSearchUrl('https://searx.example/').href, 'https://searx.example/search');
    assert.equal(searxngSearchUrl('https://searx.example/search').href, 'https://searx.example/search');
    assert.equal(searxngSearchUrl('https://example.org/searxng').href, 'https://example.org/searxng/search');
    assert.equal(endpointUrl('https://proxy.example/brave/', '/res/v1/web/search').href, 'https://proxy.example/brave/res/v1/web/search');
  });

  it('Mistral: sources from tool_reference chunks, once each, description or the cited sentence as snippet', () => {
    const hits = parseMistralConversation({
      outputs: [
        { object: 'entry', type: 'tool.execution', name: 'web_search', arguments: '{"query":"left-pad"}', info: {} },
        { object: 'entry', type: 'message.output', role: 'assistant', content: 'A plain string answer has no references.' },
        {
          object: 'entry',
          type: 'message.output',
          role: 'assistant',
          content: [
            { type: 'text', text: 'Background first. The package was deprecated in 2018 (' },
            {
              type: 'tool_reference',
              tool: 'web_search',
              title: 'left-pad - npm',
              url: 'https://www.npmjs.com/package/left-pad',
              favicon: null,
              description: null,
            },
            {
              type: 'tool_reference',
              tool: 'web_search',
              title: 'npm blog',
              url: 'https://blog.npmjs.org/post/1',
              favicon: null,
              description: 'The npm blog post.',
            },
            { type: 'text', text: ').\n\n2. **Source code** is on GitHub ' },
            { type: 'tool_reference', tool: 'web_search', title: 'stevemao/left-pad', url: 'https://github.com/stevemao/left-pad' },
            { type: 'text', text: ' and again ' },
            { type: 'tool_reference', tool: 'web_search', title: 'left-pad - npm', url: 'https://www.npmjs.com/package/left-pad', description: null },
            { type: 'tool_reference', tool: 'web_search', title: 'No URL' },
            { type: 'thinking', thinking: [] },
          ],
        },
      ],
    });
    assert.deepEqual(hits, [
      { title: 'left-pad - npm', url: 'https://www.npmjs.com/package/left-pad', snippet: 'The package was deprecated in 2018' },
      { title: 'npm blog', url: 'https://blog.npmjs.org/post/1', snippet: 'The npm blog post.' },
      { title: 'stevemao/left-pad', url: 'https://github.com/stevemao/left-pad', snippet: '**Source code** is on GitHub' },
    ]);
    assert.deepEqual(parseMistralConversation({ outputs: [] }), []);
  });

  it('Mistral: the instructions carry the count and the freshness', () => {
    assert.match(searchInstructions(5, 'week'), /at most 5.*last week/s);
    assert.doesNotMatch(searchInstructions(5, undefined), /published within/);
  });

  it('plain text from snippets: tags dropped, entities decoded, whitespace collapsed', () => {
    assert.equal(plainText('<b>a</b>&nbsp;&lt;b&gt; &#169; &#x1F600; &bogus;\n\n x'), 'a <b> © 😀 &bogus; x');
  });

  it('error bodies: Brave, Tavily and Mistral shapes', () => {
    assert.equal(
      bodyDetail('{"type":"ErrorResponse","error":{"code":"SUBSCRIPTION_TOKEN_INVALID","detail":"The provided subscription token is invalid."}}'),
      'The provided subscription token is invalid.',
    );
    assert.equal(bodyDetail('{"detail":{"error":"Unauthorized: missing or invalid API key."}}'), 'Unauthorized: missing or invalid API key.');
    assert.equal(bodyDetail('{"message":"Unauthorized","request_id":"x"}'), 'Unauthorized');
    assert.equal(bodyDetail('<html>502</html>'), undefined);
  });
});

describe('web search: provider choice', () => {
  const base: SearchConfig = { provider: 'auto', configureHint: 'Run "Set Web Search API Key".' };

  it('with none configured, the message names every provider and ends with the hint', () => {
    const message = noProviderMessage(base);
    assert.equal(
      message,
      'No web search provider is configured. web_search needs one of: Brave Search (a Brave Search API key), Tavily (a Tavily API key), SearXNG (the URL of a SearXNG instance with the JSON format enabled), Mistral web search (a Mistral API key). Run "Set Web Search API Key".',
    );
    assert.deepEqual(chooseProvider(base), { error: message });
  });

  it('a named provider without its credential names it', () => {
    assert.equal(
      noProviderMessage({ ...base, provider: 'searxng' }),
      'Web search is set to SearXNG, but the URL of a SearXNG instance with the JSON format enabled is not configured. Run "Set Web Search API Key".',
    );
  });

  it("'auto' order is Brave, Tavily, SearXNG, Mistral; blank values do not count", () => {
    assert.deepEqual(configuredProviders({ ...base, mistralApiKey: 'm', searxngUrl: 'https://s', tavilyApiKey: ' ', braveApiKey: '' }), ['searxng', 'mistral']);
    const chosen = chooseProvider({ ...base, mistralApiKey: 'm', tavilyApiKey: 't' });
    assert.ok(!('error' in chosen));
    assert.equal(chosen.name, 'tavily');
    const named = chooseProvider({ ...base, provider: 'mistral', mistralApiKey: 'm', braveApiKey: 'b' });
    assert.ok(!('error' in named) && named.name === 'mistral');
  });
});
