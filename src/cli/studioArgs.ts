import type { StudioAuthMethod, StudioVisibility } from '../core/studio/studioModel';
import { STUDIO_NAME } from '../core/studio/studioModel';
import { usageError } from './exitCodes';

/**
 * `studio connectors list|create|update|delete` and `studio tools list|call`: Mistral Studio's
 * connector registry. Kept apart from args.ts, which routes `studio …` here and refuses these
 * options elsewhere.
 */

export type StudioCommand =
  | { kind: 'studio connectors list' }
  | { kind: 'studio connectors create'; name: string; description: string; server: string; visibility?: StudioVisibility; auth?: StudioAuthMethod }
  | {
      kind: 'studio connectors update';
      connector: string;
      name?: string;
      description?: string;
      server?: string;
      visibility?: StudioVisibility;
      auth?: StudioAuthMethod;
    }
  | { kind: 'studio connectors delete'; connector: string }
  | { kind: 'studio tools list'; connector: string }
  | { kind: 'studio tools call'; connector: string; tool: string; args: string[]; argsJson?: string };

export const STUDIO_OPTIONS = {
  server: { type: 'string' },
  name: { type: 'string' },
  auth: { type: 'string' },
} as const;

export interface StudioValues {
  server?: string;
  name?: string;
  auth?: string;
  description?: string;
  visibility?: string;
  arg: string[];
  'args-json'?: string;
}

const HELP = 'Run "connector-auditor --help" for usage.';

/** Refuses Studio options on other commands ("--server applies to studio connectors create and update only."). */
export function refuseStudioOptions(v: StudioValues): void {
  for (const name of ['server', 'name', 'auth'] as const) {
    if (v[name] !== undefined) throw usageError(`--${name} applies to studio connectors create and update only.`);
  }
}

export function parseStudioCommand(rest: readonly string[], v: StudioValues): StudioCommand {
  const [group, verb, ...operands] = rest;
  const key = `studio ${group ?? ''} ${verb ?? ''}`.trim();
  const editing = key === 'studio connectors create' || key === 'studio connectors update';
  if (!editing) {
    refuseStudioOptions(v);
    if (v.description !== undefined) throw usageError('--description applies to connectors add and studio connectors create/update only.');
    if (v.visibility !== undefined) throw usageError('--visibility applies to studio connectors create and update here.');
  }
  if (key !== 'studio tools call' && (v.arg.length || v['args-json'] !== undefined))
    throw usageError('--arg and --args-json apply to tools call and studio tools call only.');
  const operandsAtMost = (max: number) => {
    if (operands.length > max) throw usageError(`Unexpected argument "${operands[max]}" after "${key}". ${HELP}`);
  };
  const connector = (what = 'CONNECTOR (its name or id)') => {
    if (!operands[0]) throw usageError(`${key} needs a ${what}.`);
    return operands[0];
  };

  switch (key) {
    case 'studio connectors list':
      operandsAtMost(0);
      return { kind: key };
    case 'studio connectors create': {
      operandsAtMost(1);
      const name = connector('NAME');
      checkName(name);
      if (v.name !== undefined) throw usageError('--name applies to studio connectors update (to rename); create takes the NAME operand.');
      if (v.server === undefined) throw usageError(`studio connectors create ${name} needs --server URL (the MCP server's Streamable HTTP address).`);
      if (v.description === undefined || !v.description.trim())
        throw usageError(`studio connectors create ${name} needs --description TEXT (Studio requires one).`);
      return { kind: key, name, description: v.description, server: checkServer(v.server), visibility: visibility(v.visibility), auth: auth(v.auth) };
    }
    case 'studio connectors update': {
      operandsAtMost(1);
      const id = connector();
      if (v.name !== undefined) checkName(v.name);
      const patch = {
        name: v.name,
        description: v.description,
        server: v.server === undefined ? undefined : checkServer(v.server),
        visibility: visibility(v.visibility),
        auth: auth(v.auth),
      };
      if (Object.values(patch).every((x) => x === undefined)) {
        throw usageError(`studio connectors update ${id} changes nothing; give --name, --description, --server, --visibility or --auth.`);
      }
      return { kind: key, connector: id, ...patch };
    }
    case 'studio connectors delete':
      operandsAtMost(1);
      return { kind: key, connector: connector() };
    case 'studio tools list':
      operandsAtMost(1);
      return { kind: key, connector: connector() };
    case 'studio tools call': {
      operandsAtMost(2);
      if (operands.length < 2) throw usageError('studio tools call needs CONNECTOR and TOOL.');
      return { kind: key, connector: operands[0], tool: operands[1], args: v.arg, argsJson: v['args-json'] };
    }
    default:
      throw usageError(
        `Unknown command: ${['studio', ...rest].join(' ')}. The studio commands are: studio connectors list|create|update|delete, studio tools list|call. ${HELP}`,
      );
  }
}

function checkName(name: string): void {
  if (!STUDIO_NAME.test(name)) throw usageError(`"${name}" is not a valid Studio connector name: use 1 to 64 letters, digits, "-" or "_".`);
}

function checkServer(server: string): string {
  let url: URL;
  try {
    url = new URL(server);
  } catch {
    throw usageError(`--server takes the MCP server's URL, e.g. https://mcp.example.com/mcp, not "${server}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usageError(`--server must be an http(s) URL, not "${server}".`);
  return server;
}

function visibility(value: string | undefined): StudioVisibility | undefined {
  if (value === undefined) return undefined;
  if (value === 'private' || value === 'shared_workspace') return value;
  throw usageError(`--visibility is private or shared_workspace, not "${value}".`);
}

function auth(value: string | undefined): StudioAuthMethod | undefined {
  if (value === undefined) return undefined;
  if (value === 'none' || value === 'bearer') return value;
  throw usageError(`--auth is none or bearer, not "${value}" (OAuth connectors are set up in Mistral Studio for now).`);
}
