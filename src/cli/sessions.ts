import { envNameForSecret } from '../core/connectors/placeholders';
import type { Connector } from '../core/connectors/registry';
import { ConnectorSession, type SessionDeps } from '../core/mcp/session';
import type { OAuthDeps } from '../core/mcp/oauth/redirectPort';
import { cliBuiltinServices, type BuiltinFlags } from './builtins';
import { cliOAuthDeps } from './oauthRedirect';
import { stderrLogger } from './logger';
import { version } from './usage';

/**
 * Where a command gets its sessions. The CLI opens one per connector and disposes it when the
 * command ends (so no server process outlives it); tests and the benchmark can keep one alive
 * across several `main()` calls.
 */
export interface SessionProvider {
  open(connector: Connector, deps: SessionDeps): ConnectorSession;
  release(session: ConnectorSession): Promise<void>;
}

export function oneShotSessions(): SessionProvider {
  return {
    open: (connector, deps) => new ConnectorSession(connector, deps),
    release: (session) => session.dispose(),
  };
}

/** Keeps one session per connector id until `dispose()`; for running several commands against one server. */
export class KeptSessions implements SessionProvider {
  private readonly sessions = new Map<string, ConnectorSession>();

  open(connector: Connector, deps: SessionDeps): ConnectorSession {
    let session = this.sessions.get(connector.id);
    if (!session) {
      session = new ConnectorSession(connector, deps);
      this.sessions.set(connector.id, session);
    }
    return session;
  }

  async release(): Promise<void> {}

  async dispose(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.dispose()));
  }
}

/**
 * OAuth state per CLI run, in memory: tokens are not written to disk, so nothing outlives the
 * command but what the authorization server remembers (an approval it may grant again at once).
 */
const oauthByIo = new WeakMap<object, OAuthDeps>();
function oauthFor(io: { err: (s: string) => void; signal?: AbortSignal }): OAuthDeps {
  let deps = oauthByIo.get(io);
  if (!deps) {
    deps = cliOAuthDeps(io);
    oauthByIo.set(io, deps);
  }
  return deps;
}

/** Session dependencies in the CLI: secrets from CONNECTOR_AUDITOR_SECRET_*, logs on stderr with --verbose, workspace trust. */
export function cliSessionDeps(
  connector: Connector,
  io: { err: (s: string) => void; env: Readonly<Record<string, string | undefined>>; cwd: string; signal?: AbortSignal },
  verbose: boolean,
  elicit?: SessionDeps['elicit'],
  builtins: BuiltinFlags = {},
  startBlocked?: SessionDeps['startBlocked'],
): SessionDeps {
  const log = stderrLogger(io.err, verbose, connector.label);
  return {
    oauth: oauthFor(io),
    elicit,
    placeholders: { secrets: { get: async (name) => io.env[envNameForSecret(name)] }, env: io.env },
    log,
    // A dynamic import: the built-in servers are their own bundle (dist/builtins.js), loaded on first use.
    builtinServer: async (c) =>
      (await import('../core/builtins/builtinServers.js')).createBuiltinServer(c.builtin!.name, cliBuiltinServices(io, builtins, log)),
    defaultCwd: io.cwd,
    // The one check for every command: an untrusted workspace's connector is never started or contacted.
    startBlocked,
    clientInfo: { name: 'connector-auditor-cli', version: version() },
  };
}
