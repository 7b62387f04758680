import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCli } from '../../src/cli/args';
import { configFromFlags } from '../../src/cli/connectionFlags';
import { obtainAuthorizationCode } from '../../src/core/mcp/oauth/authorizationCode';
import { loopbackTarget } from '../../src/core/mcp/oauth/loopbackListener';
import { oauthKey } from '../../src/core/mcp/oauth/oauthStore';
import { assertPkceS256 } from '../../src/core/mcp/oauth/pkcePolicy';
import type { AuthorizeRequest, OAuthRedirectPort } from '../../src/core/mcp/oauth/redirectPort';
import { connectorOf } from '../helpers/sessions';

const metadata = (methods?: string[]) => ({
  issuer: 'https://as.example',
  authorization_endpoint: 'https://as.example/authorize',
  token_endpoint: 'https://as.example/token',
  response_types_supported: ['code'],
  ...(methods ? { code_challenge_methods_supported: methods } : {}),
});

describe('PKCE policy', () => {
  it('accepts an authorization server that lists S256', () => assert.doesNotThrow(() => assertPkceS256(metadata(['plain', 'S256']), 'https://as.example')));
  it('refuses one that lists only plain, or lists nothing', () => {
    assert.throws(() => assertPkceS256(metadata(['plain']), 'https://as.example'), /does not offer PKCE with S256 \(code_challenge_methods_supported: plain\)/);
    assert.throws(() => assertPkceS256(metadata(), 'https://as.example'), /absent/);
  });
  it('lets the 2025-03-26 fallback (no metadata at all) go on with S256', () => assert.doesNotThrow(() => assertPkceS256(undefined, 'https://as.example')));
});

describe('the authorization redirect', () => {
  const port = (params: Record<string, string>): OAuthRedirectPort => ({
    redirectUrl: async () => 'http://127.0.0.1:9/callback',
    authorize: async (_r: AuthorizeRequest) => new URLSearchParams(params),
  });
  const request = {
    connector: connectorOf({ name: 'c', url: 'https://mcp.example/mcp' }),
    authorizationUrl: new URL('https://as.example/authorize'),
    redirectUrl: 'http://127.0.0.1:9/callback',
    state: 'expected',
  };

  it('returns the code when the state matches', async () => {
    assert.equal(await obtainAuthorizationCode(port({ code: 'abc', state: 'expected' }), request), 'abc');
  });
  it('ignores a redirect with another state (a forged redirect)', async () => {
    await assert.rejects(obtainAuthorizationCode(port({ code: 'abc', state: 'other' }), request), /did not carry the state/);
  });
  it("names the server's error", async () => {
    await assert.rejects(
      obtainAuthorizationCode(port({ error: 'access_denied', error_description: 'user said no', state: 'expected' }), request),
      /refused the sign-in \(access_denied: user said no\)/,
    );
  });
});

describe('redirect URIs and storage keys', () => {
  it('recognises loopback redirect URIs only', () => {
    assert.deepEqual(loopbackTarget('http://127.0.0.1:33418/cb'), { port: 33418, path: '/cb' });
    assert.deepEqual(loopbackTarget('http://localhost:8080/'), { port: 8080, path: '/' });
    assert.equal(loopbackTarget('https://127.0.0.1:1/cb'), undefined);
    assert.equal(loopbackTarget('vscode://ext/oauth/callback'), undefined);
    assert.equal(loopbackTarget(undefined), undefined);
  });
  it('keys a sign-in by connector and server, so another server never gets the tokens', () => {
    assert.notEqual(oauthKey('private:a', 'https://one.example/mcp', 'tokens'), oauthKey('private:a', 'https://two.example/mcp', 'tokens'));
    assert.notEqual(oauthKey('private:a', 'https://one.example/mcp', 'tokens'), oauthKey('private:b', 'https://one.example/mcp', 'tokens'));
  });
});

describe('CLI --oauth flags', () => {
  it('become the oauth2 auth of the ad-hoc connector', () => {
    const { options } = parseCli([
      '--url',
      'https://mcp.example/mcp',
      '--oauth-client-id',
      'id',
      '--oauth-client-secret',
      '${secret:cs}',
      '--oauth-scopes',
      'a b,c',
      'tools',
      'list',
    ]);
    const config = configFromFlags('adhoc', options.connection);
    assert.deepEqual(config.auth, { type: 'oauth2', clientId: 'id', clientSecret: '${secret:cs}', scopes: ['a', 'b', 'c'] });
  });
  it('--oauth alone asks for dynamic registration', () => {
    const { options } = parseCli(['--url', 'https://mcp.example/mcp', '--oauth', 'tools', 'list']);
    assert.deepEqual(configFromFlags('adhoc', options.connection).auth, { type: 'oauth2' });
  });
  it('are refused without --url', () => {
    assert.throws(() => parseCli(['--oauth', 'tools', 'list', 'x']), /apply to --url only/);
  });
});
