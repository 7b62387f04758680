import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../connectors/registry';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import { ConnectorError, isCredentialsFailure } from '../mcp/connectErrors';
import type { ConnectorSession } from '../mcp/session';
import { DEFAULT_TIMEOUTS } from '../connectors/schema';
import { childSignal } from '../util/childSignal';
import { confirmCall, resolveTool, type CallTarget } from './callPreamble';
import { ToolCallError } from './toolCallError';
import { PinFileError } from '../pins/pinFile';
import type { PinCheck } from '../pins/toolPins';
import type { ConfirmationGate } from './confirmation';

/**
 * A direct tool call with every rule applied in one place, for the palette, the tree, the CLI
 * and (later) the agent: the tool must exist and be included, arguments must match its schema,
 * confirmation is asked when policy says so, then the call runs with timeout, progress and
 * cancellation (sent to the server as notifications/cancelled).
 */

export { ToolCallError, type CallFailure } from './toolCallError';

export interface ToolCallRequest {
  connector: Connector;
  session: ConnectorSession;
  toolName: string;
  args: Record<string, unknown>;
  signal?: AbortSignal;
  timeoutMs?: number;
  onProgress?: (p: { progress: number; total?: number; message?: string }) => void;
  /** Ask first whatever the policy says, for this reason (the agent sets it for a tool whose description was flagged). */
  confirmReason?: string;
}

export interface ToolCallOutcome {
  tool: Tool;
  result: CallToolResult;
  durationMs: number;
}

export interface ToolCallerOptions {
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  /** Tool pins: a held tool (new, or changed since accepted) always asks first, whatever the policy. */
  pins?: PinCheck;
}

export class ToolCaller {
  constructor(private readonly options: ToolCallerOptions) {}

  async call(req: ToolCallRequest): Promise<ToolCallOutcome> {
    const { connector, session, toolName, args } = req;
    const tools = await session.ensureReady({ signIn: true });
    if (session.state.status !== 'ready') {
      const error = session.state.error ?? `"${connector.label}" is ${session.state.status}.`;
      throw new ToolCallError(isCredentialsFailure(error) ? 'auth' : 'connector', error);
    }
    const target: CallTarget = {
      connectorId: connector.id,
      connectorLabel: connector.label,
      subject: `"${connector.label}"`,
      toolConfiguration: connector.config.toolConfiguration,
    };
    const tool = resolveTool(tools, target, toolName, args);
    const held = await this.heldStatus(connector, tools, toolName);
    await confirmCall(this.options.confirmations, tool, target, args, { policy: this.options.policy(), held, flaggedReason: req.confirmReason }, req.signal);

    const timeoutMs = req.timeoutMs ?? connector.config.timeouts?.call ?? DEFAULT_TIMEOUTS.call;
    const started = performance.now();
    // A signal of its own per call: the SDK never removes the listener it adds to a request's signal.
    const child = req.signal ? childSignal(req.signal) : undefined;
    try {
      const result = await session.callTool(toolName, args, { signal: child?.signal, timeoutMs, onProgress: req.onProgress });
      return { tool, result, durationMs: performance.now() - started };
    } catch (err) {
      throw this.describe(err, req, timeoutMs);
    } finally {
      child?.dispose();
    }
  }

  private async heldStatus(connector: Connector, tools: readonly Tool[], toolName: string): Promise<'new' | 'changed' | undefined> {
    if (!this.options.pins) return undefined;
    try {
      const status = (await this.options.pins.review(connector, tools)).tools.find((r) => r.tool.name === toolName)?.status;
      return status === 'trusted' ? undefined : status;
    } catch (err) {
      // Without readable pins nothing says the tool is the one the person accepted: refuse.
      if (err instanceof PinFileError) throw new ToolCallError('pins', err.message);
      throw err;
    }
  }

  private describe(err: unknown, req: ToolCallRequest, timeoutMs: number): ToolCallError {
    if (req.signal?.aborted) return new ToolCallError('cancelled', `The call to "${req.toolName}" was cancelled.`);
    if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
      return new ToolCallError(
        'timeout',
        `"${req.toolName}" did not answer within ${timeoutMs / 1000} s; raise "timeouts.call" (or --timeout) if it is just slow.`,
      );
    }
    if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
      return new ToolCallError('connector', req.session.state.error ?? `"${req.connector.label}" closed the connection during the call.`);
    }
    if (err instanceof ConnectorError) return new ToolCallError(isCredentialsFailure(err.message) ? 'auth' : 'connector', err.message);
    const message = err instanceof Error ? err.message : String(err);
    return new ToolCallError('protocol', `"${req.toolName}" failed: ${message}`);
  }
}
