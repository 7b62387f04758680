import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { firstLine } from '../../core/connectors/describe';
import { revealInvisible } from '../../core/util/invisibleChars';
import type { Connector } from '../../core/connectors/registry';
import { describeFlag, flagToolDescription } from '../../core/tools/descriptionFlags';
import { isToolIncluded, needsConfirmation, type ConfirmationDefault } from '../../core/connectors/toolPolicy';
import type { PinStatus } from '../../core/pins/toolPins';
import type { Command } from '../args';
import { cliPins, pinFailure } from '../pins';
import { findConnector, loadConnectors } from '../connectorSet';
import { CliError, ExitCode } from '../exitCodes';
import { columns, printError, printJson, printProblems } from '../output';
import { confirmationPolicy } from '../policy';
import { CommandSessions } from './connect';
import type { CommandContext } from './context';

/** One row of `tools list --json`. */
export interface ToolRow {
  connector: string;
  name: string;
  description: string | null;
  inputSchema: Tool['inputSchema'];
  annotations: Tool['annotations'] | null;
  included: boolean;
  requiresConfirmation: boolean;
  /** Warning signs in the description (instructions to the model, hidden characters, length). */
  warnings: string[];
  /** Against the tool's pin: `new` and `changed` are held (not offered to audit, not callable without --accept-changes). */
  pin: PinStatus;
}

export function toolRow(connector: Connector, tool: Tool, policy: ConfirmationDefault, pin: PinStatus = 'trusted'): ToolRow {
  const cfg = connector.config.toolConfiguration;
  return {
    connector: connector.label,
    name: tool.name,
    description: tool.description ?? null,
    inputSchema: tool.inputSchema,
    annotations: tool.annotations ?? null,
    included: isToolIncluded(tool.name, cfg),
    // A flagged description asks before every call (see flaggedToolReason).
    requiresConfirmation: needsConfirmation(tool.name, tool.annotations, cfg, policy) || flagToolDescription(tool).length > 0,
    warnings: flagToolDescription(tool).map(describeFlag),
    pin,
  };
}

/**
 * `tools list [CONNECTOR]`: one connector's tools, or every enabled connector's (connected in
 * parallel; one that fails is reported on stderr and the others are still listed, exit ≠ 0;
 * one of an untrusted ./.vscode/connectors.json is listed as not started, with the reason).
 */
export async function toolsList(ctx: CommandContext, cmd: Extract<Command, { kind: 'tools list' }>): Promise<number> {
  const { options, io } = ctx;
  const policy = confirmationPolicy(io.env);
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  const targets = cmd.connector ? [findConnector(loaded, cmd.connector)] : loaded.connectors.filter((c) => c.enabled);
  if (targets.length === 0) {
    if (options.json) printJson(io.out, []);
    else io.out(`No enabled connectors. Add one with "connector-auditor connectors add NAME --stdio …".\n`);
    return ExitCode.ok;
  }

  const sessions = new CommandSessions(ctx);
  try {
    // Named on the command line, an untrusted workspace connector is refused by its session (exit 1);
    // in the full listing it is shown as not started, which is the safe default and not a failure.
    const notStarted = cmd.connector ? [] : targets.filter((c) => sessions.trust.blocked(c));
    const started = targets.filter((c) => !notStarted.includes(c));
    const settled = await Promise.allSettled(started.map((c) => sessions.connect(c)));
    const interrupted = settled.find((s) => s.status === 'rejected' && s.reason instanceof CliError && s.reason.exitCode === ExitCode.interrupted);
    if (interrupted?.status === 'rejected') throw interrupted.reason;
    // One connector named on the command line: its error is the command's error.
    if (cmd.connector && settled[0].status === 'rejected') throw settled[0].reason;

    let exitCode: number = ExitCode.ok;
    const rows: ToolRow[] = [];
    const human: string[] = [];
    const pins = cliPins(options, io.env, io.cwd);
    for (const [i, s] of settled.entries()) {
      const connector = started[i];
      if (s.status === 'rejected') {
        const err = s.reason as Error;
        printError(io.err, err.message);
        exitCode = Math.max(exitCode, err instanceof CliError ? err.exitCode : ExitCode.unreachable);
        continue;
      }
      // Listing is a first listing too: a connector never seen before is pinned here.
      const review = await pins.review(connector, s.value.tools).catch((err: unknown) => Promise.reject(pinFailure(err)));
      const connectorRows = review.tools.map((r) => toolRow(connector, r.tool, policy, r.status));
      rows.push(...connectorRows);
      human.push(...humanSection(connector, s.value.session.state, connectorRows, targets.length > 1));
      if (review.held.length) {
        io.err(
          `${connector.label}: ${review.held.length} tool${review.held.length === 1 ? ' is' : 's are'} held (new or changed since accepted); "tools call" shows the change, --accept-changes accepts it.\n`,
        );
      }
    }
    for (const connector of notStarted) {
      const why = sessions.trust.blocked(connector)!;
      if (options.json) io.err(`note: not started: ${why}\n`);
      else human.push(`${connector.label} (not started)`, `  ${why}`, '');
    }
    if (options.json) printJson(io.out, rows);
    else for (const line of human) io.out(`${line}\n`);
    return exitCode;
  } finally {
    await sessions.releaseAll();
  }
}

const LINE = { singleLine: true };

function humanSection(
  connector: Connector,
  state: { serverName?: string; serverVersion?: string; transport?: string },
  rows: ToolRow[],
  withHeader: boolean,
): string[] {
  const table = columns(
    rows.map((r) => {
      const flags = [
        r.pin !== 'trusted' ? `${r.pin} · review` : '',
        !r.included ? 'excluded' : '',
        r.annotations?.readOnlyHint ? 'read-only' : '',
        r.annotations?.destructiveHint && !r.annotations.readOnlyHint ? 'destructive' : '',
        r.requiresConfirmation ? 'asks first' : '',
        r.warnings.length ? 'suspicious description' : '',
      ].filter(Boolean);
      // A terminal shows what it is sent: hidden characters (a \r, ESC, zero-width, bidi) as ⟨U+…⟩ marks.
      const name = revealInvisible(r.name, LINE);
      return [withHeader ? `  ${name}` : name, flags.length ? `[${flags.join(', ')}]` : '', revealInvisible(firstLine(r.description ?? undefined, 100), LINE)];
    }),
  );
  const label = revealInvisible(connector.label, LINE);
  if (!withHeader) return rows.length ? table : [`"${label}" offers no tools.`];
  const server = state.serverName ? `, ${state.serverName}${state.serverVersion ? ` ${state.serverVersion}` : ''}` : '';
  return [`${label} (${rows.length} tool${rows.length === 1 ? '' : 's'}${server}${state.transport ? ` over ${state.transport}` : ''})`, ...table, ''];
}
