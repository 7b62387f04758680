/**
 * The built-in `supply_chain` connector: an in-process MCP server over free public APIs — OSV.dev
 * (known vulnerabilities), deps.dev (versions, licences, advisories, dependency graphs,
 * provenance), the OpenSSF Scorecard API (repository security posture), and the npm registry and
 * PyPI themselves (what a release really ships). None needs a key.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { nullLogger, type Logger } from '../../util/logger';
import { ApiClient } from './apiClient';
import type { DependencyAuditCache } from './audit/auditCache';
import { apiAuditClients } from './audit/auditClients';
import { registerAuditDependenciesTool, type WorkspaceDependencyProvider } from './audit/auditDependenciesTool';
import { registerDepsDevTools } from './depsDevTools';
import { registerOsvTools } from './osvTools';
import { DEFAULT_ARTIFACT_LIMITS, type ArtifactLimits } from './registry/inspectRelease';
import { RegistryHttp } from './registry/registryHttp';
import { registryLocations, type RegistryLocations } from './registry/registryLocations';
import { registerRegistryTools } from './registry/registryTools';
import { registerScorecardTool } from './scorecardTool';

export interface SupplyChainOptions {
  /** Base URLs for mirrors, proxies and fixtures. Defaults https://api.osv.dev, https://api.deps.dev, https://api.securityscorecards.dev */
  endpoints?: { osv?: string; depsDev?: string; scorecard?: string };
  log?: Logger;
  fetch?: typeof fetch;
  /** Time limit per HTTP request; default 20 s (see httpJson). */
  timeoutMs?: number;
  /** The open workspace's dependencies, for audit_dependencies (wired by createBuiltinServer from the workspace connector's roots and trust). */
  workspaceDependencies?: WorkspaceDependencyProvider;
  /** Default: one cache per process, shared by every supply_chain server (tests pass their own). */
  auditCache?: DependencyAuditCache;
  /**
   * Where npm and PyPI packages are read (the user's .npmrc, PIP_INDEX_URL, CONNECTOR_AUDITOR_*),
   * asked on every call so an edited .npmrc applies at once. Default: the environment only.
   */
  registries?: () => Promise<RegistryLocations>;
  /** Caps for inspect_package (download size, unpacked size, files, scanned bytes); tests lower them. */
  artifactLimits?: Partial<ArtifactLimits>;
}

export const SUPPLY_CHAIN_TOOL_NAMES: readonly string[] = Object.freeze([
  'osv_query',
  'osv_query_batch',
  'osv_get_vulnerability',
  'deps_dev_package',
  'deps_dev_version',
  'deps_dev_dependencies',
  'scorecard',
  'audit_dependencies',
  'registry_package',
  'inspect_package',
]);

const INSTRUCTIONS =
  'Supply-chain evidence for auditing a package or repository. osv_query lists known vulnerabilities of a package version; ' +
  'deps_dev_package confirms a package exists and shows its release history; deps_dev_version gives licences, advisories, ' +
  "source repository and provenance; deps_dev_dependencies sizes the dependency graph; scorecard rates a GitHub repository's " +
  'security practices; audit_dependencies checks the whole dependency tree of the open workspace at once; registry_package ' +
  'reads an npm or PyPI release from its registry (publisher, install scripts, provenance, changes since the previous release) and ' +
  'inspect_package reads what its files would do at install, without running them. Cite the url fields.';

export function createSupplyChainServer(options: SupplyChainOptions = {}): McpServer {
  const server = new McpServer({ name: 'supply_chain', version: '1.0.0' }, { instructions: INSTRUCTIONS });
  const api = new ApiClient({
    log: options.log ?? nullLogger,
    ...(options.endpoints ? { endpoints: options.endpoints } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  registerOsvTools(server, api);
  registerDepsDevTools(server, api);
  registerScorecardTool(server, api);
  registerAuditDependenciesTool(server, apiAuditClients(api), options.workspaceDependencies, options.auditCache);
  registerRegistryTools(server, {
    http: new RegistryHttp({
      log: options.log ?? nullLogger,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    }),
    locations: options.registries ?? (async () => registryLocations({ env: process.env })),
    limits: { ...DEFAULT_ARTIFACT_LIMITS, ...options.artifactLimits },
  });
  return server;
}
