/**
 * Where the built-in connectors' services live. The defaults are the public APIs; each can be
 * pointed elsewhere through the environment (a proxy, a mirror, an air-gapped deployment, or
 * the fixtures the tests run against) in the extension and the CLI alike.
 */
export interface BuiltinEndpoints {
  /** The GitHub REST API root, overriding the github.com / Enterprise Server URL. */
  githubApi?: string;
  osv?: string;
  depsDev?: string;
  scorecard?: string;
  brave?: string;
  tavily?: string;
  mistral?: string;
}

export const ENDPOINT_VARIABLES: Record<keyof BuiltinEndpoints, string> = {
  githubApi: 'CONNECTOR_AUDITOR_GITHUB_API_URL',
  osv: 'CONNECTOR_AUDITOR_OSV_URL',
  depsDev: 'CONNECTOR_AUDITOR_DEPS_DEV_URL',
  scorecard: 'CONNECTOR_AUDITOR_SCORECARD_URL',
  brave: 'CONNECTOR_AUDITOR_BRAVE_URL',
  tavily: 'CONNECTOR_AUDITOR_TAVILY_URL',
  mistral: 'CONNECTOR_AUDITOR_MISTRAL_URL',
};

export function endpointsFromEnv(env: Readonly<Record<string, string | undefined>>): BuiltinEndpoints {
  const out: BuiltinEndpoints = {};
  for (const [key, variable] of Object.entries(ENDPOINT_VARIABLES) as [keyof BuiltinEndpoints, string][]) {
    const value = env[variable]?.trim();
    if (value) out[key] = value.replace(/\/+$/, '');
  }
  return out;
}

/** `a.example, b.example ,` → ['a.example', 'b.example']: for host lists kept in one variable. */
export function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}
