import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { needsConfirmation, type ConfirmationDefault } from '../connectors/toolPolicy';
import { POLICY_ALWAYS_REASON } from '../tools/callPreamble';
import { flaggedToolReason } from '../tools/descriptionFlags';

/** A Studio connector's `tool_configuration` as the Conversations API takes it (camelCase, as the SDK names it). */
export interface StudioToolConfiguration {
  include?: string[];
  exclude?: string[];
  requiresConfirmation?: string[];
}

/**
 * The tool_configuration that makes Mistral pause a server-side call exactly where a local call
 * would ask: every tool the policy asks for (by its annotations), and every tool whose
 * description is flagged, whatever its annotations claim. Studio connectors have no local
 * configuration file, so nothing is listed or excluded by the person here; a front end that
 * lets the person narrow the set adds `include` / `exclude` itself.
 */
export function studioToolConfiguration(tools: readonly Tool[], policy: ConfirmationDefault): StudioToolConfiguration {
  const requiresConfirmation = tools
    .filter((t) => flaggedToolReason(t) !== undefined || needsConfirmation(t.name, t.annotations, undefined, policy))
    .map((t) => t.name);
  return requiresConfirmation.length ? { requiresConfirmation } : {};
}

/** Read after "it is": why Mistral holds a tool for confirmation when the tool (and so the local reason) is not known. */
export const STUDIO_CONFIRM_REASON = "held for confirmation by this Studio connector's tool configuration";

/**
 * Why a held Studio tool asks, in the words a direct call uses (callStudioTool): flagged, the
 * "always" policy, or not read-only; else the tool configuration itself (a front end may list
 * more tools than the policy does).
 */
export function studioConfirmReason(tool: Tool | undefined, policy: ConfirmationDefault): string {
  const flagged = tool ? flaggedToolReason(tool) : undefined;
  if (flagged) return flagged;
  if (policy === 'always') return POLICY_ALWAYS_REASON;
  if (tool && policy === 'unlessReadOnly' && tool.annotations?.readOnlyHint !== true) return 'not marked read-only by the server';
  return STUDIO_CONFIRM_REASON;
}
