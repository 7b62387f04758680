import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import * as path from 'node:path';
import { connectorConfigSchema, type ConnectorConfig, type TransportKind } from './schema';

/**
 * Converts other tools' MCP configuration files (VS Code, Claude Desktop / Claude Code, Cursor,
 * Cline / Roo) into connector entries. Nothing here writes anything: the result is shown to the
 * person first, with notes on whatever did not carry over one to one.
 */

export type ImportSourceKind = 'vscode' | 'claude' | 'cursor' | 'cline';

export interface ImportedConnector {
  config: ConnectorConfig;
  /** Human-readable remarks: renames, secrets to set, settings that were dropped. */
  notes: string[];
}

export interface SkippedEntry {
  name: string; // as written in the source file
  reason: string;
}

export interface ImportResult {
  /** `unknown`: the shared `mcpServers` shape with nothing that tells which tool wrote it. */
  format: ImportSourceKind | 'unknown';
  connectors: ImportedConnector[];
  skipped: SkippedEntry[];
}

export interface ImportCandidate {
  label: string;
  path: string;
  kind: ImportSourceKind;
}

type JsonObject = Record<string, unknown>;

// A Map, not an object literal, so a type such as "constructor" cannot hit a prototype key.
const TRANSPORT_SPELLINGS = new Map<string, TransportKind>([
  ['stdio', 'stdio'],
  ['sse', 'sse'],
  ['http', 'http'],
  ['streamablehttp', 'http'],
  ['streamable-http', 'http'],
  ['streamable_http', 'http'],
]);

const CLINE_ONLY_KEYS = ['autoApprove', 'alwaysAllow', 'disabled', 'timeout', 'transportType', 'disabledTools'];
const SECRET_LIKE_KEY = /token|secret|password|passwd|api[-_]?key|auth|credential|private[-_]?key/i;
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/**
 * Reads `servers` (VS Code) or `mcpServers` (everyone else); `hint` names the source when the caller
 * knows it. Throws when the text is not JSON-with-comments or holds neither key.
 */
export function importMcpConfig(text: string, hint?: ImportSourceKind): ImportResult {
  const root = parseRoot(text);
  const { container, servers, key } = findServers(root);
  const format = hint ?? detectFormat(key, servers);
  const inputs = readInputs(container.inputs);
  const result: ImportResult = { format, connectors: [], skipped: [] };
  const taken = new Set<string>();

  for (const [original, entry] of Object.entries(servers)) {
    const converted = convertEntry(original, entry, format, inputs);
    if ('reason' in converted) {
      result.skipped.push({ name: original, reason: converted.reason });
      continue;
    }
    const unique = uniqueName(converted.config.name, taken);
    if (unique !== converted.config.name) {
      const clash = converted.config.name;
      converted.notes.unshift(`renamed to "${unique}" because "${clash}" is already used by another entry in this file`);
      converted.config.name = unique;
    }
    result.connectors.push(converted);
  }
  return result;
}

function parseRoot(text: string): JsonObject {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0]!;
    const { line, column } = positionOf(text, first.offset);
    throw new Error(`Not valid JSON at line ${line}, column ${column}: ${printParseErrorCode(first.error)}`);
  }
  if (!isObject(value)) throw new Error('Expected a JSON object at the top level of an MCP configuration file');
  return value;
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

/** VS Code user settings.json nests the same shape under `mcp`, so accept that too. */
function findServers(root: JsonObject): { container: JsonObject; servers: JsonObject; key: 'servers' | 'mcpServers' } {
  for (const container of [root, root.mcp]) {
    if (!isObject(container)) continue;
    if (isObject(container.servers)) return { container, servers: container.servers, key: 'servers' };
    if (isObject(container.mcpServers)) return { container, servers: container.mcpServers, key: 'mcpServers' };
  }
  throw new Error('No "servers" or "mcpServers" object found; this does not look like an MCP configuration file');
}

function detectFormat(key: 'servers' | 'mcpServers', servers: JsonObject): ImportResult['format'] {
  if (key === 'servers') return 'vscode';
  const entries = Object.values(servers).filter(isObject);
  const clineType = (e: JsonObject) => typeof e.type === 'string' && /^streamable(http|-http)$/i.test(e.type);
  if (entries.some((e) => clineType(e) || CLINE_ONLY_KEYS.some((k) => k in e))) return 'cline';
  // Claude Desktop only launches local commands; remote `url` entries are a Cursor feature.
  if (entries.some((e) => 'url' in e && !('type' in e))) return 'cursor';
  return 'unknown';
}

function readInputs(raw: unknown): Map<string, string | undefined> {
  const inputs = new Map<string, string | undefined>();
  if (!Array.isArray(raw)) return inputs;
  for (const input of raw) {
    if (isObject(input) && typeof input.id === 'string') {
      inputs.set(input.id, typeof input.description === 'string' ? input.description : undefined);
    }
  }
  return inputs;
}

