import type * as vscode from 'vscode';
import type { SecretResolver } from '../core/connectors/placeholders';

/**
 * `${secret:NAME}` lives in VS Code's SecretStorage under a prefixed key, so our entries
 * never collide with other uses of the extension's storage.
 */
const PREFIX = 'connectorAuditor.secret.';

export class SecretStore implements SecretResolver {
  constructor(private readonly storage: vscode.SecretStorage) {}

  get(name: string): Promise<string | undefined> {
    return Promise.resolve(this.storage.get(PREFIX + name));
  }

  async set(name: string, value: string): Promise<void> {
    await this.storage.store(PREFIX + name, value);
  }

  async delete(name: string): Promise<void> {
    await this.storage.delete(PREFIX + name);
  }

  /** Told the name (unprefixed) of each secret of ours that is set, changed or removed, in any window. */
  onDidChange(listener: (name: string) => void): vscode.Disposable {
    return this.storage.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) listener(e.key.slice(PREFIX.length));
    });
  }

  async has(name: string): Promise<boolean> {
    return (await this.get(name)) !== undefined;
  }
}
