import type { AttachedConnector } from '../../core/agent/conversation';
import type { Connector } from '../../core/connectors/registry';
import { isToolIncluded } from '../../core/connectors/toolPolicy';
import type { LoadedConnectors } from '../configFile';
import { findConnector } from '../connectorSet';
import { CliError, ExitCode, usageError } from '../exitCodes';
import { oneLine } from '../output';
import { disabledMessage, type CommandSessions } from '../commands/connect';

/**
 * The connectors an audit offers the model: those named by --connectors (an unknown or disabled
 * one is a usage error), else every enabled one. They are connected in parallel; one that fails
 * to start is reported and left out, and the audit goes on with the others.
 */

export function chooseConnectors(loaded: LoadedConnectors, names: readonly string[] | undefined): Connector[] {
  if (!names) return loaded.connectors.filter((c) => c.enabled);
  const chosen = [...new Set(names.map((name) => findConnector(loaded, name)))];
  const disabled = chosen.find((c) => !c.enabled);
  if (disabled) throw usageError(disabledMessage(disabled));
  return chosen;
}

export async function attachConnectors(sessions: CommandSessions, connectors: readonly Connector[], say: (line: string) => void): Promise<AttachedConnector[]> {
  if (connectors.length === 0) return [];
  say(`Connecting ${connectors.length} connector${connectors.length === 1 ? '' : 's'}: ${connectors.map((c) => c.label).join(', ')}`);
  const settled = await Promise.allSettled(connectors.map((c) => sessions.connect(c)));
  const interrupted = settled.find((s) => s.status === 'rejected' && s.reason instanceof CliError && s.reason.exitCode === ExitCode.interrupted);
  if (interrupted?.status === 'rejected') throw interrupted.reason;

  const attached: AttachedConnector[] = [];
  settled.forEach((s, i) => {
    const connector = connectors[i];
    if (s.status === 'fulfilled') {
      attached.push({ connector, session: s.value.session });
      const offered = s.value.tools.filter((t) => isToolIncluded(t.name, connector.config.toolConfiguration)).length;
      say(`  ${connector.label}: ready, ${offered} tool${offered === 1 ? '' : 's'} offered`);
    } else {
      const message = s.reason instanceof Error ? s.reason.message : String(s.reason);
      say(`  warning: ${oneLine(message)} — the audit goes on without "${connector.label}".`);
    }
  });
  return attached;
}
