import * as vscode from 'vscode';
import { Emitter } from '../../core/util/events';

const t = vscode.l10n.t;

/**
 * The github connector's credentials from VS Code's own GitHub sign-in (the built-in
 * authentication provider, or its Enterprise Server twin), never from settings. Silent by
 * default: a session the person already granted is used, otherwise requests go out
 * unauthenticated (public repositories) until they choose "Sign in to GitHub".
 */
export class GitHubAuth implements vscode.Disposable {
  private readonly changed = new Emitter<void>();
  /** Fires when the person signs in or out, so the connector reconnects with the new identity. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private signedIn: boolean | undefined;

  /** `repo` reads private repositories and lets the write tools (which ask first) work. */
  private static readonly SCOPES = ['repo'];

  constructor(private readonly enterpriseUrl: () => string | undefined) {
    this.subscription = vscode.authentication.onDidChangeSessions((e) => {
      if (e.provider.id === this.providerId()) {
        this.signedIn = undefined;
        this.changed.fire();
      }
    });
  }

  private providerId(): string {
    return this.enterpriseUrl() ? 'github-enterprise' : 'github';
  }

  /** The token of an existing session, without ever prompting. */
  async token(): Promise<string | undefined> {
    try {
      const session = await vscode.authentication.getSession(this.providerId(), GitHubAuth.SCOPES, { silent: true });
      this.signedIn = !!session;
      return session?.accessToken;
    } catch {
      // No such provider (e.g. a VS Code build without GitHub sign-in): public access only.
      this.signedIn = false;
      return undefined;
    }
  }

  /** Known after the first request; undefined until then. */
  get isSignedIn(): boolean | undefined {
    return this.signedIn;
  }

  async signIn(): Promise<void> {
    try {
      await vscode.authentication.getSession(this.providerId(), GitHubAuth.SCOPES, { createIfNone: true });
    } catch (err) {
      throw new Error(t('Signing in to GitHub failed: {0}', err instanceof Error ? err.message : String(err)));
    }
    this.signedIn = true;
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
