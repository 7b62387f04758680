import * as vscode from 'vscode';
import { forgetOAuth, oauth2Settings } from '../../core/mcp/oauth/sessionOAuth';
import type { Services } from '../services';
import { resolveConnector } from './connectorCommands';

const t = vscode.l10n.t;

/** Sign In (OAuth): connects and, where the server asks, opens its consent page in the browser. */
export async function signInConnector(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => x.enabled && !!oauth2Settings(x));
  if (!oauth2Settings(c)) throw new Error(t('"{0}" does not sign in with OAuth; give it "auth": {"type": "oauth2"} to do so.', c.label));
  if (!s.isStartAllowed(c)) throw new Error(t('"{0}" belongs to an untrusted workspace; trust the workspace to start it.', c.label));
  const session = s.pool.get(c.id);
  if (!session) return;
  await vscode.window.withProgress({ location: { viewId: 'connectorAuditor.connectors' }, title: t('Signing in to {0}', c.label) }, () => session.signIn());
  if (session.state.status === 'error') {
    const showLog = t('Show Log');
    const choice = await vscode.window.showErrorMessage(t('{0}: {1}', c.label, session.state.error ?? ''), showLog);
    if (choice === showLog) s.logs.show(c.label);
    return;
  }
  void vscode.window.showInformationMessage(t('Signed in to {0}.', c.label));
}

/** Sign Out: forgets the connector's tokens and registered client, and disconnects. */
export async function signOutConnector(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => !!oauth2Settings(x));
  await forgetOAuth(s.oauthStore, c, { secrets: s.secrets, env: process.env });
  await s.pool.get(c.id)?.signedOut();
  s.log.info(`signed out of ${c.label}`);
  void vscode.window.showInformationMessage(t('Signed out of {0}. Its tokens were deleted.', c.label));
}
