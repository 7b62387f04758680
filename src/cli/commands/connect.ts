import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector } from '../../core/connectors/registry';
import type { ConnectorSession } from '../../core/mcp/session';
import { untilAborted } from '../abort';
import { CliError, exitCodeForSessionError, usageError } from '../exitCodes';
import { cliElicitation } from '../elicitation';
import { cliSessionDeps } from '../sessions';
import { workspaceTrust, type WorkspaceTrust } from '../workspaceTrust';
import type { CommandContext } from './context';

/**
 * Sessions for one command: opened through the provider, connected (Ctrl+C interrupts the wait),
 * and always released at the end so no server process outlives the command.
 */
export class CommandSessions {
  private readonly open: ConnectorSession[] = [];
  /** Whether ./.vscode/connectors.json may be started; the sessions enforce it through `startBlocked`. */
  readonly trust: WorkspaceTrust;

  constructor(private readonly ctx: CommandContext) {
    this.trust = workspaceTrust(ctx.options.trustWorkspace, ctx.io.env, ctx.io.cwd);
  }

  /** Connects and returns the tools, or throws the connector's one-line error with its exit code. */
  async connect(connector: Connector): Promise<{ session: ConnectorSession; tools: readonly Tool[] }> {
    if (!connector.enabled) throw usageError(disabledMessage(connector));
    const { io, options } = this.ctx;
    const elicit = cliElicitation({ yes: options.yes, interactive: io.tty.stdin && io.tty.stderr, stdin: io.stdin, write: io.err });
    const session = io.sessions.open(
      connector,
      cliSessionDeps(
        connector,
        io,
        options.verbose,
        elicit,
        { githubUrl: options.githubUrl, workspace: options.workspace, trusted: this.trust.trusted },
        this.trust.blocked,
      ),
    );
    this.open.push(session);
    const tools = await untilAborted(session.ensureReady({ signIn: true }), io.signal);
    if (session.state.status !== 'ready') {
      // Refused by the session before anything ran: a configuration matter the person decides (exit 1).
      const blocked = this.trust.blocked(connector);
      if (blocked) throw usageError(blocked);
      const error = session.state.error ?? `"${connector.label}" is ${session.state.status}.`;
      throw new CliError(exitCodeForSessionError(error), `${connector.label}: ${error}`);
    }
    return { session, tools };
  }

  async releaseAll(): Promise<void> {
    const sessions = this.open.splice(0);
    await Promise.all(sessions.map((s) => this.ctx.io.sessions.release(s).catch(() => undefined)));
  }
}

/** Where to switch a disabled connector back on: its entry, or for a built-in the "builtins" settings. */
export function disabledMessage(connector: Connector): string {
  if (connector.builtin) {
    return `The built-in connector "${connector.name}" is disabled in ${connector.builtin.settingsFile ?? 'the private registry'}; remove "enabled": false from "builtins" › "${connector.name}" to use it.`;
  }
  return `"${connector.label}" is disabled${connector.origin ? ` in ${connector.origin.file}` : ''}; set "enabled": true to use it.`;
}
