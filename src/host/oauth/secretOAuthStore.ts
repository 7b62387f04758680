import type * as vscode from 'vscode';
import type { OAuthStore } from '../../core/mcp/oauth/oauthStore';

/** OAuth tokens and client registrations in VS Code's SecretStorage (the OS keychain where there is one). */
const PREFIX = 'connectorAuditor.oauth.';

export class SecretOAuthStore implements OAuthStore {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(key: string): Promise<string | undefined> {
    return this.storage.get(PREFIX + key);
  }

  async set(key: string, value: string): Promise<void> {
    await this.storage.store(PREFIX + key, value);
  }

  async delete(key: string): Promise<void> {
    await this.storage.delete(PREFIX + key);
  }
}
