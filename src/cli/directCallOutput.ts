import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { formatResult } from '../core/tools/resultFormat';
import type { ToolCallError } from '../core/tools/toolCallError';
import type { TerminalConfirmationPort } from './confirmationPrompt';
import { CliError, ExitCode, exitCodeForFailure } from './exitCodes';
import type { CliIo } from './io';
import { oneLine, printError, printJson } from './output';

/**
 * What `tools call` and `studio tools call` do after the call, whichever transport carried it
 * (a local session through ToolCaller, or Mistral Studio through callStudioTool): one failure
 * wording and exit code, one way of printing the result.
 */

/** A refused or failed call as the command's error. */
export function directCallFailure(err: ToolCallError, port: TerminalConfirmationPort, tool: string, signal: AbortSignal | undefined): CliError {
  // Ctrl+C while the prompt waits is an interruption, not an answer.
  if (signal?.aborted) return new CliError(ExitCode.interrupted, `Interrupted: The call to "${tool}" was cancelled.`);
  return new CliError(exitCodeForFailure(err.failure), describeFailure(err, port.denial, tool));
}

function describeFailure(err: ToolCallError, denial: TerminalConfirmationPort['denial'], tool: string): string {
  switch (err.failure) {
    case 'denied':
      return denial === 'not-interactive'
        ? `${err.message.replace(/\.$/, '')}: it requires confirmation and there is no terminal to ask; pass --yes to allow it.`
        : err.message;
    case 'cancelled':
      return `Interrupted: ${err.message}`;
    case 'invalid-arguments':
      return `${tool}: ${err.message}`;
    default:
      return err.message;
  }
}

/** Prints the result (as received with --json); a result that is an error exits 5 after printing it. */
export function printCallResult(
  io: Pick<CliIo, 'out' | 'err'>,
  json: boolean,
  call: { result: CallToolResult; durationMs: number; title: string; tool: string; subject: string },
): number {
  const { result } = call;
  if (json) printJson(io.out, result);
  else io.out(`${formatResult(result, { title: call.title, durationMs: call.durationMs })}\n`);
  if (!result.isError) return ExitCode.ok;
  printError(io.err, `"${call.tool}" on ${call.subject} reported an error${summary(result)}`);
  return ExitCode.toolError;
}

/** The first text of an error result, for the one-line message on stderr. */
function summary(result: CallToolResult): string {
  const text = result.content?.find((b) => b.type === 'text');
  return text && 'text' in text ? `: ${oneLine(text.text).slice(0, 200)}` : '.';
}
