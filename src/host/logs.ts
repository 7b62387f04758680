import * as vscode from 'vscode';
import type { Logger } from '../core/util/logger';
import { redactingLogger } from '../core/util/logger';

/** Adapts a LogOutputChannel to core's Logger port; everything passes through redaction first. */
export function channelLogger(channel: vscode.LogOutputChannel): Logger {
  return redactingLogger({
    trace: (m) => channel.trace(m),
    debug: (m) => channel.debug(m),
    info: (m) => channel.info(m),
    warn: (m) => channel.warn(m),
    error: (m) => channel.error(m),
  });
}

/**
 * One log channel per connector (its stderr and connection events), created on first use so
 * the Output dropdown only lists connectors that actually ran.
 */
export class ConnectorLogs implements vscode.Disposable {
  private readonly channels = new Map<string, vscode.LogOutputChannel>();

  channel(label: string): vscode.LogOutputChannel {
    let channel = this.channels.get(label);
    if (!channel) {
      channel = vscode.window.createOutputChannel(vscode.l10n.t('Connector Auditor: {0}', label), { log: true });
      this.channels.set(label, channel);
    }
    return channel;
  }

  logger(label: string): Logger {
    let resolved: Logger | undefined;
    const get = () => (resolved ??= channelLogger(this.channel(label)));
    return {
      trace: (m) => get().trace(m),
      debug: (m) => get().debug(m),
      info: (m) => get().info(m),
      warn: (m) => get().warn(m),
      error: (m) => get().error(m),
    };
  }

  show(label: string): void {
    this.channel(label).show(true);
  }

  dispose(): void {
    for (const c of this.channels.values()) c.dispose();
    this.channels.clear();
  }
}
