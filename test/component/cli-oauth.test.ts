// The CLI signs in to an OAuth-protected MCP server without a browser (the authorization server of
// the fixture approves at once and redirects straight back to the CLI's loopback listener), and no
// token, refresh token or authorization code ever reaches stdout or stderr, even with --verbose.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startOAuthServer, type OAuthServer } from '../helpers/oauthServer';
import { sandbox, type Sandbox } from './cli-harness';

describe('connector-auditor --oauth', () => {
  let server: OAuthServer;
  let box: Sandbox;
  before(async () => {
    server = await startOAuthServer();
    box = await sandbox();
  });
  after(async () => {
    await server.stop();
    await box.dispose();
  });

  it('signs in and calls the tool; tokens never appear in its output', async () => {
    const run = await box.run(['--verbose', '--json', '--url', server.url, '--oauth', 'tools', 'call', 'echo', '--arg', 'message=hello']);
    assert.equal(run.code, 0, run.err);
    assert.deepEqual(JSON.parse(run.out).content, [{ type: 'text', text: 'echo: hello' }]);
    const seen = await server.observed();
    assert.equal(seen.authorizations.length, 1);
    assert.match(seen.authorizations[0].redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    assert.ok(seen.issued.length >= 2, 'an access and a refresh token were issued');
    for (const secret of seen.issued) {
      assert.ok(!run.out.includes(secret) && !run.err.includes(secret), 'a token leaked into the CLI output');
    }
  });

  it('without --oauth a protected server is "authentication required" (exit 3)', async () => {
    const run = await box.run(['--url', server.url, 'tools', 'list']);
    assert.equal(run.code, 3, run.err);
    assert.match(run.err, /refused the credentials \(HTTP 401\)/);
  });

  it('refuses a client secret typed on the command line', async () => {
    const run = await box.run(['--url', server.url, '--oauth-client-id', 'x', '--oauth-client-secret', 'plain-secret', 'tools', 'list']);
    assert.equal(run.code, 1);
    assert.match(run.err, /--oauth-client-secret takes a reference/);
    assert.ok(!run.err.includes('plain-secret'));
  });
});
