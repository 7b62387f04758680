import { ErrorCode, McpError, type CallToolResult, type Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../connectors/registry';
import { isToolIncluded, needsConfirmation, type ConfirmationDefault } from '../connectors/toolPolicy';
import { ConnectorError, isCredentialsFailure } from '../mcp/connectErrors';
import type { ConnectorSession } from '../mcp/session';
import { DEFAULT_TIMEOUTS } from '../connectors/schema';
import { childSignal } from '../util/childSignal';
import { ArgumentsError, validateArguments, type JsonSchema } from './argumentSchema';
import { PinFileError } from '../pins/pinFile';
import type { PinCheck, PinStatus } from '../pins/toolPins';
import type { ConfirmationGate } from './confirmation';
import { flaggedToolReason } from './descriptionFlags';
import { maskArguments } from './maskArguments';

/**
 * A direct tool call with every rule applied in one place, for the palette, the tree, the CLI
 * and (later) the agent: the tool must exist and be included, arguments must match its schema,
 * confirmation is asked when policy says so, then the call runs with timeout, progress and
 * cancellation (sent to the server as notifications/cancelled).
 */

export type CallFailure =
  | 'unknown-tool'
  | 'excluded'
  | 'invalid-arguments'
  | 'denied'
  | 'connector'
  | 'auth'
  | 'timeout'
  | 'cancelled'
  | 'protocol'
  | 'pins';

export class ToolCallError extends Error {
  constructor(
    readonly failure: CallFailure,
    message: string,
  ) {
    super(message);
    this.name = 'ToolCallError';
  }
}

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

const HELD_REASON: Record<Exclude<PinStatus, 'trusted'>, string> = {
  changed: 'changed since you accepted it; review the change first',
  new: 'a new tool, not reviewed yet',
};

export class ToolCaller {
  constructor(private readonly options: ToolCallerOptions) {}

  async call(req: ToolCallRequest): Promise<ToolCallOutcome> {
    const { connector, session, toolName, args } = req;
    const tools = await session.ensureReady({ signIn: true });
    if (session.state.status !== 'ready') {
      const error = session.state.error ?? `"${connector.label}" is ${session.state.status}.`;
      throw new ToolCallError(isCredentialsFailure(error) ? 'auth' : 'connector', error);
    }
    const tool = tools.find((t) => t.name === toolName);
    if (!tool) {
      throw new ToolCallError('unknown-tool', `"${connector.label}" has no tool "${toolName}". It offers: ${tools.map((t) => t.name).join(', ') || 'no tools'}.`);
    }
    const cfg = connector.config.toolConfiguration;
    if (!isToolIncluded(toolName, cfg)) {
      throw new ToolCallError('excluded', `"${toolName}" is excluded by the toolConfiguration of "${connector.label}"; include it to call it.`);
    }
    try {
      validateArguments(tool.inputSchema as JsonSchema, args);
    } catch (err) {
      if (err instanceof ArgumentsError) throw new ToolCallError('invalid-arguments', err.message);
      throw err;
    }

    const held = await this.heldStatus(connector, tools, toolName);
    const policy = this.options.policy();
    const flagged = req.confirmReason ?? flaggedToolReason(tool);
    if (held || flagged !== undefined || needsConfirmation(toolName, tool.annotations, cfg, policy)) {
      const listed = cfg?.requiresConfirmation?.includes(toolName);
      const reason = held
        ? HELD_REASON[held]
        : listed
          ? 'listed in requiresConfirmation'
          : (flagged ?? (policy === 'always' ? 'every tool asks first (policy "always")' : 'not marked read-only by the server'));
      const allowed = await this.options.confirmations.request(
        {
          connectorId: connector.id,
          connectorLabel: connector.label,
          toolName,
          args: maskArguments(args) as Record<string, unknown>,
          reason,
          readOnly: tool.annotations?.readOnlyHint === true,
          destructive: tool.annotations?.destructiveHint === true,
          ...(held ? { held } : {}),
        },
        req.signal,
      );
      if (!allowed) throw new ToolCallError('denied', `Calling "${toolName}" on "${connector.label}" was denied.`);
    }

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
      return new ToolCallError('timeout', `"${req.toolName}" did not answer within ${timeoutMs / 1000} s; raise "timeouts.call" (or --timeout) if it is just slow.`);
    }
    if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
      return new ToolCallError('connector', req.session.state.error ?? `"${req.connector.label}" closed the connection during the call.`);
    }
    if (err instanceof ConnectorError) return new ToolCallError(isCredentialsFailure(err.message) ? 'auth' : 'connector', err.message);
    const message = err instanceof Error ? err.message : String(err);
    return new ToolCallError('protocol', `"${req.toolName}" failed: ${message}`);
  }
}
