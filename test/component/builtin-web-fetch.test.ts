// fetch_url of the built-in web connector, over real HTTP against a local page server: readable
// Markdown from an article, the content types it reads and refuses, decoding, limits — and the
// SSRF guard, shown by what it refuses *and* by the page server never having been asked.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isIP } from 'node:net';
import { createWebServer, type FetchPolicy } from '../../src/core/builtins/web/webServer';
import { linkedClient } from '../helpers/mcpClient';
import { BIG_BYTES, JSON_VALUE, LATIN1_TEXT, MARKDOWN_TEXT, PLAIN_TEXT, startPageServer } from '../fixtures/search/pageServer';
import type { FixtureServer } from '../fixtures/search/recordingServer';

/** The DNS the tests pretend to have: names to addresses, through the connector's lookup seam. */
const DNS: Record<string, string[]> = {
  'public.example': ['127.0.0.1'],
  localhost: ['127.0.0.1', '::1'],
  'intranet.example': ['10.0.0.5'],
  'mixed.example': ['93.184.215.14', '10.0.0.5'],
  'metadata.example': ['169.254.169.254'],
};

interface FetchAnswer {
  url: string;
  title: string;
  contentType: string;
  markdown: string;
  truncated: boolean;
}

describe('web connector: fetch_url', () => {
  let pages: FixtureServer;
  let policy: FetchPolicy;
  const lookups: string[] = [];
  let client: Awaited<ReturnType<typeof linkedClient>>;

  before(async () => {
    pages = await startPageServer();
    client = await linkedClient(
      createWebServer({
        search: async () => ({ provider: 'auto', configureHint: '' }),
        fetchPolicy: () => policy,
        lookup: async (hostname) => {
          lookups.push(hostname);
          const addresses = DNS[hostname];
          if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
          return addresses.map((address) => ({ address, family: isIP(address) }));
        },
      }),
    );
  });
  after(async () => {
    await client.close();
    await pages.close();
  });
  afterEach(() => {
    lookups.length = 0;
  });

  const local = (path: string) => `${pages.url}${path}`;
  const named = (host: string, path: string) => `http://${host}:${pages.port}${path}`;

  async function fetchOk(url: string, allowHosts: string[] = ['127.0.0.1'], extra: Partial<FetchPolicy> = {}, maxChars?: number): Promise<FetchAnswer> {
    policy = { allowHosts, ...extra };
    const r = await client.call('fetch_url', { url, ...(maxChars ? { maxChars } : {}) });
    assert.ok(!r.isError, client.text(r));
    return JSON.parse(client.text(r)) as FetchAnswer;
  }

  /** The error message, and how many requests the page server saw meanwhile. */
  async function fetchFailing(url: string, allowHosts: string[] = [], extra: Partial<FetchPolicy> = {}): Promise<{ message: string; requests: number }> {
    policy = { allowHosts, ...extra };
    const before = pages.requests.length;
    const r = await client.call('fetch_url', { url });
    assert.equal(r.isError, true, `expected an error, got ${client.text(r).slice(0, 200)}`);
    return { message: client.text(r), requests: pages.requests.length - before };
  }
  const fetchRefused = async (url: string, allowHosts: string[] = [], extra: Partial<FetchPolicy> = {}) => (await fetchFailing(url, allowHosts, extra)).message;

  it('turns an article into Markdown without navigation, banners, sidebars, footers or scripts', async () => {
    const page = await fetchOk(local('/article'));
    assert.equal(page.url, local('/article'));
    assert.equal(page.contentType, 'text/html; charset=utf-8');
    assert.match(page.title, /Auditing install scripts/);
    assert.equal(page.truncated, false);
    const md = page.markdown;
    assert.match(md, /Install scripts run with the full rights/);
    assert.match(md, /## What to look for/);
    assert.match(md, /\* Network access during install|- Network access during install/);
    assert.match(md, /npm install --ignore-scripts/);
    // Relative links are made absolute against the page, so they mean something outside it.
    assert.ok(md.includes(`[lifecycle scripts guide](${local('/guides/lifecycle-scripts')})`), md);
    assert.ok(md.includes('(https://docs.npmjs.com/cli/v10/using-npm/scripts)'));
    for (const boilerplate of [
      'Subscribe to the newsletter',
      'Archive',
      'Popular posts',
      'All rights reserved',
      'Privacy policy',
      'window.analytics',
      'display: flex',
    ]) {
      assert.ok(!md.includes(boilerplate), `no "${boilerplate}" in:\n${md}`);
    }
    const sent = pages.requests.at(-1)!;
    assert.match(String(sent.headers['user-agent']), /ConnectorAuditor/);
    assert.match(String(sent.headers['accept-encoding']), /gzip/);
  });

  it('reads a host from allowHosts by name, follows a relative redirect, and reports the final URL', async () => {
    const page = await fetchOk(named('public.example', '/redirect?to=/article'), ['public.example']);
    assert.equal(page.url, named('public.example', '/article'));
    assert.match(page.markdown, /Install scripts run/);
    assert.deepEqual(lookups, ['public.example', 'public.example'], 'each hop resolved and vetted again');
    assert.equal(pages.requests.at(-1)!.headers.host, `public.example:${pages.port}`, 'the Host header keeps the name');
  });

  it('passes text and Markdown through, and pretty-prints JSON', async () => {
    assert.equal((await fetchOk(local('/plain.txt'))).markdown, PLAIN_TEXT);
    assert.equal((await fetchOk(local('/readme.md'))).markdown, MARKDOWN_TEXT);
    const json = await fetchOk(local('/package.json'));
    assert.equal(json.contentType, 'application/json');
    assert.equal(json.markdown, '```json\n' + JSON.stringify(JSON_VALUE, null, 2) + '\n```');
  });

  it('decodes gzip, brotli and deflate (zlib-wrapped and raw) bodies', async () => {
    for (const path of ['/gzip', '/br', '/deflate', '/deflate-raw']) {
      const page = await fetchOk(local(path));
      assert.match(page.markdown, /Install scripts run with the full rights/, path);
    }
  });

  it('decodes by the charset of the content type, or of a <meta charset> in the page', async () => {
    assert.equal((await fetchOk(local('/latin1'))).markdown, LATIN1_TEXT);
    const meta = await fetchOk(local('/meta-charset'));
    assert.equal(meta.title, 'Résumé');
    assert.match(meta.markdown, /Déjà vu/);
  });

  it('stops reading at the byte limit and cuts the Markdown at maxChars, marking both truncated', async () => {
    const big = await fetchOk(local('/big'), ['127.0.0.1'], { maxBytes: 64 * 1024 }, 200_000);
    assert.equal(big.truncated, true);
    assert.equal(Buffer.byteLength(big.markdown), 64 * 1024);
    assert.ok(BIG_BYTES > 64 * 1024);
    const clipped = await fetchOk(local('/article'), ['127.0.0.1'], {}, 300);
    assert.equal(clipped.markdown.length, 300);
    assert.equal(clipped.truncated, true);
  });

  it('refuses images, PDFs and octet-streams, naming the content type', async () => {
    for (const [path, type] of [
      ['/logo.png', 'image/png'],
      ['/report.pdf', 'application/pdf'],
      ['/download', 'application/octet-stream'],
    ]) {
      const message = await fetchRefused(local(path), ['127.0.0.1']);
      assert.ok(message.includes(type), message);
    }
  });

  it('ends a fetch that hangs (before or during the body) at the time limit', async () => {
    for (const path of ['/hang', '/hang-body']) {
      const message = await fetchRefused(local(path), ['127.0.0.1'], { timeoutMs: 300 });
      assert.match(message, /time limit/, message);
    }
  });

  it('stops after maxRedirects and reports HTTP errors', async () => {
    assert.match(await fetchRefused(local('/loop'), ['127.0.0.1'], { maxRedirects: 3 }), /redirected more than 3 times/);
    assert.match(await fetchRefused(local('/missing'), ['127.0.0.1']), /HTTP 404/);
    assert.match(await fetchRefused('not a url'), /Not a valid absolute URL/);
  });

  it('vets every hop of a redirect chain and names the hop that redirected', async () => {
    const second = `/redirect?to=${encodeURIComponent('http://10.0.0.5/admin')}`;
    const { message, requests } = await fetchFailing(named('public.example', `/redirect?to=${encodeURIComponent(second)}`), ['public.example']);
    assert.ok(message.startsWith(`Refused the redirect from ${named('public.example', second)} to http://10.0.0.5/admin.`), message);
    assert.equal(requests, 2);
  });

  describe('SSRF guard: refuses, and nothing is requested', () => {
    const refusals: Array<[string, () => string, string[], RegExp]> = [
      ['loopback by IP without allowHosts', () => local('/article'), [], /127\.0\.0\.1 is a loopback address/],
      ['IPv6 loopback literal', () => `http://[::1]:${pages.port}/article`, ['127.0.0.1'], /::1 is a loopback address/],
      ['a private IP', () => 'http://10.0.0.5/', [], /10\.0\.0\.5 is a private/],
      ['the cloud metadata service, even when allowed', () => 'http://169.254.169.254/latest/meta-data/', ['169.254.169.254'], /cloud metadata/],
      ['a name resolving to the metadata service', () => 'http://metadata.example/latest/meta-data/', ['metadata.example'], /cloud metadata/],
      ['a name resolving to a private IP', () => named('intranet.example', '/article'), [], /intranet\.example resolves to 10\.0\.0\.5, a private/],
      ['a name with one public and one private address', () => 'http://mixed.example/', [], /resolves to 10\.0\.0\.5/],
      ['localhost', () => named('localhost', '/article'), [], /loopback/],
      [
        'an allowed name redirecting to localhost',
        () => named('public.example', `/redirect?to=${encodeURIComponent(named('localhost', '/article'))}`),
        ['public.example'],
        /Refused the redirect from .*public\.example.* to http:\/\/localhost/,
      ],
      [
        'an allowed name redirecting to a private IP',
        () => named('public.example', '/redirect?to=http://10.0.0.5/'),
        ['public.example'],
        /Refused the redirect .* to http:\/\/10\.0\.0\.5\/.*private/,
      ],
      [
        'an allowed name redirecting to file:',
        () => named('public.example', '/redirect?to=file:///etc/passwd'),
        ['public.example'],
        /Refused the redirect .*only reads http and https/,
      ],
      ['file:', () => 'file:///etc/passwd', [], /only reads http and https/],
      ['ftp:', () => 'ftp://ftp.example.org/pub/file.txt', [], /only reads http and https/],
      ['credentials in the URL', () => `http://user:secret@public.example:${pages.port}/article`, ['public.example'], /credentials/],
    ];
    for (const [name, url, allowHosts, expected] of refusals) {
      it(name, async () => {
        const target = url();
        const { message, requests } = await fetchFailing(target, allowHosts);
        assert.match(message, expected);
        const redirecting = target.includes('/redirect');
        assert.equal(requests, redirecting ? 1 : 0, 'only the allowed first hop reached the server');
        if (redirecting) assert.equal(pages.requests.at(-1)!.path, '/redirect');
      });
    }
  });
});
