import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/**
 * How built-in tools answer. A failure is a tool result with `isError`, not a thrown protocol
 * error: the model reads the reason (and the fix) and can go on with other evidence, which is
 * what the MCP specification asks of tool execution errors.
 */

/** A result as compact, readable JSON; `sources` are the URLs a report should cite. */
export function jsonResult(value: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(value, null, 1) }] };
}

export function textResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }] };
}

export function errorResult(message: string): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: message }] };
}

/** Runs a tool body and turns any thrown Error into an error result with its message. */
export async function guarded(body: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await body();
  } catch (err) {
    return errorResult(err instanceof Error ? err.message : String(err));
  }
}

/** Every built-in read tool: it changes nothing, and it talks to a service outside this machine. */
export const READ_ONLY_OPEN_WORLD = { readOnlyHint: true, openWorldHint: true } as const;
