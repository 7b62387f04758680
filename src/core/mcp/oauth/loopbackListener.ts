import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A redirect target on 127.0.0.1 (RFC 8252 §7.3): the browser comes back to
 * `http://127.0.0.1:PORT/callback?code=…&state=…`. One listener serves every sign-in of a process;
 * each waiter is matched by its `state`, and a redirect with an unknown state is answered and
 * otherwise ignored.
 */
export class LoopbackListener {
  private readonly waiters = new Map<string, (params: URLSearchParams) => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  /** Listens on 127.0.0.1 (`port` 0: an ephemeral port). Does not keep the process alive. */
  static async start(port = 0, path = '/callback'): Promise<LoopbackListener> {
    let listener: LoopbackListener | undefined;
    const server = createServer((req, res) => listener?.handle(req.url ?? '/', path, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    server.unref();
    const { port: bound } = server.address() as AddressInfo;
    listener = new LoopbackListener(server, `http://127.0.0.1:${bound}${path}`);
    return listener;
  }

  /** Resolves with the redirect's query once one arrives carrying `state`. */
  wait(state: string, signal?: AbortSignal): Promise<URLSearchParams> {
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiters.delete(state);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('Sign-in was cancelled.'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.set(state, (params) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(params);
      });
    });
  }

  /** Hands a redirect that arrived some other way (a URI handler) to its waiter; false if none waits. */
  deliver(params: URLSearchParams): boolean {
    const state = params.get('state') ?? '';
    const waiter = this.waiters.get(state);
    if (!waiter) return false;
    this.waiters.delete(state);
    waiter(params);
    return true;
  }

  private handle(rawUrl: string, path: string, res: import('node:http').ServerResponse): void {
    const url = new URL(rawUrl, 'http://127.0.0.1');
    if (url.pathname !== path) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const ok = this.deliver(url.searchParams);
    const failed = url.searchParams.has('error');
    const text = !ok
      ? 'This sign-in is no longer awaited (it was cancelled or timed out). Start it again from Connector Auditor.'
      : failed
        ? 'The authorization server refused the sign-in. You can close this tab; Connector Auditor shows why.'
        : 'Signed in. You can close this tab and return to Connector Auditor.';
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
  }

  close(): Promise<void> {
    for (const [state] of this.waiters) this.waiters.delete(state);
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Whether a configured redirect URI asks for a loopback listener, and on which port. */
export function loopbackTarget(redirectUri: string | undefined): { port: number; path: string } | undefined {
  if (!redirectUri) return undefined;
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) return undefined;
  return { port: url.port ? Number(url.port) : 80, path: url.pathname || '/' };
}
