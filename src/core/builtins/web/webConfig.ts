/**
 * What the web connector is configured with. Kept apart from webServer.ts (which re-exports it) so
 * the providers and the fetcher can share the types without importing the server.
 */
import type { Logger } from '../../util/logger';

export type SearchProviderName = 'brave' | 'tavily' | 'searxng' | 'mistral';

export const SEARCH_PROVIDERS: readonly SearchProviderName[] = ['brave', 'tavily', 'searxng', 'mistral'];

export interface SearchConfig {
  /** 'auto' = the first configured of brave, tavily, searxng, mistral. */
  provider: 'auto' | SearchProviderName;
  braveApiKey?: string;
  tavilyApiKey?: string;
  searxngUrl?: string;
  mistralApiKey?: string;
  /** Base URLs, for proxies, mirrors and test fixtures. Defaults: https://api.search.brave.com, https://api.tavily.com, https://api.mistral.ai */
  endpoints?: { brave?: string; tavily?: string; mistral?: string };
  /** How to configure a provider, appended to the "no provider" error (the extension names its setting and Set Secret command; the CLI its env vars). */
  configureHint: string;
}

export interface FetchPolicy {
  /** Host names or IPs allowed even though they are private/loopback (e.g. an intranet docs host). */
  allowHosts: readonly string[];
  /** Default 2 MB of body read. */
  maxBytes?: number;
  /** Default 15 s for the whole fetch including redirects. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
}

export type LookupFn = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export interface WebConnectorOptions {
  /** Read per call: settings and secrets may change while the server lives. */
  search: () => Promise<SearchConfig>;
  fetchPolicy: () => FetchPolicy;
  /** DNS seam for tests; default node:dns/promises lookup with {all: true}. */
  lookup?: LookupFn;
  log?: Logger;
  userAgent?: string;
}

/** Sent by fetch_url unless the host names its own (sites answer clients that say who they are). */
export const DEFAULT_USER_AGENT = 'ConnectorAuditor/0.1 (web connector)';
