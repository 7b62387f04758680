import { createHash } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';

/**
 * What a pin covers: everything a server says about a tool that the model reads or that decides
 * how it is called. `title` and `outputSchema` are left out on purpose: the model never sees the
 * first, and the second describes results, which are untrusted data anyway.
 */
export interface ToolSnapshot {
  name: string;
  description?: string;
  inputSchema: unknown;
  annotations?: unknown;
}

export function toolSnapshot(tool: Tool): ToolSnapshot {
  const snap: ToolSnapshot = { name: tool.name, inputSchema: tool.inputSchema };
  if (tool.description !== undefined) snap.description = tool.description;
  if (tool.annotations !== undefined) snap.annotations = tool.annotations;
  return snap;
}

/** JSON with object keys sorted at every depth, so a server re-ordering keys is not a change. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export function hashSnapshot(snap: ToolSnapshot): string {
  const canonical = canonicalJson({
    name: snap.name,
    description: snap.description ?? null,
    inputSchema: snap.inputSchema ?? null,
    annotations: snap.annotations ?? null,
  });
  return `sha256:${createHash('sha256').update(canonical, 'utf8').digest('hex')}`;
}

/**
 * By tool object: pins review every tool of a connector on each call and each listing, and the
 * objects are those of one tools/list answer, never changed afterwards (nothing in the code
 * writes to a Tool); a new listing brings new objects and so new hashes.
 */
const hashes = new WeakMap<Tool, string>();

export function hashTool(tool: Tool): string {
  let hash = hashes.get(tool);
  if (hash === undefined) {
    hash = hashSnapshot(toolSnapshot(tool));
    hashes.set(tool, hash);
  }
  return hash;
}
