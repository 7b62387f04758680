import { maskArgs, maskUrl, maskValue } from '../util/redact';
import { transportOf, type ConnectorConfig } from './schema';

/** Human-readable summaries of connectors and tool schemas, with secrets masked. Pure, for every front end. */

const TRANSPORT_WORDS = { stdio: 'stdio (local process)', http: 'Streamable HTTP', sse: 'SSE' } as const;

export function describeTransport(config: ConnectorConfig): string {
  return TRANSPORT_WORDS[transportOf(config)];
}

/** The command line or URL, safe to show. */
export function describeTarget(config: ConnectorConfig): string {
  if (transportOf(config) === 'stdio') {
    return [config.command ?? '', ...maskArgs(config.args ?? [])].map(quoteIfNeeded).join(' ');
  }
  return config.url ? maskUrl(config.url) : '';
}

export function describeEnv(config: ConnectorConfig): string[] {
  return Object.entries(config.env ?? {}).map(([k, v]) => `${k}=${maskValue(v)}`);
}

export function describeHeaders(config: ConnectorConfig): string[] {
  const lines = Object.keys(config.headers ?? {}).map((k) => `${k}: ${maskValue(config.headers![k])}`);
  const auth = config.auth;
  if (auth?.type === 'bearer') lines.push(`Authorization: Bearer ${maskValue(auth.token)}`);
  if (auth?.type === 'apiKey') lines.push(`${auth.header}: ${maskValue(auth.value)}`);
  return lines;
}

/** How an OAuth connector signs in (no secret in it); undefined for the others, whose auth is a header. */
export function describeOAuth(config: ConnectorConfig): string | undefined {
  const auth = config.auth;
  if (auth?.type !== 'oauth2') return undefined;
  const client = auth.clientId ? `client ${auth.clientId}` : auth.clientMetadataUrl ? `client ${auth.clientMetadataUrl}` : 'registers itself';
  return [`OAuth 2.1, ${client}`, auth.scopes?.length ? `scopes ${auth.scopes.join(' ')}` : ''].filter(Boolean).join('; ');
}

function quoteIfNeeded(s: string): string {
  return /[\s"']/.test(s) ? JSON.stringify(s) : s;
}

export interface SchemaField {
  name: string;
  type: string;
  required: boolean;
  description?: string;
}

type JsonSchemaLike = {
  type?: unknown;
  properties?: Record<string, unknown>;
  required?: unknown;
  enum?: unknown;
  items?: unknown;
  description?: unknown;
  $ref?: unknown;
  anyOf?: unknown;
  oneOf?: unknown;
};

function typeOf(schema: unknown): string {
  if (!schema || typeof schema !== 'object') return 'any';
  const s = schema as JsonSchemaLike;
  if (Array.isArray(s.enum))
    return (
      s.enum
        .slice(0, 6)
        .map((v) => JSON.stringify(v))
        .join(' | ') + (s.enum.length > 6 ? ' | …' : '')
    );
  if (typeof s.$ref === 'string') return s.$ref.split('/').pop() ?? 'object';
  const union = Array.isArray(s.anyOf) ? s.anyOf : Array.isArray(s.oneOf) ? s.oneOf : undefined;
  if (union) return union.map(typeOf).join(' | ');
  if (Array.isArray(s.type)) return s.type.join(' | ');
  if (s.type === 'array') return `${typeOf(s.items)}[]`;
  return typeof s.type === 'string' ? s.type : 'any';
}

/** The top-level fields of a tool's input schema, required first. */
export function summarizeInputSchema(schema: unknown): SchemaField[] {
  if (!schema || typeof schema !== 'object') return [];
  const s = schema as JsonSchemaLike;
  const required = new Set(Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : []);
  const fields = Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    type: typeOf(prop),
    required: required.has(name),
    description: typeof (prop as JsonSchemaLike)?.description === 'string' ? ((prop as JsonSchemaLike).description as string) : undefined,
  }));
  return fields.sort((a, b) => Number(b.required) - Number(a.required));
}

/** First sentence or line of a description, for one-line places. */
export function firstLine(text: string | undefined, max = 120): string {
  if (!text) return '';
  const line = text.trim().split(/\r?\n/)[0];
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