/** Rewrites values into our placeholder syntax and remembers what needs the person's attention. */
class ValueMapper {
  readonly secrets = new Set<string>();
  readonly unexpanded = new Set<string>();

  str(value: unknown): string | undefined {
    if (typeof value === 'number' || typeof value === 'boolean') value = String(value);
    if (typeof value !== 'string') return undefined;
    const mapped = value.replace(/\$\{input:([^}]+)\}/g, (_, id: string) => {
      this.secrets.add(id);
      return `\${secret:${id}}`;
    });
    for (const [whole, inner] of mapped.matchAll(PLACEHOLDER)) {
      if (!/^(secret|env):/.test(inner!)) this.unexpanded.add(whole);
    }
    return mapped;
  }

  list(value: unknown): string[] | undefined {
    if (!Array.isArray(value)) return undefined;
    return value.map((v) => this.str(v)).filter((v): v is string => v !== undefined);
  }

  record(value: unknown): Record<string, string> | undefined {
    if (!isObject(value)) return undefined;
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      const s = this.str(v);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
}

function convertEntry(
  original: string,
  entry: unknown,
  format: ImportResult['format'],
  inputs: Map<string, string | undefined>,
): ImportedConnector | { reason: string } {
  if (!isObject(entry)) return { reason: 'the entry is not an object' };
  const transport = resolveTransport(entry);
  if (typeof transport !== 'string') return transport;

  const notes: string[] = [];
  const name = sanitizeName(original);
  if (name !== original) notes.push(`renamed from "${original}" (names use only letters, digits, "_" and "-")`);

  const values = new ValueMapper();
  const config: ConnectorConfig = { name, transport };
  if (typeof entry.description === 'string') config.description = entry.description;
  if (transport === 'stdio') readLaunch(entry, config, values, notes);
  else readRemote(entry, config, values, notes);
  readPolicy(entry, config, format, notes);
  notes.push(...placeholderNotes(values, inputs), ...literalSecretNotes(config));

  const checked = connectorConfigSchema.safeParse(config);
  if (!checked.success) return { reason: checked.error.issues.map((i) => i.message).join('; ') };
  return { config: checked.data, notes };
}

function resolveTransport(entry: JsonObject): TransportKind | { reason: string } {
  const declared = entry.type ?? entry.transportType;
  if (declared !== undefined) {
    const known = typeof declared === 'string' ? TRANSPORT_SPELLINGS.get(declared.toLowerCase()) : undefined;
    return known ?? { reason: `unsupported transport type ${JSON.stringify(declared)}` };
  }
  if (typeof entry.command === 'string' && entry.command !== '') return 'stdio';
  if (typeof remoteUrl(entry) === 'string') return 'http';
  return { reason: 'neither a "command" nor a "url" is given' };
}

/** Windsurf spells the remote address `serverUrl`. */
function remoteUrl(entry: JsonObject): unknown {
  return entry.url ?? entry.serverUrl;
}

function readLaunch(entry: JsonObject, config: ConnectorConfig, values: ValueMapper, notes: string[]): void {
  const command = values.str(entry.command);
  if (command) config.command = command;
  const args = values.list(entry.args);
  if (args?.length) config.args = args;
  const env = values.record(entry.env);
  if (env && Object.keys(env).length > 0) config.env = env;
  // Connectors already start in the workspace folder, so this common value needs no placeholder.
  if (entry.cwd === '${workspaceFolder}') {
    notes.push('working directory "${workspaceFolder}" left out: connectors start in the workspace folder');
  } else if (typeof entry.cwd === 'string') config.cwd = values.str(entry.cwd);
  if (typeof entry.envFile === 'string') {
    notes.push(`envFile "${entry.envFile}" is not supported; copy the variables you need into "env"`);
  }
  if (remoteUrl(entry) !== undefined) notes.push('"url" ignored: this entry runs a local command');
}

function readRemote(entry: JsonObject, config: ConnectorConfig, values: ValueMapper, notes: string[]): void {
  const url = values.str(remoteUrl(entry));
  if (url) config.url = url;
  const headers = values.record(entry.headers);
  if (headers && Object.keys(headers).length > 0) config.headers = headers;
  if (entry.command !== undefined) notes.push('"command" ignored: this entry connects to a URL');
}

