import type { ElicitRequestFormParams, ElicitResult } from '@modelcontextprotocol/sdk/types.js';

/** Answers to a server's request for input (MCP elicitation) when nobody is there to type. */

type Primitive = string | number | boolean | string[];

export function elicitationDefaults(schema: ElicitRequestFormParams['requestedSchema']): Record<string, Primitive> {
  const out: Record<string, Primitive> = {};
  for (const [key, prop] of Object.entries(schema.properties ?? {})) {
    if (prop && typeof prop === 'object' && 'default' in prop && prop.default !== undefined) out[key] = prop.default as Primitive;
  }
  return out;
}

/** Unattended (CLI --yes): accept with the defaults when they cover every required field, else decline. */
export function answerWithDefaults(params: ElicitRequestFormParams): ElicitResult {
  const content = elicitationDefaults(params.requestedSchema);
  const missing = (params.requestedSchema.required ?? []).filter((k) => !(k in content));
  return missing.length === 0 ? { action: 'accept', content } : { action: 'decline' };
}
