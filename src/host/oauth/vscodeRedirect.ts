import * as vscode from 'vscode';
import type { Connector } from '../../core/connectors/registry';
import { LoopbackListener, loopbackTarget } from '../../core/mcp/oauth/loopbackListener';
import type { AuthorizeRequest, OAuthRedirectPort } from '../../core/mcp/oauth/redirectPort';

const t = vscode.l10n.t;
export const CALLBACK_PATH = '/oauth/callback';

/**
 * Sign-in in VS Code: the consent page opens in the person's browser; the redirect comes back
 * through the extension's URI handler (vscode://…/oauth/callback, made reachable from a remote
 * or web window by asExternalUri), or to a loopback listener when the connector's redirectUri is
 * a loopback URL the authorization server insists on. A cancellable notification waits meanwhile.
 */
export class VscodeOAuthRedirect implements OAuthRedirectPort, vscode.UriHandler {
  private readonly waiters = new Map<string, (params: URLSearchParams) => void>();
  private readonly listeners = new Map<string, Promise<LoopbackListener>>();

  constructor(private readonly extensionId: string) {}

  async redirectUrl(_connector: Connector, configured: string | undefined): Promise<string> {
    const loopback = loopbackTarget(configured);
    if (loopback) {
      await this.listener(loopback.port, loopback.path);
      return configured!;
    }
    if (configured) return configured;
    const uri = vscode.Uri.parse(`${vscode.env.uriScheme}://${this.extensionId}${CALLBACK_PATH}`);
    return (await vscode.env.asExternalUri(uri)).toString(true);
  }

  async authorize(request: AuthorizeRequest, signal?: AbortSignal): Promise<URLSearchParams> {
    const loopback = loopbackTarget(request.redirectUrl);
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('Signing in to {0} in your browser…', request.connector.label), cancellable: true },
      async (_progress, token) => {
        const cancel = new AbortController();
        const subscription = token.onCancellationRequested(() => cancel.abort(new Error(t('Sign-in to {0} was cancelled.', request.connector.label))));
        const signals = signal ? AbortSignal.any([signal, cancel.signal]) : cancel.signal;
        try {
          const waiting = loopback ? (await this.listener(loopback.port, loopback.path)).wait(request.state, signals) : this.wait(request.state, signals);
          const opened = await vscode.env.openExternal(vscode.Uri.parse(request.authorizationUrl.href, true));
          if (!opened) cancel.abort(new Error(t('The browser did not open for signing in to {0}.', request.connector.label)));
          return await waiting;
        } finally {
          subscription.dispose();
        }
      },
    );
  }

  /** The URI handler: a redirect for a sign-in in progress; anything else is ignored. */
  handleUri(uri: vscode.Uri): void {
    if (uri.path !== CALLBACK_PATH) return;
    const params = new URLSearchParams(uri.query);
    const waiter = this.waiters.get(params.get('state') ?? '');
    if (!waiter) return;
    this.waiters.delete(params.get('state') ?? '');
    waiter(params);
  }

  private wait(state: string, signal: AbortSignal): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(state);
        reject(signal.reason instanceof Error ? signal.reason : new Error(t('Sign-in was cancelled.')));
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(state, (params) => {
        signal.removeEventListener('abort', onAbort);
        resolve(params);
      });
    });
  }

  private listener(port: number, path: string): Promise<LoopbackListener> {
    const key = `${port}${path}`;
    let listener = this.listeners.get(key);
    if (!listener) {
      listener = LoopbackListener.start(port, path);
      listener.catch(() => this.listeners.delete(key));
      this.listeners.set(key, listener);
    }
    return listener;
  }

  async dispose(): Promise<void> {
    const all = [...this.listeners.values()];
    this.listeners.clear();
    this.waiters.clear();
    await Promise.all(all.map(async (l) => (await l.catch(() => undefined))?.close()));
  }
}
