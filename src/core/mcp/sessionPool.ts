import type { Connector } from '../connectors/registry';
import { Emitter } from '../util/events';
import { ConnectorSession, type SessionDeps, type SessionState } from './session';

export interface SessionChange {
  connectorId: string;
  state: SessionState;
}

/**
 * One session per connector. When the registry changes, sessions whose configuration
 * changed are replaced (the old server is stopped), removed ones are closed, the rest kept.
 */
export class SessionPool {
  private readonly sessions = new Map<string, { session: ConnectorSession; fingerprint: string; unsubscribe: () => void }>();
  private readonly changed = new Emitter<SessionChange>();
  readonly onDidChangeSession = this.changed.event;

  constructor(private readonly depsFor: (connector: Connector) => SessionDeps) {}

  get(connectorId: string): ConnectorSession | undefined {
    return this.sessions.get(connectorId)?.session;
  }

  sync(connectors: readonly Connector[]): void {
    const wanted = new Map(connectors.map((c) => [c.id, c]));
    for (const [id, entry] of this.sessions) {
      const next = wanted.get(id);
      if (!next || fingerprint(next) !== entry.fingerprint) this.drop(id);
    }
    for (const connector of connectors) {
      if (this.sessions.has(connector.id)) continue;
      const session = new ConnectorSession(connector, this.depsFor(connector));
      const sub = session.onDidChange((state) => this.changed.fire({ connectorId: connector.id, state }));
      this.sessions.set(connector.id, { session, fingerprint: fingerprint(connector), unsubscribe: () => sub.dispose() });
    }
  }

  /**
   * Replaces the sessions of matching connectors with fresh idle ones (the old ones are stopped),
   * e.g. when workspace trust is granted and refusals recorded before no longer hold.
   */
  restart(connectors: readonly Connector[], which: (connector: Connector) => boolean): void {
    for (const c of connectors) if (which(c)) this.drop(c.id);
    this.sync(connectors);
  }

  private drop(id: string): void {
    const entry = this.sessions.get(id);
    if (!entry) return;
    this.sessions.delete(id);
    entry.unsubscribe();
    void entry.session.dispose();
  }

  /** Stops every server; awaited on deactivate so no child process outlives the extension. */
  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    for (const e of all) e.unsubscribe();
    await Promise.all(all.map((e) => e.session.dispose()));
    this.changed.dispose();
  }
}

function fingerprint(c: Connector): string {
  return JSON.stringify([c.config, c.enabled]);
}
