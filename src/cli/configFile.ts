import { parse } from 'jsonc-parser';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { importMcpConfig } from '../core/connectors/importers';
import { ConnectorRegistry, type Connector, type SourceProblem } from '../core/connectors/registry';
import { usageError } from './exitCodes';

/**
 * `--config FILE`: a Connector Auditor connectors file, or another tool's MCP configuration
 * (VS Code mcp.json, Claude Desktop, Cursor, Cline), told apart by its top-level keys.
 */

export interface LoadedConnectors {
  connectors: Connector[];
  problems: SourceProblem[];
  /** Remarks from importing another tool's file (renames, secrets to set), for --verbose. */
  notes: string[];
  /** The files read, for messages ("add some to …"). */
  files: string[];
}

export type ConfigFormat = 'connector-auditor' | 'mcp';

/** `mcp` when the file holds `servers` / `mcpServers` (top level or under `mcp`) and no `connectors`. */
export function detectFormat(text: string): ConfigFormat {
  const root: unknown = parse(text, [], { allowTrailingComma: true });
  if (!root || typeof root !== 'object' || Array.isArray(root)) return 'connector-auditor';
  const obj = root as Record<string, unknown>;
  if ('connectors' in obj) return 'connector-auditor';
  const mcp = obj.mcp && typeof obj.mcp === 'object' ? (obj.mcp as Record<string, unknown>) : {};
  return 'servers' in obj || 'mcpServers' in obj || 'servers' in mcp || 'mcpServers' in mcp ? 'mcp' : 'connector-auditor';
}

export async function readConfigText(file: string): Promise<string> {
  if (!existsSync(file)) throw usageError(`Config file not found: ${file}`);
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    throw usageError(`Cannot read ${file}: ${(err as Error).message}`);
  }
}

export async function loadConfigFile(file: string): Promise<LoadedConnectors> {
  const text = await readConfigText(file);
  if (detectFormat(text) === 'connector-auditor') {
    // "--config FILE" means that file only: no built-ins, so a run is fully described by the file.
    const registry = new ConnectorRegistry([{ visibility: 'private', file }], { builtins: false });
    try {
      const snap = await registry.reload();
      return { connectors: snap.connectors, problems: snap.problems, notes: [], files: [file] };
    } finally {
      registry.dispose();
    }
  }
  let imported;
  try {
    imported = importMcpConfig(text);
  } catch (err) {
    throw usageError(`${file}: ${(err as Error).message}`);
  }
  const problems: SourceProblem[] = imported.skipped.map((s) => ({
    file,
    line: 1,
    column: 1,
    offset: 0,
    message: `Server "${s.name}" was skipped: ${s.reason}`,
    entryName: s.name,
    visibility: 'private',
    severity: 'warning',
  }));
  const connectors: Connector[] = imported.connectors.map(({ config }, index) => ({
    id: `private:${config.name}`,
    name: config.name,
    label: config.name,
    visibility: 'private',
    config,
    origin: { file, index, offset: 0, line: 1 },
    enabled: config.enabled !== false,
  }));
  const notes = imported.connectors.flatMap(({ config, notes: n }) => n.map((note) => `${config.name}: ${note}`));
  return { connectors, problems, notes, files: [file] };
}
