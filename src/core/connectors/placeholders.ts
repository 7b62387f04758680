import type { ConnectorConfig } from './schema';

/**
 * `${secret:NAME}` and `${env:NAME}` placeholders. Files hold only the references;
 * values are resolved at connect time and never written back.
 */

/** Port: VS Code SecretStorage in the extension, the environment in the CLI. */
export interface SecretResolver {
  get(name: string): Promise<string | undefined>;
}

export interface PlaceholderContext {
  secrets: SecretResolver;
  env: Readonly<Record<string, string | undefined>>;
}

export class MissingValueError extends Error {
  constructor(
    readonly kind: 'secret' | 'env',
    readonly key: string,
  ) {
    super(
      kind === 'secret'
        ? `The secret "${key}" is not set. Run "Connector Auditor: Set Secret…" (or set the environment variable ${envNameForSecret(key)} for the CLI).`
        : `The environment variable ${key} is not set.`,
    );
    this.name = 'MissingValueError';
  }
}

/** The CLI reads `${secret:github-token}` from CONNECTOR_AUDITOR_SECRET_GITHUB_TOKEN. */
export function envNameForSecret(name: string): string {
  return `CONNECTOR_AUDITOR_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

const PLACEHOLDER = /\$\{(secret|env):([^}]+)\}/g;

export function hasPlaceholders(value: string): boolean {
  return new RegExp(PLACEHOLDER.source).test(value);
}

/** Names of all secrets a connector refers to, for "set secret" prompts and checks. */
export function referencedSecrets(config: ConnectorConfig): string[] {
  const names = new Set<string>();
  const visit = (v: unknown): void => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(PLACEHOLDER)) if (m[1] === 'secret') names.add(m[2]);
    } else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(config);
  return [...names];
}

/** Resolves placeholders in one string; `revealed` collects secret values so logs can redact them. */
export async function resolveString(value: string, ctx: PlaceholderContext, revealed: Set<string>): Promise<string> {
  const matches = [...value.matchAll(PLACEHOLDER)];
  if (matches.length === 0) return value;
  let out = '';
  let last = 0;
  for (const m of matches) {
    const [whole, kind, key] = m;
    const resolved = kind === 'secret' ? await ctx.secrets.get(key) : ctx.env[key];
    if (resolved === undefined) throw new MissingValueError(kind as 'secret' | 'env', key);
    if (kind === 'secret') revealed.add(resolved);
    out += value.slice(last, m.index) + resolved;
    last = (m.index ?? 0) + whole.length;
  }
  return out + value.slice(last);
}

async function resolveRecord(
  rec: Record<string, string> | undefined,
  ctx: PlaceholderContext,
  revealed: Set<string>,
): Promise<Record<string, string> | undefined> {
  if (!rec) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = await resolveString(v, ctx, revealed);
  return out;
}

export interface ResolvedConnection {
  command?: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  url?: string;
  /** Headers including those derived from `auth`. */
  headers: Record<string, string>;
  /** Secret values that were substituted; logs and errors redact them. */
  secrets: Set<string>;
}

/** Resolves every field that reaches a process or a server. */
export async function resolveConnection(config: ConnectorConfig, ctx: PlaceholderContext): Promise<ResolvedConnection> {
  const secrets = new Set<string>();
  const headers = (await resolveRecord(config.headers, ctx, secrets)) ?? {};
  const auth = config.auth;
  if (auth?.type === 'bearer') headers.Authorization = `Bearer ${await resolveString(auth.token, ctx, secrets)}`;
  if (auth?.type === 'apiKey') headers[auth.header] = await resolveString(auth.value, ctx, secrets);
  // Header values are credentials in practice even when typed in plain; treat them as such for redaction.
  for (const v of Object.values(headers)) if (v.length >= 8) secrets.add(v.replace(/^(Bearer|Basic)\s+/i, ''));
  return {
    command: config.command && (await resolveString(config.command, ctx, secrets)),
    args: await Promise.all((config.args ?? []).map((a) => resolveString(a, ctx, secrets))),
    env: await resolveRecord(config.env, ctx, secrets),
    cwd: config.cwd && (await resolveString(config.cwd, ctx, secrets)),
    url: config.url && (await resolveString(config.url, ctx, secrets)),
    headers,
    secrets,
  };
}
