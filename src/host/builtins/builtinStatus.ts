import * as vscode from 'vscode';
import type { Connector } from '../../core/connectors/registry';
import type { GitHubAuth } from './githubAuth';
import { describeBudget, type GitHubBudget } from './githubBudget';

const t = vscode.l10n.t;

/**
 * What the tree shows about built-in connectors beyond their session: the GitHub rate-limit
 * budget, whether a "Sign in to GitHub" action belongs on the row, and the folders the workspace
 * connector reads (and whether they are trusted).
 */
export class BuiltinStatus {
  readonly onDidChange: vscode.Event<string>;
  private readonly emitter = new vscode.EventEmitter<string>();
  private checking = false;

  constructor(
    private readonly auth: GitHubAuth,
    private readonly budget: GitHubBudget,
  ) {
    auth.onDidChange(() => this.emitter.fire('builtin:github'));
    budget.onDidChange(() => this.emitter.fire('builtin:github'));
    this.onDidChange = this.emitter.event;
  }

  /** Asks VS Code (silently) whether a GitHub session exists, once, and redraws the row. */
  private checkSignIn(): void {
    if (this.checking) return;
    this.checking = true;
    void this.auth.token().finally(() => {
      this.checking = false;
      this.emitter.fire('builtin:github');
    });
  }

  /** Extra tooltip rows, label → value. */
  rows(connector: Connector): [string, string][] {
    if (!connector.builtin) return [];
    const rows: [string, string][] = [[t('Transport'), t('in-process (built in)')]];
    if (connector.builtin.name === 'github') {
      const signedIn = this.auth.isSignedIn;
      if (signedIn === undefined) this.checkSignIn();
      rows.push([t('GitHub'), signedIn ? t('signed in') : signedIn === false ? t('not signed in: public repositories only') : t('checking sign-in…')]);
      const b = this.budget.current;
      if (b) rows.push([t('Rate limit'), describeBudget(b)]);
    }
    if (connector.builtin.name === 'workspace') {
      const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.name);
      rows.push([t('Reads'), folders.length ? folders.join(', ') : t('no folder open')]);
      // Reading stays allowed in Restricted Mode (nothing runs); the row says why the answers carry a note.
      if (!vscode.workspace.isTrusted) rows.push([t('Workspace trust'), t('not trusted: every answer says so')]);
    }
    if (connector.builtin.settingsFile) rows.push([t('Settings in'), `${connector.builtin.settingsFile} › "builtins"`]);
    return rows;
  }

  needsSignIn(connector: Connector): boolean {
    return connector.builtin?.name === 'github' && this.auth.isSignedIn !== true;
  }
}
