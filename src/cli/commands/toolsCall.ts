import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../../core/connectors/registry';
import { ArgumentsError, coerceKeyValues, type JsonSchema } from '../../core/tools/argumentSchema';
import { ConfirmationService } from '../../core/tools/confirmation';
import { ToolCallError, ToolCaller } from '../../core/tools/toolCaller';
import type { Command } from '../args';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { findConnector, loadConnectors } from '../connectorSet';
import { directCallFailure, printCallResult } from '../directCallOutput';
import { CliError, ExitCode, usageError } from '../exitCodes';
import { printProblems } from '../output';
import { confirmationPolicy } from '../policy';
import { progressReporter } from '../progress';
import { cliPins, heldSummary, heldToolText, pinFailure } from '../pins';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/**
 * `tools call CONNECTOR TOOL`: arguments from --args-json and --arg (typed by the tool's schema),
 * then the one ToolCaller path (inclusion, validation, confirmation, timeout, cancellation).
 * The result goes to stdout (as received with --json); `isError` exits 5 after printing it.
 */
export async function toolsCall(ctx: CommandContext, cmd: Extract<Command, { kind: 'tools call' }>): Promise<number> {
  const { options, io } = ctx;
  const policy = confirmationPolicy(io.env);
  const base = parseArgsJson(cmd.argsJson);
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  const connector = findConnector(loaded, cmd.connector!);

  const sessions = new CommandSessions(ctx);
  try {
    const { session, tools } = await sessions.connect(connector);
    const tool = tools.find((t) => t.name === cmd.tool);
    if (tool) await checkPin(ctx, connector, tools, cmd.tool);
    let args = base;
    if (tool && cmd.args.length) {
      try {
        args = { ...base, ...coerceKeyValues(cmd.args, tool.inputSchema as JsonSchema) };
      } catch (err) {
        if (err instanceof ArgumentsError) throw usageError(`${cmd.tool}: ${err.message}`);
        throw err;
      }
    }

    const port = new TerminalConfirmationPort({
      yes: options.yes,
      interactive: io.tty.stdin && io.tty.stderr,
      stdin: io.stdin,
      write: io.err,
    });
    const caller = new ToolCaller({ confirmations: new ConfirmationService(port), policy: () => policy });
    const progress = progressReporter(io.err, { verbose: options.verbose, terminal: io.tty.stderr }, cmd.tool);
    let outcome;
    try {
      outcome = await caller.call({
        connector,
        session,
        toolName: cmd.tool,
        args,
        signal: io.signal,
        timeoutMs: options.timeoutMs,
        onProgress: (p) => progress.report(p),
      });
    } catch (err) {
      if (!(err instanceof ToolCallError)) throw err;
      throw directCallFailure(err, port, cmd.tool, io.signal);
    } finally {
      progress.done();
    }

    const { result, durationMs } = outcome;
    return printCallResult(io, options.json, {
      result,
      durationMs,
      title: `${connector.label} › ${cmd.tool}`,
      tool: cmd.tool,
      subject: `"${connector.label}"`,
    });
  } finally {
    await sessions.releaseAll();
  }
}

/**
 * A held tool (new, or changed since accepted) is not called: the change is printed and the exit
 * is 6, unless --accept-changes, which pins the tool as it is now and goes on.
 */
async function checkPin(ctx: CommandContext, connector: Connector, tools: readonly Tool[], toolName: string): Promise<void> {
  const { options, io } = ctx;
  const pins = cliPins(options, io.env, io.cwd);
  try {
    const review = (await pins.review(connector, tools)).held.find((r) => r.tool.name === toolName);
    if (!review) return;
    if (options.acceptChanges) {
      await pins.accept(connector, [review.tool]);
      io.err(`Accepted "${toolName}" on "${connector.label}" as it is now (it was ${heldSummary(review)}).\n`);
      return;
    }
    io.err(heldToolText(connector, review));
    throw new CliError(
      ExitCode.denied,
      `"${toolName}" on "${connector.label}" is held: ${heldSummary(review)}. Review it above; run again with --accept-changes to accept it and call it.`,
    );
  } catch (err) {
    throw pinFailure(err);
  }
}

export function parseArgsJson(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw usageError(`--args-json is not valid JSON: ${(err as Error).message}`);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw usageError('--args-json must be a JSON object, e.g. {"path": "src"}.');
  return value as Record<string, unknown>;
}
