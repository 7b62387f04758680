import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { AttachedConnector } from '../../core/agent/conversation';
import type { ToolPins } from '../../core/pins/toolPins';
import { pinFailure } from '../pins';
import type { Connector } from '../../core/connectors/registry';
import { isToolIncluded } from '../../core/connectors/toolPolicy';
import { attachedByDefault } from '../../core/builtins/catalog';
import type { LoadedConnectors } from '../configFile';
import { findConnector } from '../connectorSet';
import { CliError, ExitCode, usageError } from '../exitCodes';
import { oneLine } from '../output';
import { disabledMessage, type CommandSessions } from '../commands/connect';
import type { WorkspaceTrust } from '../workspaceTrust';

/**
 * The connectors an audit offers the model: those named by --connectors (an unknown, disabled or
 * untrusted workspace one is a usage error), else every enabled one but the opt-in built-ins
 * (workspace: see catalog.ts), less those of an untrusted
 * ./.vscode/connectors.json (said on stderr). They are connected in parallel; one that fails
 * to start is reported and left out, and the audit goes on with the others.
 */

export function chooseConnectors(loaded: LoadedConnectors, names: readonly string[] | undefined, trust: WorkspaceTrust, withWorkspace = false): Connector[] {
  // A workspace or dependency audit is what the opt-in workspace built-in is for.
  if (!names) return loaded.connectors.filter((c) => c.enabled && (attachedByDefault(c) || (withWorkspace && c.builtin?.name === 'workspace')));
  const chosen = [...new Set(names.map((name) => findConnector(loaded, name)))];
  const disabled = chosen.find((c) => !c.enabled);
  if (disabled) throw usageError(disabledMessage(disabled));
  // Named in --connectors, an untrusted one is a refusal, not a quiet omission.
  const untrusted = chosen.map((c) => trust.blocked(c)).find(Boolean);
  if (untrusted) throw usageError(untrusted);
  return chosen;
}

export interface AttachPins {
  pins: ToolPins;
  /** Accept (pin) held tools now, so they are offered; otherwise they are left out with a notice. */
  acceptChanges: boolean;
}

export async function attachConnectors(
  sessions: CommandSessions,
  all: readonly Connector[],
  say: (line: string) => void,
  pinning?: AttachPins,
): Promise<AttachedConnector[]> {
  // Left out before connecting, so the progress does not claim to connect them; their sessions would refuse anyway.
  const connectors = all.filter((c) => {
    const why = sessions.trust.blocked(c);
    if (why) say(`  left out: ${why}`);
    return !why;
  });
  if (connectors.length === 0) return [];
  say(`Connecting ${connectors.length} connector${connectors.length === 1 ? '' : 's'}: ${connectors.map((c) => c.label).join(', ')}`);
  const settled = await Promise.allSettled(connectors.map((c) => sessions.connect(c)));
  const interrupted = settled.find((s) => s.status === 'rejected' && s.reason instanceof CliError && s.reason.exitCode === ExitCode.interrupted);
  if (interrupted?.status === 'rejected') throw interrupted.reason;

  const attached: AttachedConnector[] = [];
  for (const [i, s] of settled.entries()) {
    const connector = connectors[i];
    if (s.status === 'fulfilled') {
      attached.push({ connector, session: s.value.session });
      const included = s.value.tools.filter((t) => isToolIncluded(t.name, connector.config.toolConfiguration));
      const held = pinning ? await heldTools(connector, included, pinning, say) : 0;
      const offered = included.length - held;
      say(`  ${connector.label}: ready, ${offered} tool${offered === 1 ? '' : 's'} offered${held ? `, ${held} held (see below)` : ''}`);
    } else {
      const message = s.reason instanceof Error ? s.reason.message : String(s.reason);
      say(`  warning: ${oneLine(message)} — the audit goes on without "${connector.label}".`);
    }
  }
  return attached;
}

/**
 * With --accept-changes, pins the held tools as they are now and says which; otherwise counts
 * them (the agent's catalog leaves them out and says why). An unreadable pins file is a usage error.
 */
async function heldTools(connector: Connector, tools: Tool[], { pins, acceptChanges }: AttachPins, say: (line: string) => void): Promise<number> {
  let held;
  try {
    held = (await pins.review(connector, tools)).held;
  } catch (err) {
    throw pinFailure(err);
  }
  if (!held.length || !acceptChanges) return held.length;
  await pins
    .accept(
      connector,
      held.map((h) => h.tool),
    )
    .catch((err: unknown) => Promise.reject(pinFailure(err)));
  say(`  ${connector.label}: accepted ${held.map((h) => `"${h.tool.name}" (${h.status})`).join(', ')} as they are now (--accept-changes)`);
  return 0;
}
