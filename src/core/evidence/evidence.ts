import { z } from 'zod';

/**
 * One tool result of a run, as the engine reads it. The engine never calls a tool: the run hands
 * it what the tools returned, keyed by the call id the transcript already uses, so every signal
 * can point back at the call (and the URL) it came from.
 */

/** The MCP CallToolResult as far as the engine reads it: its text blocks, or structured content. */
const callToolResultSchema = z.looseObject({
  isError: z.boolean().optional(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string().optional() })).optional(),
  structuredContent: z.unknown().optional(),
});

export const evidenceSchema = z.object({
  callId: z.string().min(1),
  /** The connector's built-in name (github, supply_chain, workspace) or a connector's name for connector checks. */
  connector: z.string().min(1),
  tool: z.string().min(1),
  /** The name the model called it by (connector__tool), which a report may cite as "tool NAME". */
  name: z.string().optional(),
  args: z.record(z.string(), z.unknown()).default({}),
  /** A CallToolResult, its text, or already-parsed JSON. */
  result: z.unknown(),
  sources: z.array(z.string()).optional(),
  /** Run by the backend's server (a Studio connector, Mistral's web_search): only its name and a preview are known here. */
  serverSide: z.boolean().optional(),
});

export type Evidence = z.input<typeof evidenceSchema>;

/** What a result says, once read: parsed JSON, plain text, or a tool error. */
export type ResultBody = { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | { kind: 'error'; text: string };

/** Reads a result without trusting it: anything unreadable is text, never a throw. */
export function readResult(result: unknown): ResultBody {
  if (typeof result === 'string') return fromText(result, false);
  const parsed = callToolResultSchema.safeParse(result);
  if (parsed.success && (parsed.data.content || parsed.data.structuredContent !== undefined)) {
    const text = (parsed.data.content ?? [])
      .filter((b) => b.type === 'text' && typeof b.text === 'string')
      .map((b) => b.text)
      .join('\n');
    if (text === '' && parsed.data.structuredContent !== undefined && !parsed.data.isError) return { kind: 'json', value: parsed.data.structuredContent };
    const whole = fromText(text, parsed.data.isError === true);
    if (whole.kind !== 'text') return whole;
    // A JSON answer followed by a note in a block of its own (the workspace's "not trusted" line).
    for (const block of parsed.data.content ?? []) {
      if (block.type !== 'text' || typeof block.text !== 'string') continue;
      const one = fromText(block.text, false);
      if (one.kind === 'json') return one;
    }
    return whole;
  }
  return { kind: 'json', value: result };
}

function fromText(text: string, isError: boolean): ResultBody {
  if (isError) return { kind: 'error', text };
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      return { kind: 'json', value: JSON.parse(trimmed) };
    } catch {
      return { kind: 'text', text };
    }
  }
  return { kind: 'text', text };
}
