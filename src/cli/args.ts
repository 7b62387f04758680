import { parseArgs } from 'node:util';
import { AUDIT_OPTIONS, parseAuditCommand, refuseAuditOptions, type AuditCommand, type AuditContext, type AuditValues } from './auditArgs';
import { usageError } from './exitCodes';
import { parseStudioCommand, refuseStudioOptions, STUDIO_OPTIONS, type StudioCommand } from './studioArgs';

/**
 * The command line as data: global options, the ad-hoc connector flags and one command.
 * Options may appear anywhere (before or after the command). Every combination that cannot
 * mean anything is refused here, with a one-line reason.
 */

export type Visibility = 'private' | 'shared_workspace';

export interface ConnectionFlags {
  stdio?: string;
  url?: string;
  transport?: 'http' | 'sse';
  headers: string[];
  /** `--oauth` and its `--oauth-*` settings: sign in with OAuth 2.1 (the `oauth2` auth shape). */
  oauth?: OAuthFlags;
  /** `--inherit-env NAME|all` (repeatable, --stdio only): the connector's `inheritEnv`. */
  inheritEnv?: 'all' | string[];
}

export interface OAuthFlags {
  clientId?: string;
  clientSecret?: string;
  scopes?: string[];
  redirectUri?: string;
  clientMetadataUrl?: string;
}

export interface GlobalOptions {
  config?: string;
  json: boolean;
  timeoutMs?: number;
  yes: boolean;
  verbose: boolean;
  /** --trust-workspace: start the connectors of ./.vscode/connectors.json (see workspaceTrust.ts). */
  trustWorkspace: boolean;
  /** GitHub Enterprise Server for the built-in github connector. */
  githubUrl?: string;
  /** --workspace DIR: the folder the built-in workspace connector reads (default: the working folder). */
  workspace?: string;
  /** `tools call` and `audit`: accept (pin) tools held as new or changed instead of refusing them. */
  acceptChanges: boolean;
  connection: ConnectionFlags;
}

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'connectors list' }
  | { kind: 'connectors add'; name: string; description?: string; visibility?: Visibility }
  | { kind: 'connectors remove'; name: string; visibility?: Visibility }
  | { kind: 'tools list'; connector?: string }
  | { kind: 'tools call'; connector?: string; tool: string; args: string[]; argsJson?: string }
  | { kind: 'pins reset'; connector?: string }
  | AuditCommand
  | StudioCommand;

export interface CliArgs {
  options: GlobalOptions;
  command: Command;
}

export const ADHOC_NAME = 'adhoc';

const HELP_HINT = 'Run "connector-auditor --help" for usage.';

export function hasAdhocConnection(c: ConnectionFlags): boolean {
  return c.stdio !== undefined || c.url !== undefined;
}

/** Options whose folder may be left out (`audit --workspace`, `audit --dependencies`): the current folder. */
const OPTIONAL_FOLDER = new Set(['--workspace', '--dependencies']);

/** Supplies "." after an optional-folder option that has no value, which parseArgs cannot express. */
function withDefaultFolders(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    out.push(argv[i]);
    if (argv[i] === '--') {
      out.push(...argv.slice(i + 1));
      break;
    }
    const next = argv[i + 1];
    if (OPTIONAL_FOLDER.has(argv[i]) && (next === undefined || next.startsWith('-'))) out.push('.');
  }
  return out;
}

