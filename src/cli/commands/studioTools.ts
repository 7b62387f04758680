import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { firstLine } from '../../core/connectors/describe';
import { revealInvisible } from '../../core/util/invisibleChars';
import { callStudioTool } from '../../core/studio/studioToolCall';
import { ArgumentsError, coerceKeyValues, type JsonSchema } from '../../core/tools/argumentSchema';
import { ConfirmationService } from '../../core/tools/confirmation';
import { ToolCallError } from '../../core/tools/toolCaller';
import { TerminalConfirmationPort } from '../confirmationPrompt';
import { directCallFailure, printCallResult } from '../directCallOutput';
import { ExitCode, usageError } from '../exitCodes';
import { columns, printJson } from '../output';
import { confirmationPolicy } from '../policy';
import { cliStudioClient, studio } from '../studio';
import type { StudioCommand } from '../studioArgs';
import { studioToolRow as toolRow } from './studioToolRow';
import { parseArgsJson } from './toolsCall';
import type { CommandContext } from './context';

type Cmd<K extends StudioCommand['kind']> = Extract<StudioCommand, { kind: K }>;

/** `studio tools list CONNECTOR`: the tools Studio reports for the connector (listTools). */
export async function studioToolsList(ctx: CommandContext, cmd: Cmd<'studio tools list'>): Promise<number> {
  const { options, io } = ctx;
  const policy = confirmationPolicy(io.env);
  const tools = await studio(() => cliStudioClient(options, io).listTools(cmd.connector, io.signal));
  const rows = tools.map((t) => toolRow(cmd.connector, t, policy));
  if (options.json) printJson(io.out, rows);
  else if (!rows.length) io.out(`Studio connector "${cmd.connector}" offers no tools.\n`);
  else {
    const table = rows.map((r) => {
      const flags = [
        r.annotations?.readOnlyHint ? 'read-only' : '',
        r.annotations?.destructiveHint && !r.annotations.readOnlyHint ? 'destructive' : '',
        r.requiresConfirmation ? 'asks first' : '',
        r.warnings.length ? 'suspicious description' : '',
      ].filter(Boolean);
      const line = { singleLine: true };
      return [revealInvisible(r.name, line), flags.length ? `[${flags.join(', ')}]` : '', revealInvisible(firstLine(r.description ?? undefined, 100), line)];
    });
    for (const line of columns(table)) io.out(`${line}\n`);
  }
  return ExitCode.ok;
}

/**
 * `studio tools call CONNECTOR TOOL`: arguments typed as for `tools call`, the same confirmation
 * (--yes, y/N on a terminal, exit 6 on deny), the result rendered as for a local tool.
 */
export async function studioToolsCall(ctx: CommandContext, cmd: Cmd<'studio tools call'>): Promise<number> {
  const { options, io } = ctx;
  const policy = confirmationPolicy(io.env);
  const base = parseArgsJson(cmd.argsJson);
  const client = cliStudioClient(options, io);
  let args = base;
  if (cmd.args.length) {
    const tools = await studio(() => client.listTools(cmd.connector, io.signal));
    const tool = tools.find((t) => t.name === cmd.tool);
    try {
      args = { ...base, ...coerceKeyValues(cmd.args, tool?.inputSchema as JsonSchema | undefined) };
    } catch (err) {
      if (err instanceof ArgumentsError) throw usageError(`${cmd.tool}: ${err.message}`);
      throw err;
    }
  }
  const port = new TerminalConfirmationPort({ yes: options.yes, interactive: io.tty.stdin && io.tty.stderr, stdin: io.stdin, write: io.err });
  const started = performance.now();
  let result: CallToolResult;
  try {
    ({ result } = await studio(() =>
      callStudioTool({ client, connector: cmd.connector, toolName: cmd.tool, args, confirmations: new ConfirmationService(port), policy, signal: io.signal }),
    ));
  } catch (err) {
    if (!(err instanceof ToolCallError)) throw err;
    throw directCallFailure(err, port, cmd.tool, io.signal);
  }
  const durationMs = Math.round(performance.now() - started);
  return printCallResult(io, options.json, {
    result,
    durationMs,
    title: `${cmd.connector} (Mistral Studio) › ${cmd.tool}`,
    tool: cmd.tool,
    subject: `Studio connector "${cmd.connector}"`,
  });
}
