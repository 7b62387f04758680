import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { BuiltinServices } from '../../core/builtins/builtinServers';
import { endpointsFromEnv } from '../../core/builtins/endpoints';
import { githubApiBaseUrl } from '../../core/builtins/github/apiUrls';
import { loadRegistryLocations } from '../../core/builtins/supplyChain/registry/registryConfig';
import type { SearchConfig } from '../../core/builtins/web/webServer';
import type { Logger } from '../../core/util/logger';
import { MISTRAL_KEY_SECRET } from '../models/keyNames';
import type { SecretStore } from '../secrets';
import type { GitHubAuth } from './githubAuth';
import type { GitHubBudget } from './githubBudget';

const t = vscode.l10n.t;

/** SecretStorage names of the search providers' keys (set with "Set Web Search API Key…"). */
export const SEARCH_KEY_SECRETS = { brave: 'brave-search-api-key', tavily: 'tavily-api-key' } as const;

const SEARCH_PROVIDERS: readonly SearchConfig['provider'][] = ['auto', 'brave', 'tavily', 'searxng', 'mistral'];

/**
 * The built-in connectors' settings in VS Code: GitHub sign-in, keys from SecretStorage (or the
 * environment), settings under `connectorAuditor.github` / `connectorAuditor.web`.
 */
export function vscodeBuiltinServices(deps: { secrets: SecretStore; auth: GitHubAuth; budget: GitHubBudget; log: Logger; version: string }): BuiltinServices {
  const env = process.env;
  const endpoints = endpointsFromEnv(env);
  const config = () => vscode.workspace.getConfiguration('connectorAuditor');
  const userAgent = `connector-auditor-vscode/${deps.version}`;
  return {
    github: () => ({
      baseUrl: endpoints.githubApi ?? githubApiBaseUrl(config().get<string>('github.enterpriseUrl') || undefined),
      token: () => deps.auth.token(),
      signInHint: t('Sign in to GitHub from the github connector in the Connectors view.'),
      onRateLimit: (b) => deps.budget.record(b),
      log: deps.log,
      userAgent,
    }),
    web: () => ({
      search: async (): Promise<SearchConfig> => {
        const chosen = config().get<string>('web.searchProvider', 'auto') as SearchConfig['provider'];
        return {
          provider: SEARCH_PROVIDERS.includes(chosen) ? chosen : 'auto',
          braveApiKey: (await deps.secrets.get(SEARCH_KEY_SECRETS.brave)) ?? (env.BRAVE_API_KEY || undefined),
          tavilyApiKey: (await deps.secrets.get(SEARCH_KEY_SECRETS.tavily)) ?? (env.TAVILY_API_KEY || undefined),
          searxngUrl: config().get<string>('web.searxngUrl') || env.SEARXNG_URL || undefined,
          mistralApiKey: (await deps.secrets.get(MISTRAL_KEY_SECRET)) ?? (env.MISTRAL_API_KEY || undefined),
          endpoints: { brave: endpoints.brave, tavily: endpoints.tavily, mistral: endpoints.mistral },
          configureHint: t(
            'Run "Connector Auditor: Set Web Search API Key…" (Brave or Tavily), set "connectorAuditor.web.searxngUrl", or set a Mistral API key.',
          ),
        };
      },
      fetchPolicy: () => ({ allowHosts: config().get<string[]>('web.fetchAllowHosts', []) }),
      log: deps.log,
      userAgent,
    }),
    supplyChain: () => ({
      endpoints: { osv: endpoints.osv, depsDev: endpoints.depsDev, scorecard: endpoints.scorecard },
      // Read per call: the first local folder's .npmrc, only in a trusted workspace (an untrusted folder must not choose where evidence comes from).
      registries: () => {
        const folder = (vscode.workspace.workspaceFolders ?? []).find((f) => f.uri.scheme === 'file');
        return loadRegistryLocations({ env, homeDir: homedir(), ...(folder && vscode.workspace.isTrusted ? { projectDir: folder.uri.fsPath } : {}) });
      },
      log: deps.log,
    }),
    // Read on every call: folders added to the window and trust granted later apply at once.
    workspace: () => ({
      roots: () =>
        (vscode.workspace.workspaceFolders ?? [])
          .filter((f) => f.uri.scheme === 'file') // a remote or virtual folder has no path on this machine
          .map((f) => ({ name: f.name, path: f.uri.fsPath })),
      trusted: () => vscode.workspace.isTrusted,
      log: deps.log,
    }),
  };
}

export async function setWebSearchKey(secrets: SecretStore): Promise<void> {
  const pick = await vscode.window.showQuickPick(
    [
      { label: 'Brave Search', description: 'api.search.brave.com', id: 'brave' as const },
      { label: 'Tavily', description: 'api.tavily.com', id: 'tavily' as const },
    ],
    { title: t('Set Web Search API Key'), placeHolder: t('Which search provider?') },
  );
  if (!pick) return;
  const value = await vscode.window.showInputBox({
    title: t('{0} API Key', pick.label),
    prompt: t('Stored in VS Code SecretStorage, never in settings or logs.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('Enter the key')),
  });
  if (value === undefined) return;
  await secrets.set(SEARCH_KEY_SECRETS[pick.id], value.trim());
  void vscode.window.showInformationMessage(t('{0} API key saved; web_search uses it from the next call.', pick.label));
}
