import type { Connector } from '../core/connectors/registry';
import { ConnectorError } from '../core/mcp/connectErrors';
import { LoopbackListener, loopbackTarget } from '../core/mcp/oauth/loopbackListener';
import type { AuthorizeRequest, OAuthRedirectPort } from '../core/mcp/oauth/redirectPort';
import { MemoryOAuthStore } from '../core/mcp/oauth/oauthStore';
import type { OAuthDeps } from '../core/mcp/oauth/redirectPort';

/** How long the CLI waits for a browser to come back before giving up. */
const BROWSER_WAIT_MS = 5 * 60_000;
const MAX_HOPS = 5;
const HOP_TIMEOUT_MS = 10_000;

/**
 * The CLI's sign-in: the redirect comes back to a loopback listener on 127.0.0.1. Non-interactive
 * first: the authorization URL is requested without a browser, following redirects only within
 * the authorization server's origin, and when the server redirects straight back with a code
 * (an already-approved client, CI, the conformance suite) that completes the sign-in. Otherwise
 * the URL is printed on stderr and the CLI waits for the browser (Ctrl+C or the timeout end it).
 */
export class CliOAuthRedirect implements OAuthRedirectPort {
  private readonly listeners = new Map<string, Promise<LoopbackListener>>();

  constructor(
    private readonly io: { err: (s: string) => void; signal?: AbortSignal },
    private readonly waitMs = BROWSER_WAIT_MS,
  ) {}

  async redirectUrl(connector: Connector, configured: string | undefined): Promise<string> {
    const target = loopbackTarget(configured);
    if (configured && !target) {
      throw new ConnectorError(
        `"${connector.label}": the CLI receives the sign-in redirect only on a loopback address (http://127.0.0.1:PORT/PATH), not ${configured}. Remove "redirectUri" or give a loopback one.`,
      );
    }
    const listener = await this.listener(target?.port ?? 0, target?.path ?? '/callback');
    return configured ?? listener.url;
  }

  async authorize(request: AuthorizeRequest, signal?: AbortSignal): Promise<URLSearchParams> {
    const direct = await followWithoutBrowser(request.authorizationUrl, request.redirectUrl);
    if (direct) return direct;
    const target = loopbackTarget(request.redirectUrl);
    const listener = await this.listener(target?.port ?? 0, target?.path ?? '/callback');
    this.io.err(`Open this URL to sign in to "${request.connector.label}": ${request.authorizationUrl.href}\n`);
    const signals = [this.io.signal, signal, AbortSignal.timeout(this.waitMs)].filter((s): s is AbortSignal => !!s);
    try {
      return await listener.wait(request.state, AbortSignal.any(signals));
    } catch (err) {
      if (this.io.signal?.aborted || signal?.aborted) throw err;
      throw new ConnectorError(`No sign-in came back within ${this.waitMs / 60_000} minutes; run the command again to retry.`);
    }
  }

  private listener(port: number, path: string): Promise<LoopbackListener> {
    const key = `${port}${path}`;
    let listener = this.listeners.get(key);
    if (!listener) {
      listener = LoopbackListener.start(port, path).catch((err: unknown) => {
        this.listeners.delete(key);
        throw new ConnectorError(`Cannot listen on 127.0.0.1:${port} for the sign-in redirect: ${(err as Error).message}`);
      });
      this.listeners.set(key, listener);
    }
    return listener;
  }

  async dispose(): Promise<void> {
    const all = [...this.listeners.values()];
    this.listeners.clear();
    await Promise.all(all.map(async (l) => (await l.catch(() => undefined))?.close()));
  }
}

/**
 * Requests the authorization URL as a browser would, without one: redirects are followed within
 * the starting origin only, and the walk stops at the first redirect to `redirectUrl`, whose query
 * is returned. Anything else (a login page, another host, a network error) returns undefined.
 */
export async function followWithoutBrowser(authorizationUrl: URL, redirectUrl: string): Promise<URLSearchParams | undefined> {
  const target = new URL(redirectUrl);
  let url = authorizationUrl;
  for (let hop = 0; hop < MAX_HOPS; hop++) {
    let response: Response;
    try {
      response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(HOP_TIMEOUT_MS) });
    } catch {
      return undefined;
    }
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return undefined;
    const next = new URL(location, url);
    if (next.origin === target.origin && next.pathname === target.pathname) return next.searchParams;
    if (next.origin !== authorizationUrl.origin) return undefined;
    url = next;
  }
  return undefined;
}

/** One store and one redirect listener for the whole CLI process. */
export function cliOAuthDeps(io: { err: (s: string) => void; signal?: AbortSignal }): OAuthDeps & { dispose(): Promise<void> } {
  const redirect = new CliOAuthRedirect(io);
  return { store: new MemoryOAuthStore(), redirect, dispose: () => redirect.dispose() };
}
