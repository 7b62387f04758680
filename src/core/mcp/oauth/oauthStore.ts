/**
 * Where a connector's OAuth state lives: VS Code's SecretStorage in the extension, memory in the
 * CLI. Values are opaque strings (JSON); the provider owns their shape and validates on read.
 */
export interface OAuthStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

export const OAUTH_ITEMS = ['tokens', 'client', 'verifier', 'discovery'] as const;
export type OAuthItem = (typeof OAUTH_ITEMS)[number];

/**
 * Keys are namespaced by connector id and server URL, so a connector pointed at another server
 * never sends the old server's tokens there, and two connectors never share a sign-in.
 */
export function oauthKey(connectorId: string, serverUrl: string, item: OAuthItem): string {
  return `oauth/${encodeURIComponent(connectorId)}/${encodeURIComponent(serverUrl)}/${item}`;
}

/** The CLI's store: tokens last as long as the process (see the CLI's notes on why not a file). */
export class MemoryOAuthStore implements OAuthStore {
  private readonly values = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
  }

  get size(): number {
    return this.values.size;
  }
}
