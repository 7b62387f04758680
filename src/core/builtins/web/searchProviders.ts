/**
 * Which search provider answers a web_search call, chosen afresh from the configuration on every
 * call (a key set while the server runs takes effect at once). 'auto' takes the first configured
 * of Brave, Tavily, SearXNG and Mistral; a named provider without its key or URL is an error that
 * says what is missing, not a silent switch to another provider.
 */
import { braveProvider } from './braveSearch';
import { mistralProvider } from './mistralSearch';
import { PROVIDER_LABELS, type SearchProvider } from './searchTypes';
import { searxngProvider } from './searxngSearch';
import { tavilyProvider } from './tavilySearch';
import { SEARCH_PROVIDERS, type SearchConfig, type SearchProviderName } from './webConfig';

const NEEDS: Record<SearchProviderName, string> = {
  brave: 'a Brave Search API key',
  tavily: 'a Tavily API key',
  searxng: 'the URL of a SearXNG instance with the JSON format enabled',
  mistral: 'a Mistral API key',
};

/** The key (or, for SearXNG, the URL) a provider needs, trimmed; undefined when unset or blank. */
function credentialOf(config: SearchConfig, name: SearchProviderName): string | undefined {
  const value = { brave: config.braveApiKey, tavily: config.tavilyApiKey, searxng: config.searxngUrl, mistral: config.mistralApiKey }[name]?.trim();
  return value ? value : undefined;
}

export function isConfigured(config: SearchConfig, name: SearchProviderName): boolean {
  return credentialOf(config, name) !== undefined;
}

export function configuredProviders(config: SearchConfig): SearchProviderName[] {
  return SEARCH_PROVIDERS.filter((name) => isConfigured(config, name));
}

export function noProviderMessage(config: SearchConfig): string {
  const hint = config.configureHint.trim();
  if (config.provider !== 'auto') {
    const label = PROVIDER_LABELS[config.provider];
    return `Web search is set to ${label}, but ${NEEDS[config.provider]} is not configured.${hint ? ` ${hint}` : ''}`;
  }
  const options = SEARCH_PROVIDERS.map((name) => `${PROVIDER_LABELS[name]} (${NEEDS[name]})`).join(', ');
  return `No web search provider is configured. web_search needs one of: ${options}.${hint ? ` ${hint}` : ''}`;
}

/** The provider for this call, or the message that explains why there is none. */
export function chooseProvider(config: SearchConfig): SearchProvider | { error: string } {
  const name = config.provider === 'auto' ? configuredProviders(config)[0] : config.provider;
  const credential = name && credentialOf(config, name);
  if (!name || !credential) return { error: noProviderMessage(config) };
  const hint = config.configureHint;
  const endpoints = config.endpoints ?? {};
  switch (name) {
    case 'brave':
      return braveProvider(credential, endpoints.brave, hint);
    case 'tavily':
      return tavilyProvider(credential, endpoints.tavily, hint);
    case 'searxng':
      return searxngProvider(credential);
    case 'mistral':
      return mistralProvider(credential, endpoints.mistral, hint);
  }
}
