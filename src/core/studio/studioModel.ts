import { CallToolResultSchema, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { StudioError } from './studioError';

/**
 * The parts of Mistral Studio's answers this extension relies on, checked with zod after the SDK
 * has parsed them (the SDK's models are looser than what the tree and the CLI assume: open enums,
 * `any` records, a tools list that may be of plain objects).
 */

export const STUDIO_VISIBILITIES = ['private', 'shared_workspace'] as const;
export type StudioVisibility = (typeof STUDIO_VISIBILITIES)[number];
export const STUDIO_AUTH_METHODS = ['none', 'bearer'] as const;
export type StudioAuthMethod = (typeof STUDIO_AUTH_METHODS)[number];

export interface StudioConnector {
  id: string;
  name: string;
  title?: string;
  description: string;
  /** The MCP server's URL (absent for Mistral's own built-in connectors). */
  server?: string;
  /** private / shared_workspace, or what else the organisation uses (shared_org, shared_global). */
  visibility: string;
  /** Authentication methods it supports: none, bearer, oauth2, … */
  authMethods: string[];
  createdAt: string;
  modifiedAt: string;
}

/** What a person gives to create a Studio connector. */
export interface StudioConnectorInput {
  name: string;
  description: string;
  server: string;
  visibility?: StudioVisibility;
  auth?: StudioAuthMethod;
  title?: string;
}

/** What may change; absent fields stay as they are. */
export type StudioConnectorPatch = Partial<StudioConnectorInput>;

/** Studio's naming rule, checked before a request so the person is told at once. */
export const STUDIO_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const date = z.union([z.date(), z.string()]).transform((d) => (d instanceof Date ? d.toISOString() : d));

const ConnectorSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  title: z.string().nullish(),
  description: z.string().nullish(),
  server: z.string().nullish(),
  visibility: z.string(),
  supportedAuthMethods: z.array(z.object({ methodType: z.string() }).passthrough()).nullish(),
  createdAt: date,
  modifiedAt: date,
});

export function toStudioConnector(value: unknown): StudioConnector {
  const c = read(ConnectorSchema, value, 'a connector');
  return {
    id: c.id,
    name: c.name,
    ...(c.title ? { title: c.title } : {}),
    description: c.description ?? '',
    ...(c.server ? { server: c.server } : {}),
    visibility: c.visibility,
    authMethods: (c.supportedAuthMethods ?? []).map((m) => m.methodType),
    createdAt: c.createdAt,
    modifiedAt: c.modifiedAt,
  };
}

const ToolSchema = z
  .object({
    name: z.string().min(1),
    title: z.string().nullish(),
    description: z.string().nullish(),
    inputSchema: z.record(z.string(), z.unknown()).nullish(),
    annotations: z.record(z.string(), z.unknown()).nullish(),
  })
  .passthrough();

/** A Studio tool as the MCP Tool the rest of the code lists, types arguments for and asks about. */
export function toMcpTool(value: unknown): Tool {
  const t = read(ToolSchema, value, 'a tool');
  const schema = t.inputSchema && t.inputSchema.type === 'object' ? t.inputSchema : { type: 'object', properties: {} };
  return {
    name: t.name,
    ...(t.title ? { title: t.title } : {}),
    ...(t.description ? { description: t.description } : {}),
    inputSchema: schema as Tool['inputSchema'],
    ...(t.annotations ? { annotations: t.annotations as Tool['annotations'] } : {}),
  };
}

const CallResponseSchema = z.object({
  content: z.array(z.record(z.string(), z.unknown())),
  metadata: z
    .object({
      mcpMeta: z
        .object({ isError: z.boolean().optional(), structuredContent: z.record(z.string(), z.unknown()).nullish() })
        .passthrough()
        .nullish(),
    })
    .passthrough()
    .nullish(),
});

/**
 * `callTool`'s answer as an MCP CallToolResult (what formatResult renders): the SDK renames each
 * block's `_meta` to `meta`, which is dropped here; isError and structuredContent come from
 * `metadata.mcp_meta`, where Studio carries the MCP server's own.
 */
export function toCallToolResult(value: unknown): CallToolResult {
  const r = read(CallResponseSchema, value, 'a tool result');
  const content = r.content.map(({ meta: _meta, ...block }) => block);
  const meta = r.metadata?.mcpMeta;
  return read(
    CallToolResultSchema,
    {
      content,
      ...(meta?.isError ? { isError: true } : {}),
      ...(meta?.structuredContent ? { structuredContent: meta.structuredContent } : {}),
    },
    'a tool result',
  );
}

/** An answer that does not have the shape relied on is the server's fault, said as such. */
function read<T extends z.ZodType>(schema: T, value: unknown, what: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new StudioError('server', `Mistral Studio sent ${what} that cannot be read (${issue?.path.join('.') || 'value'}: ${issue?.message ?? 'invalid'}).`);
}
