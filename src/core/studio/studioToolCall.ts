import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import { confirmCall, resolveTool, type CallTarget } from '../tools/callPreamble';
import type { ConfirmationGate } from '../tools/confirmation';
import type { StudioClient } from './studioClient';

export interface StudioToolCallRequest {
  client: StudioClient;
  /** The connector's name or id, as the person gave it. */
  connector: string;
  toolName: string;
  args: Record<string, unknown>;
  confirmations: ConfirmationGate;
  policy: ConfirmationDefault;
  signal?: AbortSignal;
}

export interface StudioToolCallOutcome {
  tool: Tool;
  result: CallToolResult;
  durationMs: number;
}

/**
 * A direct call of a Studio connector's tool with the rules of a local one: the tool must exist,
 * the arguments must fit its schema, and a tool that is not read-only (by the policy) or whose
 * description is flagged asks first. Studio connectors carry no local tool configuration, so
 * the policy and the server's annotations decide. Failures of the call itself are StudioErrors.
 */
export async function callStudioTool(req: StudioToolCallRequest): Promise<StudioToolCallOutcome> {
  const tools = await req.client.listTools(req.connector, req.signal);
  const target = studioCallTarget(req.connector);
  const tool = resolveTool(tools, target, req.toolName, req.args);
  await confirmCall(req.confirmations, tool, target, req.args, { policy: req.policy }, req.signal);
  const started = performance.now();
  const result = await req.client.callTool(req.connector, tool.name, req.args, req.signal);
  return { tool, result, durationMs: performance.now() - started };
}

/** How a Studio connector is named in confirmations and messages; its id is namespaced apart from local ones. */
export function studioCallTarget(connector: string): CallTarget {
  return { connectorId: `studio:${connector}`, connectorLabel: `${connector} (Mistral Studio)`, subject: `Studio connector "${connector}"` };
}
