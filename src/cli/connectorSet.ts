import { resolve } from 'node:path';
import { privateRegistryFile, workspaceRegistryFile } from '../core/connectors/paths';
import { ConnectorRegistry, type Connector, type ConnectorSource } from '../core/connectors/registry';
import { ADHOC_NAME, hasAdhocConnection, type GlobalOptions } from './args';
import { loadConfigFile, type LoadedConnectors } from './configFile';
import { adhocConnector } from './connectionFlags';
import { usageError } from './exitCodes';

/**
 * The connectors one command sees: the ad-hoc one (--stdio/--url, no file), or the file given
 * with --config, or the private registry plus the working folder's .vscode/connectors.json.
 */

export function defaultSources(env: Readonly<Record<string, string | undefined>>, cwd: string): ConnectorSource[] {
  return [
    { visibility: 'private', file: privateRegistryFile(env) },
    { visibility: 'shared_workspace', file: workspaceRegistryFile(cwd) },
  ];
}

export async function loadConnectors(options: GlobalOptions, env: Readonly<Record<string, string | undefined>>, cwd: string): Promise<LoadedConnectors> {
  if (hasAdhocConnection(options.connection)) {
    return { connectors: [adhocConnector(options.connection)], problems: [], notes: [], files: [] };
  }
  if (options.config !== undefined) return loadConfigFile(resolve(cwd, options.config));
  const sources = defaultSources(env, cwd);
  const registry = new ConnectorRegistry(sources);
  try {
    const snap = await registry.reload();
    return { connectors: snap.connectors, problems: snap.problems, notes: [], files: sources.map((s) => s.file) };
  } finally {
    registry.dispose();
  }
}

/**
 * The connectors of `audit`: as for every command, except that auditing the ad-hoc connector
 * (--stdio/--url) also loads the built-ins, which gather the evidence about it.
 */
export async function loadAuditConnectors(
  options: GlobalOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  connectorAudit: boolean,
): Promise<LoadedConnectors> {
  const loaded = await loadConnectors(options, env, cwd);
  if (!connectorAudit || !hasAdhocConnection(options.connection)) return loaded;
  const registry = new ConnectorRegistry(defaultSources(env, cwd));
  try {
    const snap = await registry.reload();
    return { ...loaded, connectors: [...loaded.connectors, ...snap.connectors.filter((c) => c.builtin)] };
  } finally {
    registry.dispose();
  }
}

/**
 * Finds a connector by its label ("name (workspace)" when names clash) or its name; a name that
 * several connectors share must be given by label.
 */
export function findConnector(loaded: LoadedConnectors, name: string): Connector {
  const { connectors } = loaded;
  const byLabel = connectors.find((c) => c.label === name);
  if (byLabel) return byLabel;
  const byName = connectors.filter((c) => c.name === name);
  if (byName.length === 1) return byName[0];
  if (byName.length > 1) {
    throw usageError(`"${name}" is ambiguous: ${byName.map((c) => `"${c.label}"`).join(', ')}. Give the full label, or rename one.`);
  }
  if (connectors.length === 1 && connectors[0].name === ADHOC_NAME && !connectors[0].origin) {
    throw usageError(`No connector named "${name}": with --stdio or --url the only connector is "${ADHOC_NAME}".`);
  }
  const known = connectors
    .slice(0, 10)
    .map((c) => c.label)
    .concat(connectors.length > 10 ? ['…'] : []);
  throw usageError(
    `No connector named "${name}"${known.length ? ` (there are: ${known.join(', ')})` : ''}. Run "connector-auditor connectors list" to see them.`,
  );
}
