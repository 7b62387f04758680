import { createRequire } from 'node:module';
import type { Connector } from '../../src/core/connectors/registry';
import type { ConnectorConfig } from '../../src/core/connectors/schema';
import { ConnectorSession, type SessionDeps, type SessionState } from '../../src/core/mcp/session';
import type { Logger } from '../../src/core/util/logger';

const require = createRequire(__filename);
export const EVERYTHING_ENTRY = require.resolve('@modelcontextprotocol/server-everything/dist/index.js');

export function connectorOf(config: ConnectorConfig, visibility: Connector['visibility'] = 'private'): Connector {
  return { id: `${visibility}:${config.name}`, name: config.name, label: config.name, visibility, config, enabled: config.enabled !== false };
}

export interface MemoryLog extends Logger {
  lines: string[];
}

export function memoryLog(): MemoryLog {
  const lines: string[] = [];
  const push = (level: string) => (m: string) => void lines.push(`${level} ${m}`);
  return { lines, trace: push('trace'), debug: push('debug'), info: push('info'), warn: push('warn'), error: push('error') };
}

export function sessionFor(
  config: ConnectorConfig,
  opts: {
    secrets?: Record<string, string>;
    env?: Record<string, string>;
    visibility?: Connector['visibility'];
    deps?: Pick<SessionDeps, 'approveStart' | 'startBlocked' | 'defaultCwd'>;
  } = {},
): { session: ConnectorSession; log: MemoryLog; states: SessionState[] } {
  const log = memoryLog();
  const session = new ConnectorSession(connectorOf(config, opts.visibility), {
    placeholders: { secrets: { get: async (n) => opts.secrets?.[n] }, env: opts.env ?? process.env },
    log,
    clientInfo: { name: 'connector-auditor-tests', version: '0.0.0' },
    ...opts.deps,
  });
  const states: SessionState[] = [];
  session.onDidChange((s) => states.push(s));
  return { session, log, states };
}
