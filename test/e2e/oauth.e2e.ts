// OAuth sign-in in a real VS Code: a remote connector behind a real authorization server (the
// SDK-built fixture test/fixtures/servers/oauth-protected.mjs, auto-consent) shows "sign-in
// required" without ever opening a browser on its own; Sign In opens the consent page in a new
// browser tab, the redirect comes back to the extension's loopback listener, and the tools appear;
// Sign Out deletes the tokens. What the authorization server saw is read from its /_observed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { startOAuthServer, type OAuthServer } from '../helpers/oauthServer';
import { foldBuiltins, openConnectorsView } from './connectorAuditor';
import {
  childLabels,
  collapseRow,
  contextMenu,
  expandRow,
  hoverRow,
  openWorkbench,
  plainText,
  SELECTORS,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const home = process.env.CONNECTOR_AUDITOR_HOME ?? '';
const privateRegistry = path.join(home, 'connectors.json');
const NAME = 'oauth-demo';

/** A port nobody listens on now, for the loopback redirect URI the connector registers. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The connector row's status icon (a codicon class such as codicon-key). */
async function rowIcon(wb: Workbench): Promise<string> {
  return (await treeRow(wb.page, NAME).locator('.custom-view-tree-node-item-icon').first().getAttribute('class')) ?? '';
}

describe(`OAuth sign-in for a remote connector (${theme} theme)`, () => {
  let wb: Workbench;
  let oauth: OAuthServer;
  let redirectUri: string;
  let savedRegistry: string | undefined;
  /** Every URL the browser requested from the authorization server's /authorize. */
  const authorizeRequests: URL[] = [];
  const pagesOpened: Page[] = [];

  before(async () => {
    assert.ok(home, 'run-e2e sets CONNECTOR_AUDITOR_HOME');
    oauth = await startOAuthServer();
    redirectUri = `http://127.0.0.1:${await freePort()}/callback`;
    savedRegistry = fs.existsSync(privateRegistry) ? fs.readFileSync(privateRegistry, 'utf8') : undefined;
    fs.mkdirSync(home, { recursive: true });
    fs.writeFileSync(
      privateRegistry,
      JSON.stringify(
        {
          connectors: [
            {
              name: NAME,
              description: 'A remote MCP server that signs in with OAuth',
              transport: 'http',
              url: oauth.url,
              auth: { type: 'oauth2', redirectUri },
            },
          ],
        },
        null,
        2,
      ),
    );
    wb = await openWorkbench();
    const context = wb.page.context();
    context.on('page', (p) => pagesOpened.push(p));
    context.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith('/authorize')) authorizeRequests.push(url);
    });
  });
  after(async () => {
    await wb?.close();
    await oauth?.stop();
    if (savedRegistry === undefined) fs.rmSync(privateRegistry, { force: true });
    else fs.writeFileSync(privateRegistry, savedRegistry);
  });

  it('shows "sign-in required" with a key, and expanding it opens no browser', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('oauth-required', async () => {
      await foldBuiltins(wb.page);
      await openConnectorsView(wb.page);
      await expandRow(treeRow(wb.page, NAME));
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 1), ['Sign in to list its tools']);
      const row = treeRow(wb.page, NAME);
      // The child row can render a moment before its parent's status does.
      await waitUntil(
        () => row.getAttribute('aria-label'),
        (l) => l === `${NAME}, sign-in required`,
        'the row to say sign-in required',
      );
      assert.match(await row.innerText(), /sign-in required/);
      assert.match(await rowIcon(wb), /codicon-key/);
      const seen = await oauth.observed();
      assert.strictEqual(seen.authorizations.length, 0, 'the authorization server saw no authorization request');
      assert.strictEqual(seen.tokenRequests.length, 0);
      assert.strictEqual(pagesOpened.length, 0, 'no browser tab was opened');
      await wb.screenshot('oauth-sign-in-required');
      const tooltip = plainText(await (await hoverRow(treeRow(wb.page, NAME))).innerText());
      assert.match(tooltip, /oauth-demo · sign-in required/);
      assert.match(tooltip, /Sign in \(OAuth\) to list its tools: use Sign In on this row/);
      assert.doesNotMatch(tooltip, /· error/);
      await wb.screenshot('oauth-sign-in-required-tooltip');
      await wb.page.mouse.move(900, 600);
    }),
  );

  it('Sign In opens the consent page in the browser; the redirect comes back and the tools appear', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('oauth-sign-in', async () => {
      const row = treeRow(wb.page, NAME);
      await row.hover();
      const opened = wb.page.context().waitForEvent('page', { timeout: TIMEOUT });
      await row.locator('.actions .action-label[aria-label^="Sign In"]').click();
      const consent = await opened;
      // The auto-approving server redirects straight to the loopback listener, which answers in words.
      await consent.waitForURL((u) => u.href.startsWith(redirectUri));
      assert.match(await consent.locator('body').innerText(), /Signed in\. You can close this tab/);
      await consent.close();
      // The "Signing in… in your browser" notification with its Cancel goes once the redirect is in.
      const waiting = wb.page.locator(SELECTORS.notificationToast, { hasText: `Signing in to ${NAME} in your browser` });
      await waitUntil(
        () => waiting.count(),
        (n) => n === 0,
        'the sign-in notification to close',
      );

      await waitUntil(
        () => childLabels(wb.page, NAME),
        (c) => c.join() === 'echo',
        'the tools after sign-in',
      );
      assert.ok(
        (await oauth.observed()).mcpRequests.some((r) => r.bearer && r.method === 'tools/list'),
        'tools/list went with the access token',
      );
      await waitUntil(
        () => treeRow(wb.page, NAME).getAttribute('aria-label'),
        (l) => l === `${NAME}, connected`,
        'the row to say connected',
      );
      assert.match(await rowIcon(wb), /codicon-pass-filled/);

      const seen = await oauth.observed();
      assert.strictEqual(seen.authorizations.length, 1, 'one authorization request');
      const [auth] = seen.authorizations;
      assert.strictEqual(auth.resource, oauth.url, 'the resource parameter names the MCP server (RFC 8707)');
      assert.strictEqual(auth.redirectUri, redirectUri);
      assert.ok(auth.codeChallenge.length >= 43, 'a PKCE code challenge was sent');
      const asked = authorizeRequests.at(-1);
      assert.ok(asked, 'the browser requested /authorize');
      assert.strictEqual(asked.searchParams.get('code_challenge_method'), 'S256');
      assert.strictEqual(asked.searchParams.get('resource'), oauth.url);
      assert.deepStrictEqual(
        seen.tokenRequests.map((r) => [r.grantType, r.resource]),
        [['authorization_code', oauth.url]],
      );
      await wb.screenshot('oauth-signed-in');
    }),
  );

  it('Sign Out deletes the tokens: the row asks for sign-in again and a refresh reaches no token endpoint', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('oauth-sign-out', async () => {
      await contextMenu(treeRow(wb.page, NAME), 'Sign Out');
      await waitUntil(
        () => treeRow(wb.page, NAME).getAttribute('aria-label'),
        (l) => l === `${NAME}, sign-in required`,
        'the row to ask for sign-in',
      );
      assert.match(await rowIcon(wb), /codicon-key/);
      await waitUntil(
        () => childLabels(wb.page, NAME),
        (c) => c.join() === 'Sign in to list its tools',
        'the sign-in row',
      );
      const before = await oauth.observed();

      // Connecting again finds no tokens: the server is asked without a bearer, and nothing is
      // refreshed or authorized, and no tab opens.
      await collapseRow(treeRow(wb.page, NAME));
      await contextMenu(treeRow(wb.page, NAME), 'Reconnect');
      await expandRow(treeRow(wb.page, NAME));
      const afterwards = await waitUntil(
        () => oauth.observed(),
        (o) => o.mcpRequests.length > before.mcpRequests.length,
        'the reconnect to reach the server',
      );
      assert.ok(
        afterwards.mcpRequests.slice(before.mcpRequests.length).every((r) => !r.bearer),
        'no access token was sent after sign-out',
      );
      await waitUntil(
        () => treeRow(wb.page, NAME).getAttribute('aria-label'),
        (l) => l === `${NAME}, sign-in required`,
        'the row to ask for sign-in again',
      );
      // Reconnect says what to do, as information with a Sign In button, not as an error.
      const offer = wb.page.locator(SELECTORS.notificationToast, { hasText: `${NAME} needs you to sign in before it lists its tools.` });
      await offer.waitFor();
      assert.strictEqual(await offer.locator('.codicon-error').count(), 0);
      assert.strictEqual(await offer.locator('.monaco-button', { hasText: /^Sign In$/ }).count(), 1);
      assert.deepStrictEqual(await waitForChildren(wb.page, NAME, 1), ['Sign in to list its tools']);
      assert.strictEqual(afterwards.tokenRequests.length, before.tokenRequests.length, 'no token request after sign-out');
      assert.strictEqual(afterwards.authorizations.length, 1, 'no new authorization request');
      assert.strictEqual(pagesOpened.length, 1, 'no browser tab opened besides the one Sign In opened');
      assert.strictEqual(await wb.page.locator(SELECTORS.dialog).isVisible(), false);
      await wb.screenshot('oauth-signed-out');
    }),
  );
});