function readPolicy(entry: JsonObject, config: ConnectorConfig, format: ImportResult['format'], notes: string[]): void {
  if (entry.disabled === true || entry.enabled === false) {
    config.enabled = false;
    notes.push('disabled in the source file, so imported disabled');
  }
  if (entry.timeout !== undefined) {
    // Cline and Roo count in seconds; our timeouts are milliseconds.
    const seconds = entry.timeout;
    if (typeof seconds === 'number' && seconds > 0) config.timeouts = { call: Math.round(seconds * 1000) };
    else notes.push(`timeout ${JSON.stringify(seconds)} ignored: expected a positive number of seconds`);
  }
  const disabledTools = stringArray(entry.disabledTools);
  if (disabledTools.length > 0) config.toolConfiguration = { exclude: disabledTools };

  const approved = [...new Set([...stringArray(entry.autoApprove), ...stringArray(entry.alwaysAllow)])];
  if (approved.length > 0) {
    const source = format === 'cline' ? 'Cline/Roo auto-approved' : 'auto-approved in the source file';
    notes.push(`${source}: ${approved.join(', ')} — here every tool asks according to your confirmation policy`);
  }
}

function placeholderNotes(values: ValueMapper, inputs: Map<string, string | undefined>): string[] {
  const notes = [...values.secrets].map((id) => {
    const description = inputs.get(id);
    return `set the secret "${id}"${description ? ` (${description})` : ''} before connecting`;
  });
  if (values.unexpanded.size > 0) {
    const list = [...values.unexpanded].join(', ');
    notes.push(`not expanded by Connector Auditor: ${list} — replace with a value, \${env:NAME} or \${secret:NAME}`);
  }
  return notes;
}

/** Tokens pasted into env or headers would otherwise travel into our file in plain text unnoticed. */
function literalSecretNotes(config: ConnectorConfig): string[] {
  const notes: string[] = [];
  for (const [where, map] of [
    ['env', config.env],
    ['header', config.headers],
  ] as const) {
    for (const [key, value] of Object.entries(map ?? {})) {
      if (SECRET_LIKE_KEY.test(key) && value !== '' && !value.includes('${')) {
        notes.push(`${where} "${key}" holds a literal value; consider moving it to a secret and writing \${secret:NAME}`);
      }
    }
  }
  return notes;
}

export function sanitizeName(original: string): string {
  const cleaned = original
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return cleaned === '' ? 'connector' : cleaned;
}

/** Case-insensitive, so two entries never differ only by case in the tree or in tool names. */
function uniqueName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) {
    const suffix = `-${n}`;
    candidate = name.slice(0, 64 - suffix.length) + suffix;
  }
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** Where VS Code and Claude Desktop keep per-user data (VS Code honours XDG_CONFIG_HOME on Linux). */
function platformConfigDir(platform: NodeJS.Platform, homeDir: string, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return env.APPDATA || path.win32.join(homeDir, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME || path.posix.join(homeDir, '.config');
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Well-known places where other tools keep MCP configuration. The caller checks which exist. */
export function describeImportCandidates(
  platform: NodeJS.Platform,
  homeDir: string,
  env: Record<string, string | undefined>,
  workspaceFolder?: string,
): ImportCandidate[] {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const configBase = platformConfigDir(platform, homeDir, env);
  const codeUser = p.join(configBase, 'Code', 'User');
  const extensionSettings = (id: string, file: string) => p.join(codeUser, 'globalStorage', id, 'settings', file);

  const candidates: ImportCandidate[] = [
    { label: 'VS Code (user mcp.json)', path: p.join(codeUser, 'mcp.json'), kind: 'vscode' },
    { label: 'Claude Desktop', path: p.join(configBase, 'Claude', 'claude_desktop_config.json'), kind: 'claude' },
    { label: 'Claude Code (user)', path: p.join(homeDir, '.claude.json'), kind: 'claude' },
    { label: 'Cursor (user)', path: p.join(homeDir, '.cursor', 'mcp.json'), kind: 'cursor' },
    { label: 'Cline', path: extensionSettings('saoudrizwan.claude-dev', 'cline_mcp_settings.json'), kind: 'cline' },
    { label: 'Roo Code', path: extensionSettings('rooveterinaryinc.roo-cline', 'mcp_settings.json'), kind: 'cline' },
  ];
  if (workspaceFolder) {
    candidates.push(
      { label: 'VS Code (workspace .vscode/mcp.json)', path: p.join(workspaceFolder, '.vscode/mcp.json'), kind: 'vscode' },
      { label: 'Cursor (workspace .cursor/mcp.json)', path: p.join(workspaceFolder, '.cursor/mcp.json'), kind: 'cursor' },
      { label: 'Claude Code (workspace .mcp.json)', path: p.join(workspaceFolder, '.mcp.json'), kind: 'claude' },
      { label: 'Roo Code (workspace .roo/mcp.json)', path: p.join(workspaceFolder, '.roo/mcp.json'), kind: 'cline' },
    );
  }
  return candidates;
}
