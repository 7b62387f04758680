import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolConfiguration } from '../connectors/schema';
import { isToolIncluded, needsConfirmation, type ConfirmationDefault } from '../connectors/toolPolicy';
import { ArgumentsError, validateArguments, type JsonSchema } from './argumentSchema';
import type { ConfirmationGate, ConfirmationRequest } from './confirmation';
import { flaggedToolReason } from './descriptionFlags';
import { invisibleConfirmReason, invisibleFindings } from './confirmationText';
import { maskArguments } from './maskArguments';
import { ToolCallError } from './toolCallError';

/**
 * The rules every direct call passes before anything is sent, in one place for a local connector
 * (ToolCaller) and a Mistral Studio one (callStudioTool), so the two cannot drift apart: the tool
 * must exist and be included, the arguments must fit its schema, and whether to ask first and why.
 */

export interface CallTarget {
  connectorId: string;
  /** What the confirmation dialog calls the connector. */
  connectorLabel: string;
  /** How messages name the connector, e.g. `"faults"` or `Studio connector "everything"`. */
  subject: string;
  toolConfiguration?: ToolConfiguration;
}

/** The tool to call, or a ToolCallError saying why there is none to call. */
export function resolveTool(tools: readonly Tool[], target: CallTarget, toolName: string, args: Record<string, unknown>): Tool {
  const tool = tools.find((t) => t.name === toolName);
  if (!tool) {
    throw new ToolCallError('unknown-tool', `${target.subject} has no tool "${toolName}". It offers: ${tools.map((t) => t.name).join(', ') || 'no tools'}.`);
  }
  if (!isToolIncluded(toolName, target.toolConfiguration)) {
    throw new ToolCallError('excluded', `"${toolName}" is excluded by the toolConfiguration of ${target.subject}; include it to call it.`);
  }
  try {
    validateArguments(tool.inputSchema as JsonSchema, args);
  } catch (err) {
    if (err instanceof ArgumentsError) throw new ToolCallError('invalid-arguments', err.message);
    throw err;
  }
  return tool;
}

const HELD_REASON: Record<'new' | 'changed', string> = {
  changed: 'changed since you accepted it; review the change first',
  new: 'a new tool, not reviewed yet',
};

export interface ConfirmationContext {
  policy: ConfirmationDefault;
  /** A pinned tool that is new or changed since accepted: always asks. */
  held?: 'new' | 'changed';
  /** Ask whatever the policy says, for this reason (a flagged description, or the agent's own). */
  flaggedReason?: string;
}

/** Read after "it is" (the modal) or "It asks first:" (the CLI); every reason is worded to fit both. */
export const POLICY_ALWAYS_REASON = 'covered by the confirmation policy "always" (every tool asks first)';

/**
 * The flag reason by tool object, so a call does not rescan the description and its parameters
 * with every pattern: the objects are those of one tools/list answer and never change, and a new
 * listing brings new objects (and a fresh scan).
 */
const flaggedReasons = new WeakMap<Tool, { reason: string | undefined }>();

function flaggedReasonOf(tool: Tool): string | undefined {
  let entry = flaggedReasons.get(tool);
  if (!entry) {
    entry = { reason: flaggedToolReason(tool) };
    flaggedReasons.set(tool, entry);
  }
  return entry.reason;
}

/** The question to ask before calling, or undefined when the rules let the call go straight through. */
export function confirmationFor(tool: Tool, target: CallTarget, args: Record<string, unknown>, ctx: ConfirmationContext): ConfirmationRequest | undefined {
  const cfg = target.toolConfiguration;
  const masked = maskArguments(args) as Record<string, unknown>;
  // Characters nobody can see in what the dialog shows (names, argument keys and values): the
  // person is asked whatever the policy says, and the dialog marks and names them.
  const invisible = invisibleFindings(tool.name, target.connectorLabel, masked);
  const flagged = ctx.flaggedReason ?? flaggedReasonOf(tool) ?? (invisible.length ? invisibleConfirmReason(invisible) : undefined);
  if (!ctx.held && flagged === undefined && !needsConfirmation(tool.name, tool.annotations, cfg, ctx.policy)) return undefined;
  const reason = ctx.held
    ? HELD_REASON[ctx.held]
    : cfg?.requiresConfirmation?.includes(tool.name)
      ? 'listed in requiresConfirmation'
      : (flagged ?? (ctx.policy === 'always' ? POLICY_ALWAYS_REASON : 'not marked read-only by the server'));
  return {
    connectorId: target.connectorId,
    connectorLabel: target.connectorLabel,
    toolName: tool.name,
    args: masked,
    reason,
    readOnly: tool.annotations?.readOnlyHint === true,
    destructive: tool.annotations?.destructiveHint === true,
    ...(ctx.held ? { held: ctx.held } : {}),
  };
}

/** Asks when the rules say so; a refusal is a ToolCallError 'denied' naming the tool and connector. */
export async function confirmCall(
  gate: ConfirmationGate,
  tool: Tool,
  target: CallTarget,
  args: Record<string, unknown>,
  ctx: ConfirmationContext,
  signal?: AbortSignal,
): Promise<void> {
  const request = confirmationFor(tool, target, args, ctx);
  if (!request) return;
  if (!(await gate.request(request, signal))) throw new ToolCallError('denied', `Calling "${tool.name}" on ${target.subject} was denied.`);
}
