// OAuth 2.1 sign-in of an `oauth2` connector against a real authorization server and protected MCP
// server (the SDK's server-side auth, test/fixtures/servers/oauth-protected.mjs): what the server
// observes proves DCR, PKCE S256, the resource parameter, refresh and step-up.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { Connector } from '../../src/core/connectors/registry';
import type { ConnectorConfig } from '../../src/core/connectors/schema';
import { ConnectorSession } from '../../src/core/mcp/session';
import { MemoryOAuthStore } from '../../src/core/mcp/oauth/oauthStore';
import type { AuthorizeRequest, OAuthRedirectPort } from '../../src/core/mcp/oauth/redirectPort';
import { forgetOAuth } from '../../src/core/mcp/oauth/sessionOAuth';
import { followWithoutBrowser } from '../../src/cli/oauthRedirect';
import { startOAuthServer, type OAuthServer } from '../helpers/oauthServer';
import { connectorOf, memoryLog } from '../helpers/sessions';

/** Stands in for the person at the browser: follows the consent page (which approves at once). */
class ApprovingRedirect implements OAuthRedirectPort {
  readonly asked: AuthorizeRequest[] = [];
  async redirectUrl(): Promise<string> {
    return 'http://127.0.0.1:1/callback';
  }
  async authorize(request: AuthorizeRequest): Promise<URLSearchParams> {
    this.asked.push(request);
    const params = await followWithoutBrowser(request.authorizationUrl, request.redirectUrl);
    if (!params) throw new Error('the fixture did not redirect back');
    return params;
  }
}

const servers: OAuthServer[] = [];
after(async () => Promise.all(servers.map((s) => s.stop())));

async function server(flags: string[] = []): Promise<OAuthServer> {
  const s = await startOAuthServer(flags);
  servers.push(s);
  return s;
}

function setup(url: string, auth: ConnectorConfig['auth'] = { type: 'oauth2' }, secrets: Record<string, string> = {}) {
  const store = new MemoryOAuthStore();
  const redirect = new ApprovingRedirect();
  const connector: Connector = connectorOf({ name: 'protected', url, auth });
  const log = memoryLog();
  const make = () =>
    new ConnectorSession(connector, {
      placeholders: { secrets: { get: async (n) => secrets[n] }, env: {} },
      log,
      clientInfo: { name: 'connector-auditor-tests', version: '0.0.0' },
      oauth: { store, redirect },
    });
  return { store, redirect, connector, log, make };
}

