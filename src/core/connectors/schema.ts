import { z } from 'zod';

/**
 * The connectors file format, shared by the private registry and `.vscode/connectors.json`.
 * Unknown keys are tolerated (and preserved on edit, since edits go through jsonc-parser),
 * so a newer version's fields never make an older one drop an entry.
 */

/** Same alphabet the model sees for namespaced tool names (`connector__tool`). */
export const CONNECTOR_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const connectorNameSchema = z.string().regex(CONNECTOR_NAME_PATTERN, 'use 1–64 letters, digits, "_" or "-"');

export const authSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bearer'), token: z.string().min(1) }),
  z.object({ type: z.literal('apiKey'), header: z.string().min(1), value: z.string().min(1) }),
  z.object({
    type: z.literal('oauth2'),
    clientId: z.string().min(1).optional(),
    clientSecret: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    redirectUri: z.string().optional(),
    /** An HTTPS URL of a Client ID Metadata Document (SEP-991), used where the server supports them. */
    clientMetadataUrl: z.string().url().optional(),
  }),
]);

export const toolConfigurationSchema = z
  .looseObject({
    include: z.array(z.string()).optional(),
    exclude: z.array(z.string()).optional(),
    requiresConfirmation: z.array(z.string()).optional(),
  })
  .refine((c) => !(c.include && c.exclude), {
    message: '"include" and "exclude" cannot both be set; keep one of them',
  });

export const timeoutsSchema = z.looseObject({
  /** Milliseconds to spawn/connect and finish MCP initialize. */
  connect: z.number().int().positive().optional(),
  /** Milliseconds for one tool call. */
  call: z.number().int().positive().optional(),
});

/**
 * Variables a stdio server gets from the parent's environment beyond the minimal default (see
 * core/mcp/childEnvironment.ts): "all", or names. A name, not a pattern, so what a person
 * approves is exactly what the server can read.
 */
export const inheritEnvSchema = z
  .union([z.literal('all'), z.array(z.string().regex(/^[^=\0]+$/, 'a variable name: no "=" and not empty'))])
  .describe(
    'Environment variables the server inherits beyond the default (HOME, PATH, locale, proxy, certificates…): "all", or a list of names. Secrets such as API keys are not passed unless named here.',
  );

export const TRANSPORTS = ['stdio', 'http', 'sse'] as const;
export type TransportKind = (typeof TRANSPORTS)[number];

export const connectorConfigSchema = z
  .looseObject({
    name: connectorNameSchema,
    description: z.string().optional(),
    transport: z.enum(TRANSPORTS).optional(),
    command: z.string().min(1).optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    inheritEnv: inheritEnvSchema.optional(),
    cwd: z.string().optional(),
    url: z.string().optional(),
    headers: z.record(z.string(), z.string()).optional(),
    auth: authSchema.optional(),
    toolConfiguration: toolConfigurationSchema.optional(),
    timeouts: timeoutsSchema.optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    const transport = c.transport ?? (c.command ? 'stdio' : c.url ? 'http' : undefined);
    if (!transport) {
      ctx.addIssue({ code: 'custom', message: 'give a "command" (stdio) or a "url" (http, sse)', path: [] });
      return;
    }
    if (transport === 'stdio' && !c.command) {
      ctx.addIssue({ code: 'custom', message: 'a stdio connector needs a "command"', path: ['command'] });
    }
    if (transport !== 'stdio') {
      if (!c.url) {
        ctx.addIssue({ code: 'custom', message: `an ${transport} connector needs a "url"`, path: ['url'] });
      } else if (!/^https?:\/\//i.test(c.url) && !c.url.startsWith('${')) {
        ctx.addIssue({ code: 'custom', message: 'the "url" must start with http:// or https://', path: ['url'] });
      }
    }
  });

export type ConnectorConfig = z.infer<typeof connectorConfigSchema>;
export type ToolConfiguration = z.infer<typeof toolConfigurationSchema>;
export type ConnectorAuth = z.infer<typeof authSchema>;

/** The file as a whole; entries are validated one by one so a bad entry does not hide good ones. */
export const connectorsFileSchema = z.looseObject({
  connectors: z.array(z.unknown()),
});

export type Visibility = 'builtin' | 'private' | 'shared_workspace';

export const DEFAULT_TIMEOUTS = { connect: 30_000, call: 60_000 } as const;

export function transportOf(c: ConnectorConfig): TransportKind {
  return c.transport ?? (c.command ? 'stdio' : 'http');
}
