import * as vscode from 'vscode';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { BuiltinServices } from '../../core/builtins/builtinServers';
import type { Connector } from '../../core/connectors/registry';
import type { SessionPool } from '../../core/mcp/sessionPool';
import type { Logger } from '../../core/util/logger';
import type { SecretStore } from '../secrets';
import { BuiltinStatus } from './builtinStatus';
import { GitHubAuth } from './githubAuth';
import { GitHubBudget } from './githubBudget';

const GITHUB_ID = 'builtin:github';

/**
 * The built-in connectors' part of the composition root: GitHub sign-in and budget, the server
 * factory the session pool calls on first connect (it loads Octokit and the HTML parser only
 * then), and reconnecting github when the identity or its server changes.
 */
export function registerBuiltins(deps: { secrets: SecretStore; log: Logger; version: string; pool: () => SessionPool | undefined }): {
  builtinServer: (connector: Connector) => Promise<McpServer>;
  status: BuiltinStatus;
  signIn: () => Promise<void>;
  setWebSearchKey: () => Promise<void>;
  disposables: vscode.Disposable[];
} {
  const config = () => vscode.workspace.getConfiguration('connectorAuditor');
  const auth = new GitHubAuth(() => config().get<string>('github.enterpriseUrl') || undefined);
  const budget = new GitHubBudget();
  const status = new BuiltinStatus(auth, budget);
  let services: BuiltinServices | undefined;

  const reconnectGitHub = () => {
    const session = deps.pool()?.get(GITHUB_ID);
    if (session && session.state.status !== 'idle' && session.state.status !== 'disabled') void session.reconnect();
  };

  return {
    builtinServer: async (connector) => {
      const [{ vscodeBuiltinServices }, { createBuiltinServer }] = await Promise.all([
        import('./builtinServices.js'),
        import('../../core/builtins/builtinServers.js'),
      ]);
      services ??= vscodeBuiltinServices({ secrets: deps.secrets, auth, budget, log: deps.log, version: deps.version });
      return createBuiltinServer(connector.builtin!.name, services);
    },
    status,
    signIn: async () => {
      await auth.signIn();
      reconnectGitHub();
    },
    setWebSearchKey: async () => (await import('./builtinServices.js')).setWebSearchKey(deps.secrets),
    disposables: [
      auth,
      budget,
      auth.onDidChange(reconnectGitHub),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('connectorAuditor.github')) {
          services = undefined;
          reconnectGitHub();
        }
      }),
    ],
  };
}
