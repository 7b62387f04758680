import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { isToolIncluded } from '../connectors/toolPolicy';
import type { PinCheck, ToolReview } from '../pins/toolPins';
import type { AttachedConnector } from './conversation';
import type { ModelTool } from './modelClient';
import { offerTool } from './toolDescription';
import { namespacedNames } from './toolNames';

/**
 * The connector tools a run offers: every included tool of every attached connector that is
 * ready, under its namespaced name, with the way back from that name to connector and tool.
 * The catalog is built once per run, so a tool result can never add a tool.
 */

/** Providers reject requests with more tools than this (OpenAI's and Mistral's limit). */
export const MAX_TOOLS = 128;

export interface CatalogEntry {
  modelName: string;
  attached: AttachedConnector;
  tool: Tool;
  /** Set when the tool's description was flagged: every call asks first, with this reason. */
  confirmReason?: string;
}

export interface ToolCatalog {
  tools: ModelTool[];
  byName: ReadonlyMap<string, CatalogEntry>;
  /** Connectors that offered nothing because they are not ready, and tools held by their pins, in words. */
  notices: string[];
}

export class TooManyToolsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TooManyToolsError';
  }
}

/**
 * Connects the attached connectors (concurrently) and lists their included tools.
 * `reserved` counts internal tools (submit_audit_report) against the limit.
 */
export async function buildToolCatalog(
  connectors: readonly AttachedConnector[],
  reserved: number,
  maxTools = MAX_TOOLS,
  pins?: PinCheck,
  allowWrites = true,
): Promise<ToolCatalog> {
  const notices: string[] = [];
  const listed = await Promise.all(
    connectors.map(async (attached) => {
      const tools = await attached.session.ensureReady({ signIn: true });
      const state = attached.session.state;
      if (state.status !== 'ready') {
        notices.push(`"${attached.connector.label}" is ${state.status}${state.error ? ` (${state.error})` : ''}; its tools are not offered.`);
        return [];
      }
      const cfg = attached.connector.config.toolConfiguration;
      const listed = tools.filter((t) => isToolIncluded(t.name, cfg));
      // An audit reads: a tool its server marks destructive (GitHub's create_issue, delete_file …) waits for the person's opt-in.
      // Not a notice: read-only is the default on every audit, and the report lists the tools offered.
      const writes = allowWrites ? [] : listed.filter((t) => t.annotations?.destructiveHint === true);
      const included = writes.length ? listed.filter((t) => !writes.includes(t)) : listed;
      const offered = pins ? await withoutHeld(attached, included, pins, notices) : included;
      return offered.map((tool) => ({ attached, tool }));
    }),
  );
  const entries = listed.flat();
  if (entries.length + reserved > maxTools) {
    const counts = listed
      .map((l, i) => ({ label: connectors[i].connector.label, n: l.length }))
      .filter((c) => c.n > 0)
      .map((c) => `${c.label}: ${c.n}`)
      .join(', ');
    throw new TooManyToolsError(
      `The attached connectors offer ${entries.length} tools (${counts})${reserved ? ` plus ${reserved} internal` : ''}; ` +
        `models accept at most ${maxTools}. Narrow the set: list only the tools the audit needs in a connector's ` +
        `"toolConfiguration.include" (or add the others to "exclude"), or attach fewer connectors.`,
    );
  }
  const names = namespacedNames(
    entries.map((e) => ({ connectorId: e.attached.connector.id, connectorName: e.attached.connector.name, toolName: e.tool.name })),
  );
  const byName = new Map<string, CatalogEntry>();
  const tools: ModelTool[] = entries.map((e, i) => {
    const offered = offerTool(e.attached.connector.label, e.tool);
    byName.set(names[i], { modelName: names[i], ...e, ...(offered.confirmReason ? { confirmReason: offered.confirmReason } : {}) });
    return { name: names[i], description: offered.description, parameters: offered.parameters };
  });
  return { tools, byName, notices };
}

/** Held tools (new, or changed since accepted) are not offered until the person accepts them. */
async function withoutHeld(attached: AttachedConnector, tools: Tool[], pins: PinCheck, notices: string[]): Promise<Tool[]> {
  let held: ToolReview[];
  try {
    held = (await pins.review(attached.connector, tools)).held;
  } catch (err) {
    notices.push(`"${attached.connector.label}": ${err instanceof Error ? err.message : String(err)} Its tools are not offered.`);
    return [];
  }
  if (held.length === 0) return tools;
  const names = (status: string) => held.filter((h) => h.status === status).map((h) => h.tool.name);
  const parts = [
    names('changed').length ? `changed since you accepted them: ${names('changed').join(', ')}` : '',
    names('new').length ? `new, not reviewed yet: ${names('new').join(', ')}` : '',
  ].filter(Boolean);
  notices.push(
    `"${attached.connector.label}": ${held.length} tool${held.length === 1 ? '' : 's'} held and not offered (${parts.join('; ')}); review and accept them to offer them.`,
  );
  const skip = new Set(held.map((h) => h.tool.name));
  return tools.filter((t) => !skip.has(t.name));
}