describe('OAuth sign-in of an oauth2 connector', () => {
  it('registers itself (DCR), sends PKCE S256 and the resource, and calls the tool with the token', async () => {
    const s = await server();
    const { redirect, make } = setup(s.url);
    const session = make();
    const tools = await session.ensureReady({ signIn: true });
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.deepEqual(
      tools.map((t) => t.name),
      ['echo'],
    );
    const result = await session.callTool('echo', { message: 'hi' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'echo: hi' }]);
    const seen = await s.observed();
    assert.equal(seen.registrations, 1);
    assert.equal(seen.authorizations.length, 1);
    assert.equal(redirect.asked.length, 1);
    const [authz] = seen.authorizations;
    assert.match(authz.codeChallenge, /^[A-Za-z0-9_-]{43}$/, 'an S256 challenge is 43 base64url characters');
    assert.equal(redirect.asked[0].authorizationUrl.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authz.resource, s.url);
    assert.deepEqual(authz.scopes, ['mcp:read'], 'the scope comes from WWW-Authenticate');
    assert.deepEqual(
      seen.tokenRequests.map((t) => [t.grantType, t.resource]),
      [['authorization_code', s.url]],
    );
    await session.dispose();
  });

  it('uses a pre-registered client with its secret from ${secret:…} and registers nothing', async () => {
    const s = await server(['--no-dcr', '--client', 'my-client:s3cret-value-123', '--client-redirect', 'http://127.0.0.1:1/callback']);
    const { make } = setup(s.url, { type: 'oauth2', clientId: 'my-client', clientSecret: '${secret:client-secret}' }, { 'client-secret': 's3cret-value-123' });
    const session = make();
    await session.ensureReady({ signIn: true });
    assert.equal(session.state.status, 'ready', session.state.error);
    const seen = await s.observed();
    assert.equal(seen.registrations, 0);
    assert.deepEqual(
      seen.tokenRequests.map((t) => t.clientId),
      ['my-client'],
    );
    await session.dispose();
  });

  it('refuses to sign in when the authorization server does not offer PKCE S256', async () => {
    const s = await server(['--no-s256']);
    const { redirect, make } = setup(s.url);
    const session = make();
    await session.ensureReady({ signIn: true });
    assert.equal(session.state.status, 'error');
    assert.match(session.state.error ?? '', /does not offer PKCE with S256/);
    assert.equal(redirect.asked.length, 0, 'no browser is opened');
    assert.equal((await s.observed()).authorizations.length, 0);
    await session.dispose();
  });

  it('refreshes an expired access token silently, without a second consent', async () => {
    const s = await server();
    const { redirect, make } = setup(s.url);
    const session = make();
    await session.ensureReady({ signIn: true });
    await s.expireAccessTokens();
    const result = await session.callTool('echo', { message: 'after expiry' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'echo: after expiry' }]);
    // A new session over the same store (a window reload) connects without anyone signing in.
    await s.expireAccessTokens();
    const again = make();
    await again.ensureReady();
    assert.equal(again.state.status, 'ready', again.state.error);
    const seen = await s.observed();
    assert.deepEqual(
      seen.tokenRequests.map((t) => t.grantType),
      ['authorization_code', 'refresh_token', 'refresh_token'],
    );
    assert.equal(seen.authorizations.length, 1);
    assert.equal(redirect.asked.length, 1);
    await Promise.all([session.dispose(), again.dispose()]);
  });

  it('steps up on insufficient_scope: a second authorization asks for the scope the call needs', async () => {
    const s = await server(['--step-up']);
    const { redirect, make } = setup(s.url);
    const session = make();
    await session.ensureReady({ signIn: true });
    const result = await session.callTool('echo', { message: 'write' });
    assert.deepEqual(result.content, [{ type: 'text', text: 'echo: write' }]);
    const seen = await s.observed();
    assert.deepEqual(
      seen.authorizations.map((a) => a.scopes.join(' ')),
      ['mcp:read', 'mcp:read mcp:write'],
    );
    assert.equal(redirect.asked.length, 2);
    await session.dispose();
  });

  it('does not open a browser unasked: a background connect ends in "sign-in required"', async () => {
    const s = await server();
    const { redirect, make } = setup(s.url);
    const session = make();
    const tools = await session.ensureReady();
    assert.deepEqual(tools, []);
    assert.equal(session.state.status, 'error');
    assert.equal(session.state.signInRequired, true);
    assert.match(session.state.error ?? '', /needs you to sign in/);
    assert.equal(redirect.asked.length, 0);
    assert.equal((await s.observed()).authorizations.length, 0);
    // An explicit request then signs in.
    await session.ensureReady({ signIn: true });
    assert.equal(session.state.status, 'ready', session.state.error);
    assert.equal(redirect.asked.length, 1);
    await session.dispose();
  });

  it('Sign Out forgets the tokens and the registered client', async () => {
    const s = await server();
    const { store, redirect, connector, make } = setup(s.url);
    const session = make();
    await session.ensureReady({ signIn: true });
    assert.ok(store.size > 0);
    await session.close();
    await forgetOAuth(store, connector, { secrets: { get: async () => undefined }, env: {} });
    assert.equal(store.size, 0);
    const after = make();
    await after.ensureReady();
    assert.equal(after.state.signInRequired, true);
    await after.ensureReady({ signIn: true });
    assert.equal(after.state.status, 'ready', after.state.error);
    assert.equal((await s.observed()).registrations, 2, 'the client registers again after Sign Out');
    assert.equal(redirect.asked.length, 2);
    await Promise.all([session.dispose(), after.dispose()]);
  });
});
