import * as vscode from 'vscode';
import type { Connector } from '../../core/connectors/registry';
import type { GitHubAuth } from './githubAuth';
import { describeBudget, type GitHubBudget } from './githubBudget';

const t = vscode.l10n.t;

/**
 * What the tree shows about built-in connectors beyond their session: the GitHub rate-limit
 * budget, and whether a "Sign in to GitHub" action belongs on the row.
 */
export class BuiltinStatus {
  readonly onDidChange: vscode.Event<string>;

  constructor(
    private readonly auth: GitHubAuth,
    private readonly budget: GitHubBudget,
  ) {
    const emitter = new vscode.EventEmitter<string>();
    auth.onDidChange(() => emitter.fire('builtin:github'));
    budget.onDidChange(() => emitter.fire('builtin:github'));
    this.onDidChange = emitter.event;
  }

  /** Extra tooltip rows, label → value. */
  rows(connector: Connector): [string, string][] {
    if (!connector.builtin) return [];
    const rows: [string, string][] = [[t('Transport'), t('in-process (built in)')]];
    if (connector.builtin.name === 'github') {
      const signedIn = this.auth.isSignedIn;
      rows.push([t('GitHub'), signedIn ? t('signed in') : signedIn === false ? t('not signed in: public repositories only') : t('sign-in not checked yet')]);
      const b = this.budget.current;
      if (b) rows.push([t('Rate limit'), describeBudget(b)]);
    }
    if (connector.builtin.settingsFile) rows.push([t('Settings in'), `${connector.builtin.settingsFile} › "builtins"`]);
    return rows;
  }

  needsSignIn(connector: Connector): boolean {
    return connector.builtin?.name === 'github' && this.auth.isSignedIn !== true;
  }
}
