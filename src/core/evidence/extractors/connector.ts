import { z } from 'zod';
import type { Extraction, Signal } from '../signals';
import { note } from './extractor';

/**
 * A connector's own tools, as the host sees them: the description flags of
 * core/tools/descriptionFlags.ts and the pin state of core/pins/. This evidence comes from our
 * code (the tool list and the pin file), not from a tool result, so it has its own input and
 * no tool of any server can forge it.
 */

export const connectorEvidenceSchema = z.object({
  connector: z.string().min(1),
  /** What the report cites, e.g. "tools/list of acme" or a call id. */
  callId: z.string().min(1).default('tools/list'),
  tools: z.array(
    z.object({
      name: z.string(),
      flags: z.array(z.object({ kind: z.string(), detail: z.string() })).default([]),
      /** 'changed': description or schema differ from the pin; 'new': never pinned. */
      pin: z.enum(['pinned', 'changed', 'new']).optional(),
    }),
  ),
});

export type ConnectorEvidence = z.input<typeof connectorEvidenceSchema>;

export function extractConnector(input: unknown): Extraction {
  const parsed = connectorEvidenceSchema.safeParse(input);
  if (!parsed.success) {
    const call = { callId: 'tools/list', tool: 'tools/list', args: {}, now: 0 };
    return {
      signals: [],
      notes: [note(call, 'unreadable', `A connector's tool list did not have the expected shape (${parsed.error.issues[0]?.message}); it was not used.`)],
    };
  }
  const { connector, callId, tools } = parsed.data;
  const subject = { kind: 'connector' as const, id: connector };
  const source = { callId };
  const signals: Signal[] = [];
  for (const t of tools) {
    for (const f of t.flags) signals.push({ id: 'tool.description_flag', subject, value: { tool: t.name, flag: f.kind, detail: f.detail }, source });
    if (t.pin === 'changed' || t.pin === 'new') signals.push({ id: 'tool.unpinned_change', subject, value: { tool: t.name, change: t.pin }, source });
  }
  // The tool list itself was read: without this marker a connector with clean tools looks unchecked.
  signals.push({ id: 'connector.tools_checked', subject, value: { tools: tools.length }, source });
  return { signals, notes: [] };
}
