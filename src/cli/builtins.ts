import { homedir } from 'node:os';
import { basename, resolve } from 'node:path';
import type { BuiltinServices } from '../core/builtins/builtinServers';
import { endpointsFromEnv, listFromEnv } from '../core/builtins/endpoints';
import { githubApiBaseUrl } from '../core/builtins/github/apiUrls';
import { loadRegistryLocations } from '../core/builtins/supplyChain/registry/registryConfig';
import type { SearchConfig } from '../core/builtins/web/webServer';
import type { Logger } from '../core/util/logger';
import { version } from './usage';

/**
 * The built-in connectors' settings in the CLI, all from the environment (no secrets on the
 * command line, where `ps` shows them): GITHUB_TOKEN, search-provider keys, endpoint overrides.
 */

const SEARCH_PROVIDERS = ['auto', 'brave', 'tavily', 'searxng', 'mistral'] as const;

/** The command-line flags the built-ins read. */
export interface BuiltinFlags {
  /** --github-url */
  githubUrl?: string;
  /** --workspace DIR, relative to the working folder; default the working folder itself. */
  workspace?: string;
  /** --trust-workspace (or CONNECTOR_AUDITOR_TRUST_WORKSPACE=1): the workspace connector's answers then carry no "not trusted" note. */
  trusted?: boolean;
}

export function cliBuiltinServices(io: { env: Readonly<Record<string, string | undefined>>; cwd: string }, flags: BuiltinFlags, log: Logger): BuiltinServices {
  const { env } = io;
  const { githubUrl } = flags;
  const endpoints = endpointsFromEnv(env);
  const workspaceDir = resolve(io.cwd, flags.workspace ?? '.');
  const userAgent = `connector-auditor-cli/${version()}`;
  return {
    github: () => ({
      baseUrl: endpoints.githubApi ?? githubApiBaseUrl(githubUrl),
      token: async () => env.GITHUB_TOKEN || env.GH_TOKEN || undefined,
      signInHint: 'Set GITHUB_TOKEN to a token that can read the repository.',
      log,
      userAgent,
    }),
    web: () => ({
      search: async () => searchConfig(env, endpoints),
      fetchPolicy: () => ({ allowHosts: listFromEnv(env.CONNECTOR_AUDITOR_FETCH_ALLOW_HOSTS) }),
      log,
      userAgent,
    }),
    supplyChain: () => ({
      endpoints: { osv: endpoints.osv, depsDev: endpoints.depsDev, scorecard: endpoints.scorecard },
      // The workspace's .npmrc counts only when it is trusted, as for the workspace connector.
      registries: () => loadRegistryLocations({ env, homeDir: homedir(), ...(flags.trusted ? { projectDir: workspaceDir } : {}) }),
      log,
    }),
    workspace: () => ({ roots: () => [{ name: basename(workspaceDir) || workspaceDir, path: workspaceDir }], trusted: () => flags.trusted === true, log }),
  };
}

function searchConfig(env: Readonly<Record<string, string | undefined>>, endpoints: ReturnType<typeof endpointsFromEnv>): SearchConfig {
  const chosen = (env.CONNECTOR_AUDITOR_SEARCH_PROVIDER ?? 'auto').trim().toLowerCase();
  const provider = (SEARCH_PROVIDERS as readonly string[]).includes(chosen) ? (chosen as SearchConfig['provider']) : 'auto';
  return {
    provider,
    braveApiKey: env.BRAVE_API_KEY || undefined,
    tavilyApiKey: env.TAVILY_API_KEY || undefined,
    searxngUrl: env.SEARXNG_URL || undefined,
    mistralApiKey: env.MISTRAL_API_KEY || undefined,
    endpoints: { brave: endpoints.brave, tavily: endpoints.tavily, mistral: endpoints.mistral },
    configureHint: 'Set BRAVE_API_KEY, TAVILY_API_KEY, SEARXNG_URL or MISTRAL_API_KEY.',
  };
}