export function parseCli(argv: readonly string[]): CliArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: withDefaultFolders(argv),
      allowPositionals: true,
      strict: true,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        timeout: { type: 'string' },
        'github-url': { type: 'string' },
        workspace: { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        'accept-changes': { type: 'boolean', default: false },
        verbose: { type: 'boolean', short: 'v', default: false },
        'trust-workspace': { type: 'boolean', default: false },
        stdio: { type: 'string' },
        url: { type: 'string' },
        transport: { type: 'string' },
        header: { type: 'string', multiple: true, default: [] },
        'inherit-env': { type: 'string', multiple: true, default: [] },
        oauth: { type: 'boolean', default: false },
        'oauth-client-id': { type: 'string' },
        'oauth-client-secret': { type: 'string' },
        'oauth-scopes': { type: 'string' },
        'oauth-redirect-uri': { type: 'string' },
        'oauth-client-metadata-url': { type: 'string' },
        arg: { type: 'string', multiple: true, default: [] },
        'args-json': { type: 'string' },
        description: { type: 'string' },
        visibility: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
        ...AUDIT_OPTIONS,
        ...STUDIO_OPTIONS,
      },
    });
  } catch (err) {
    // Node's first sentence names the problem; its advice about '--' does not fit this CLI.
    const first = (err as Error).message.split(/\.\s/)[0].replace(/\.?$/, '.');
    throw usageError(`${first} ${HELP_HINT}`);
  }
  const { values: v, positionals } = parsed;
  const connection: ConnectionFlags = { stdio: v.stdio, url: v.url, headers: v.header };
  const options: GlobalOptions = {
    config: v.config,
    json: v.json,
    yes: v.yes,
    verbose: v.verbose,
    acceptChanges: v['accept-changes'],
    trustWorkspace: v['trust-workspace'],
    connection,
  };
  if (v['github-url'] !== undefined) {
    if (!/^https?:\/\/[^/]/i.test(v['github-url']))
      throw usageError(`--github-url takes the server's address, e.g. https://github.example.com, not "${v['github-url']}".`);
    options.githubUrl = v['github-url'];
  }

  if (v.workspace !== undefined) {
    if (!v.workspace.trim()) throw usageError('--workspace takes a folder, e.g. --workspace . or --workspace ../project.');
    options.workspace = v.workspace;
  }

  if (v.help) return { options, command: { kind: 'help' } };
  if (v.version) return { options, command: { kind: 'version' } };

  if (v.timeout !== undefined) {
    const ms = Number(v.timeout);
    if (!/^\d+$/.test(v.timeout.trim()) || !Number.isSafeInteger(ms) || ms <= 0) {
      throw usageError(`--timeout takes a positive number of milliseconds, not "${v.timeout}".`);
    }
    options.timeoutMs = ms;
  }
  if (v.stdio !== undefined && v.url !== undefined) throw usageError('Give either --stdio or --url, not both.');
  if (v.stdio !== undefined && !v.stdio.trim()) throw usageError('--stdio needs a command line, e.g. --stdio "npx -y some-mcp-server".');
  if (v.transport !== undefined) {
    if (v.transport !== 'http' && v.transport !== 'sse') throw usageError(`--transport is http or sse, not "${v.transport}".`);
    if (v.url === undefined) throw usageError('--transport applies to --url only.');
    connection.transport = v.transport;
  }
  if (v.header.length && v.url === undefined) throw usageError('--header applies to --url only.');
  if (v['inherit-env'].length) {
    if (v.stdio === undefined) throw usageError('--inherit-env applies to --stdio only: it names variables a local server inherits.');
    connection.inheritEnv = parseInheritEnv(v['inherit-env']);
  }
  const oauth = parseOAuthFlags(v);
  if (oauth) connection.oauth = oauth;
  if (oauth && v.url === undefined) throw usageError('--oauth and --oauth-* apply to --url only.');

  const command = parseCommand(positionals, v, connection, { workspace: options.workspace, adhoc: hasAdhocConnection(connection) });
  // `audit --dependencies DIR` reads DIR with the workspace connector, as --workspace DIR would.
  if (command.kind === 'audit' && command.subject.kind === 'dependencies') options.workspace = command.subject.dir;
  if (options.acceptChanges && command.kind !== 'tools call' && command.kind !== 'audit') {
    throw usageError('--accept-changes applies to tools call and audit only.');
  }
  const adhoc = hasAdhocConnection(connection);
  if (command.kind.startsWith('studio ')) {
    if (adhoc || v.config !== undefined || oauth) throw usageError('studio commands talk to Mistral Studio; they take no --stdio, --url, --oauth or --config.');
    return { options, command };
  }
  if (command.kind === 'connectors add') {
    if (!adhoc) throw usageError(`connectors add ${command.name} needs --stdio "COMMAND LINE" or --url URL.`);
  } else if (command.kind === 'connectors remove' || command.kind === 'pins reset') {
    if (adhoc) throw usageError(`${command.kind} takes no --stdio or --url.`);
  } else if (adhoc && v.config !== undefined) {
    throw usageError('Give either --config or --stdio/--url: the ad-hoc connector uses no file.');
  }
  if (v.visibility !== undefined && command.kind !== 'connectors add' && command.kind !== 'connectors remove') {
    throw usageError('--visibility applies to connectors add and connectors remove only.');
  }
  if (v.visibility !== undefined && v.config !== undefined) {
    throw usageError('Give either --config or --visibility: with --config the file is the one given.');
  }
  return { options, command };
}

const COMMANDS = new Set(['connectors list', 'connectors add', 'connectors remove', 'tools list', 'tools call', 'pins reset']);

type Values = AuditValues & {
  arg: string[];
  'args-json'?: string;
  description?: string;
  visibility?: string;
  server?: string;
  name?: string;
  auth?: string;
};

