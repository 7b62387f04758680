import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { needsConfirmation, type ConfirmationDefault } from '../../core/connectors/toolPolicy';
import { describeFlag, flagToolDescription } from '../../core/tools/descriptionFlags';

/** One row of `studio tools list --json`: as `tools list`, without the local-only include and pin columns. */
export interface StudioToolRow {
  connector: string;
  studio: true;
  name: string;
  description: string | null;
  inputSchema: Tool['inputSchema'];
  annotations: Tool['annotations'] | null;
  requiresConfirmation: boolean;
  warnings: string[];
}

export function studioToolRow(connector: string, tool: Tool, policy: ConfirmationDefault): StudioToolRow {
  const flags = flagToolDescription(tool);
  return {
    connector,
    studio: true,
    name: tool.name,
    description: tool.description ?? null,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations ?? null,
    // As for local tools: the policy and the server's annotations, and a flagged description always asks.
    requiresConfirmation: needsConfirmation(tool.name, tool.annotations, undefined, policy) || flags.length > 0,
    warnings: flags.map(describeFlag),
  };
}
