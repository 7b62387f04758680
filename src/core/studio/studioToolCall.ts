import type { CallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import { needsConfirmation, type ConfirmationDefault } from '../connectors/toolPolicy';
import { ArgumentsError, validateArguments, type JsonSchema } from '../tools/argumentSchema';
import type { ConfirmationGate } from '../tools/confirmation';
import { flaggedToolReason } from '../tools/descriptionFlags';
import { maskArguments } from '../tools/maskArguments';
import { ToolCallError } from '../tools/toolCaller';
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
}

/**
 * A direct call of a Studio connector's tool with the rules of a local one: the tool must exist,
 * the arguments must fit its schema, and a tool that is not read-only (by the policy) or whose
 * description is flagged asks first. Studio connectors carry no local tool configuration, so
 * the policy and the server's annotations decide. Failures of the call itself are StudioErrors.
 */
export async function callStudioTool(req: StudioToolCallRequest): Promise<StudioToolCallOutcome> {
  const tools = await req.client.listTools(req.connector, req.signal);
  const tool = tools.find((t) => t.name === req.toolName);
  if (!tool) {
    const names = tools.map((t) => t.name).slice(0, 20).join(', ');
    throw new ToolCallError('unknown-tool', `Studio connector "${req.connector}" has no tool "${req.toolName}"${names ? ` (it has: ${names})` : ''}.`);
  }
  try {
    validateArguments(tool.inputSchema as JsonSchema, req.args);
  } catch (err) {
    if (err instanceof ArgumentsError) throw new ToolCallError('invalid-arguments', err.message);
    throw err;
  }
  const flagged = flaggedToolReason(tool);
  if (flagged !== undefined || needsConfirmation(tool.name, tool.annotations, undefined, req.policy)) {
    const reason = flagged ?? (req.policy === 'always' ? 'every tool asks first (policy "always")' : 'not marked read-only by the server');
    const allowed = await req.confirmations.request(
      {
        connectorId: `studio:${req.connector}`,
        connectorLabel: `${req.connector} (Mistral Studio)`,
        toolName: tool.name,
        args: maskArguments(req.args) as Record<string, unknown>,
        reason,
        readOnly: tool.annotations?.readOnlyHint === true,
        destructive: tool.annotations?.destructiveHint === true,
      },
      req.signal,
    );
    if (!allowed) throw new ToolCallError('denied', `Calling "${tool.name}" on Studio connector "${req.connector}" was denied.`);
  }
  const result = await req.client.callTool(req.connector, tool.name, req.args, req.signal);
  return { tool, result };
}
