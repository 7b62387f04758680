import type { CallFailure } from '../core/tools/toolCaller';
import { isCredentialsFailure } from '../core/mcp/connectErrors';

/**
 * The CLI's exit codes (the MCP Inspector CLI's where they overlap), and the one error type a
 * command throws to end with one of them. The message is printed on stderr as one line.
 */
export const ExitCode = {
  ok: 0,
  /**
   * Usage or configuration error: bad flags, unknown connector or tool, invalid arguments, a broken
   * file, a connector of an untrusted ./.vscode/connectors.json (the fix is a flag, not a retry).
   */
  usage: 1,
  /** `audit`: the verdict is at or past --fail-on (AVOID by default; ADOPT WITH CAUTION with --fail-on caution). */
  verdict: 2,
  /** The connector needs credentials it did not get or that were refused. */
  auth: 3,
  /** The connector could not be reached, failed to start, or went away. */
  unreachable: 4,
  /** The tool answered with isError, or the server broke the protocol. */
  toolError: 5,
  /** A tool that requires confirmation was not allowed to run. */
  denied: 6,
  timeout: 7,
  /** `audit`: the run ended without a verdict (no report after the reminder, or the step limit). */
  noVerdict: 8,
  /** Ctrl+C (SIGINT): the call was cancelled. */
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export class CliError extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usageError(message: string): CliError {
  return new CliError(ExitCode.usage, message);
}

const BY_FAILURE: Record<CallFailure, number> = {
  'unknown-tool': ExitCode.usage,
  excluded: ExitCode.usage,
  'invalid-arguments': ExitCode.usage,
  denied: ExitCode.denied,
  connector: ExitCode.unreachable,
  auth: ExitCode.auth,
  timeout: ExitCode.timeout,
  cancelled: ExitCode.interrupted,
  protocol: ExitCode.toolError,
  pins: ExitCode.usage,
};

export function exitCodeForFailure(failure: CallFailure): number {
  return BY_FAILURE[failure];
}

/** A session's one-line error as an exit code, by the same test ToolCaller uses. */
export function exitCodeForSessionError(error: string | undefined): number {
  return isCredentialsFailure(error) ? ExitCode.auth : ExitCode.unreachable;
}