function parseCommand(positionals: string[], v: Values, connection: ConnectionFlags, auditContext: AuditContext): Command {
  const [group, verb, ...rest] = positionals;
  if (!group) throw usageError(`No command given. ${HELP_HINT}`);
  if (group === 'studio') {
    refuseAuditOptions(v);
    return parseStudioCommand(
      [verb, ...rest].filter((a): a is string => a !== undefined),
      v,
    );
  }
  refuseStudioOptions(v);
  const key = `${group} ${verb ?? ''}`.trim();
  const extra = (max: number) => {
    if (rest.length > max) throw usageError(`Unexpected argument "${rest[max]}" after "${key}". ${HELP_HINT}`);
  };
  if (key !== 'tools call' && (v.arg.length || v['args-json'] !== undefined)) {
    throw usageError('--arg and --args-json apply to tools call only.');
  }
  if (key !== 'connectors add' && v.description !== undefined) throw usageError('--description applies to connectors add only.');
  if (group === 'audit')
    return parseAuditCommand(
      [verb, ...rest].filter((a): a is string => a !== undefined),
      v,
      auditContext,
    );
  if (COMMANDS.has(key)) refuseAuditOptions(v);

  switch (key) {
    case 'connectors list':
      extra(0);
      return { kind: 'connectors list' };
    case 'connectors add':
    case 'connectors remove': {
      extra(1);
      const name = rest[0];
      if (!name) throw usageError(`${key} needs a connector NAME.`);
      const visibility = parseVisibility(v.visibility);
      return key === 'connectors add'
        ? { kind: 'connectors add', name, description: v.description, visibility }
        : { kind: 'connectors remove', name, visibility };
    }
    case 'tools list':
      extra(1);
      return { kind: 'tools list', connector: rest[0] };
    case 'tools call': {
      extra(2);
      const adhoc = hasAdhocConnection(connection);
      if (rest.length === 0) throw usageError(adhoc ? 'tools call needs a TOOL.' : 'tools call needs CONNECTOR and TOOL.');
      if (rest.length === 1 && !adhoc) {
        throw usageError(`tools call needs CONNECTOR and TOOL (only "${rest[0]}" was given); the connector may be left out only with --stdio or --url.`);
      }
      const [connector, tool] = rest.length === 1 ? [ADHOC_NAME, rest[0]] : rest;
      return { kind: 'tools call', connector, tool, args: v.arg, argsJson: v['args-json'] };
    }
    case 'pins reset':
      extra(1);
      return { kind: 'pins reset', connector: rest[0] };
    default:
      throw usageError(`Unknown command: ${positionals.join(' ')}. ${HELP_HINT}`);
  }
}

function parseOAuthFlags(v: {
  oauth: boolean;
  'oauth-client-id'?: string;
  'oauth-client-secret'?: string;
  'oauth-scopes'?: string;
  'oauth-redirect-uri'?: string;
  'oauth-client-metadata-url'?: string;
}): OAuthFlags | undefined {
  const given = v['oauth-client-id'] ?? v['oauth-client-secret'] ?? v['oauth-scopes'] ?? v['oauth-redirect-uri'] ?? v['oauth-client-metadata-url'];
  if (!v.oauth && given === undefined) return undefined;
  const secret = v['oauth-client-secret'];
  // A secret typed on the command line lands in shell history and `ps`; only references are taken.
  if (secret !== undefined && !/^\$\{(secret|env):[^}]+\}$/.test(secret.trim())) {
    throw usageError('--oauth-client-secret takes a reference, ${secret:NAME} (from CONNECTOR_AUDITOR_SECRET_NAME) or ${env:VAR}, not the secret itself.');
  }
  const scopes = v['oauth-scopes']?.split(/[\s,]+/).filter(Boolean);
  return {
    clientId: v['oauth-client-id'],
    clientSecret: secret?.trim(),
    scopes: scopes?.length ? scopes : undefined,
    redirectUri: v['oauth-redirect-uri'],
    clientMetadataUrl: v['oauth-client-metadata-url'],
  };
}

/**
 * `--inherit-env GITHUB_TOKEN --inherit-env AWS_PROFILE` or `--inherit-env A,B`, or `--inherit-env all`
 * alone. Values are never taken here: a name says which of your variables the server may read.
 */
function parseInheritEnv(values: readonly string[]): 'all' | string[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((n) => n.trim())
    .filter(Boolean);
  if (names.includes('all')) {
    if (names.length > 1) throw usageError('--inherit-env all passes your whole environment; give it alone, not with names.');
    return 'all';
  }
  const bad = names.find((n) => n.includes('='));
  if (bad !== undefined)
    throw usageError(`--inherit-env takes variable names, not values ("${bad.slice(0, bad.indexOf('='))}=…"); put values in the connector's "env".`);
  if (!names.length) throw usageError('--inherit-env needs a variable NAME or all.');
  return [...new Set(names)];
}

function parseVisibility(value: string | undefined): Visibility | undefined {
  if (value === undefined) return undefined;
  if (value === 'private' || value === 'shared_workspace') return value;
  throw usageError(`--visibility is private or shared_workspace, not "${value}".`);
}
