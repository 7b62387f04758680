import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { OAuthError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { MissingValueError } from '../connectors/placeholders';
import type { ProcessExit } from './stdioProcessTransport';

/**
 * Turns whatever a failed connection threw into one sentence a person can act on:
 * the cause, and where it helps, the fix.
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    /** Extra lines (stderr tail) shown in tooltips and logs, not in the one-line status. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'ConnectorError';
  }
}

export interface ConnectContext {
  command?: string;
  url?: string;
  connectTimeoutMs: number;
  exit?: ProcessExit;
  stderr?: readonly string[];
  garbage?: string;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function networkCause(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

export function describeConnectError(err: unknown, ctx: ConnectContext): ConnectorError {
  if (err instanceof ConnectorError) return err;
  const details = ctx.stderr?.length ? [...ctx.stderr] : [];
  const tail = details.length ? ` Last output: ${details[details.length - 1]}` : '';
  const garbage = ctx.garbage
    ? ` It wrote non-protocol output on stdout ("${ctx.garbage.slice(0, 80)}"); an MCP stdio server must write only JSON-RPC there and log to stderr.`
    : '';

  if (err instanceof MissingValueError) return new ConnectorError(err.message);

  const spawnError = ctx.exit?.spawnError;
  if (spawnError?.code === 'ENOENT') {
    // On Windows the command is resolved before spawning, and that message says what was searched.
    const what = spawnError.message.startsWith('Command not found:') ? spawnError.message.replace(/\.$/, '') : `Command not found: "${ctx.command}"`;
    return new ConnectorError(`${what}. Install it, or give its absolute path in "command".`, details);
  }
  if (spawnError?.code === 'EACCES') {
    return new ConnectorError(`Cannot run "${ctx.command}": permission denied. Make it executable.`, details);
  }
  if (spawnError) return new ConnectorError(`Cannot start "${ctx.command}": ${spawnError.message}`, details);

  if (ctx.exit && !spawnError) {
    const how = ctx.exit.signal ? `was killed by ${ctx.exit.signal}` : `exited with code ${ctx.exit.code}`;
    return new ConnectorError(`The server ${how} during start-up.${tail}${garbage}`, details);
  }

  if (err instanceof McpError && err.code === ErrorCode.RequestTimeout) {
    return new ConnectorError(
      `The server did not finish initializing within ${seconds(ctx.connectTimeoutMs)}.${garbage} If it is just slow to start, raise "timeouts.connect".`,
      details,
    );
  }
  if (err instanceof McpError && err.code === ErrorCode.ConnectionClosed) {
    return new ConnectorError(`The server closed the connection during start-up.${tail}${garbage}`, details);
  }

  if (err instanceof UnauthorizedError) {
    return new ConnectorError(`${ctx.url} refused access (OAuth)${err.message && err.message !== 'Unauthorized' ? `: ${err.message}` : ''}. Sign in again.`);
  }
  if (err instanceof OAuthError) {
    return new ConnectorError(`Signing in to ${ctx.url} failed (OAuth ${err.errorCode}${err.message ? `: ${err.message}` : ''}).`);
  }

  const httpCode = err instanceof StreamableHTTPError || err instanceof SseError ? err.code : undefined;
  if (httpCode === 401 || httpCode === 403) {
    return new ConnectorError(`${ctx.url} refused the credentials (HTTP ${httpCode}). Check the connector's "auth" or "headers".`);
  }
  if (httpCode && httpCode >= 400) {
    return new ConnectorError(`${ctx.url} answered HTTP ${httpCode}. Is this the MCP endpoint (often ending in /mcp or /sse)?`);
  }

  const contentType = /Unexpected content type: ([^\s;]+)/.exec(err instanceof Error ? err.message : '');
  if (contentType) {
    return new ConnectorError(`${ctx.url} answered with ${contentType[1]}, not MCP. Is this the MCP endpoint (often ending in /mcp or /sse)?`);
  }

  const net = networkCause(err);
  if (net === 'ECONNREFUSED') return new ConnectorError(`Cannot reach ${ctx.url}: connection refused. Is the server running?`);
  if (net === 'ENOTFOUND' || net === 'EAI_AGAIN') return new ConnectorError(`Cannot reach ${ctx.url}: unknown host.`);
  if (net === 'ECONNRESET') return new ConnectorError(`${ctx.url} reset the connection.`);
  if (net?.startsWith('ERR_TLS') || net?.includes('CERT')) {
    return new ConnectorError(`TLS error talking to ${ctx.url} (${net}).`);
  }

  const message = err instanceof Error ? err.message : String(err);
  return new ConnectorError(`${message}${tail}${garbage}`, details);
}

/** Describes a running server going away, for the status line. */
export function describeUnexpectedExit(exit: ProcessExit | undefined, stderr: readonly string[]): ConnectorError {
  const how = exit?.signal ? `was killed by ${exit.signal}` : exit ? `exited with code ${exit.code}` : 'closed the connection';
  const last = stderr.length ? stderr[stderr.length - 1].trim() : '';
  const tail = last ? ` Last output: ${last}${/[.!?]$/.test(last) ? '' : '.'}` : '';
  return new ConnectorError(`The server ${how}.${tail} Reconnect to start it again.`, [...stderr]);
}

/**
 * Whether a connector's error means its credentials are missing or refused (front ends map it
 * to "authentication required"). One test here, so the palette, the CLI and the agent agree.
 */
export function isCredentialsFailure(message: string | undefined): boolean {
  return /\b(401|403)\b|credentials|OAuth/.test(message ?? '');
}
