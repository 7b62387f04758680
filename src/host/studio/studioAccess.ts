import * as vscode from 'vscode';
import { endpointsFromEnv } from '../../core/builtins/endpoints';
import { StudioCatalog } from '../../core/studio/studioCatalog';
import { StudioClient } from '../../core/studio/studioClient';
import { MISTRAL_KEY_SECRET } from '../models/keyNames';
import type { SecretStore } from '../secrets';

const t = vscode.l10n.t;

/** Set while a Mistral key is known: menus and palette entries of Studio commands follow it. */
export const STUDIO_CONTEXT_KEY = 'connectorAuditor.studioAvailable';

/**
 * The extension's way into Mistral Studio: whether a key is set (SecretStorage, else MISTRAL_API_KEY
 * in VS Code's environment), a StudioClient for it, and the catalog the tree browses. Follows the
 * key as it is set or removed, in this window or another, so the Studio group comes and goes
 * without a reload. Building a client does not load the Mistral SDK; its first request does.
 */
export class StudioAccess implements vscode.Disposable {
  readonly catalog = new StudioCatalog(() => this.client());
  private readonly changed = new vscode.EventEmitter<'key' | 'content'>();
  /** 'key': the key appeared, went or changed; 'content': the registry was re-read or edited. */
  readonly onDidChange = this.changed.event;
  private key: string | undefined;
  private cached: { key: string; client: StudioClient } | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: SecretStore,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((name) => {
      if (name === MISTRAL_KEY_SECRET) void this.reload();
    });
  }

  get available(): boolean {
    return this.key !== undefined;
  }

  /** The keyHint StudioErrors name, in VS Code's words. */
  static keyHint(): string {
    return t('Run "Connector Auditor: Set Mistral API Key…" or set MISTRAL_API_KEY.');
  }

  /** Reads the key again; tells listeners when its presence or value changed. */
  async reload(): Promise<void> {
    const stored = (await this.secrets.get(MISTRAL_KEY_SECRET))?.trim();
    const key = stored || this.env.MISTRAL_API_KEY?.trim() || undefined;
    if (key === this.key) return;
    this.key = key;
    this.catalog.invalidate();
    await vscode.commands.executeCommand('setContext', STUDIO_CONTEXT_KEY, key !== undefined);
    this.changed.fire('key');
  }

  client(): StudioClient | undefined {
    if (!this.key) return undefined;
    if (this.cached?.key !== this.key) {
      this.cached = {
        key: this.key,
        client: new StudioClient({ apiKey: this.key, serverUrl: endpointsFromEnv(this.env).mistral, keyHint: StudioAccess.keyHint() }),
      };
    }
    return this.cached.client;
  }

  /** For commands: the client, or an error that says how to set the key. */
  requireClient(): StudioClient {
    const client = this.client();
    if (!client) throw new Error(t('No Mistral API key is set, so Mistral Studio cannot be reached. {0}', StudioAccess.keyHint()));
    return client;
  }

  /** Forgets what was read (Refresh, or after a change made here) and redraws the Studio group. */
  refresh(): void {
    this.catalog.invalidate();
    this.changed.fire('content');
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
