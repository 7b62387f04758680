import { parseArgs } from 'node:util';
import { describeTarget, firstLine } from '../core/connectors/describe';
import { transportOf } from '../core/connectors/schema';
import { envNameForSecret } from '../core/connectors/placeholders';
import { privateRegistryFile, workspaceRegistryFile } from '../core/connectors/paths';
import { ConnectorRegistry, type ConnectorSource } from '../core/connectors/registry';
import { ConnectorSession } from '../core/mcp/session';
import type { Logger } from '../core/util/logger';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * `connector-auditor`: the same core as the extension, headless. Secrets come from the
 * environment (`${secret:NAME}` → CONNECTOR_AUDITOR_SECRET_NAME), logs go to stderr.
 */

const USAGE = `Usage: connector-auditor [--config FILE] [--json] [--verbose] <command>

Commands:
  connectors list           List connectors from the private registry and ./.vscode/connectors.json
  tools list CONNECTOR      Connect to CONNECTOR and list its tools

Options:
  --config FILE   Read connectors from FILE only
  --json          Machine-readable output on stdout
  --verbose       Log connection details and server stderr to stderr
  -h, --help      Show this help
  --version       Show the version

Exit codes: 0 ok, 2 usage error, 3 configuration problem, 4 connection failed.`;

declare const __VERSION__: string | undefined;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) }): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string' },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', default: false },
      },
    });
  } catch (err) {
    io.err(`${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || values.version) {
    io.out(values.help ? `${USAGE}\n` : `${typeof __VERSION__ === 'string' ? __VERSION__ : 'dev'}\n`);
    return 0;
  }

  const sources: ConnectorSource[] = values.config
    ? [{ visibility: 'private', file: resolve(values.config) }]
    : [
        { visibility: 'private', file: privateRegistryFile(process.env) },
        { visibility: 'shared_workspace', file: workspaceRegistryFile(process.cwd()) },
      ];
  if (values.config && !existsSync(sources[0].file)) {
    io.err(`Config file not found: ${sources[0].file}\n`);
    return 3;
  }
  const registry = new ConnectorRegistry(sources);
  const snap = await registry.reload();
  for (const p of snap.problems) io.err(`${p.severity}: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);

  const [group, verb, name] = positionals;
  if (group === 'connectors' && verb === 'list') {
    if (values.json) {
      io.out(JSON.stringify(snap.connectors.map((c) => ({ name: c.label, visibility: c.visibility, enabled: c.enabled, transport: transportOf(c.config), target: describeTarget(c.config), description: c.config.description ?? null, file: c.origin?.file })), null, 2) + '\n');
    } else if (snap.connectors.length === 0) {
      io.out(`No connectors. Add some to ${sources.map((s) => s.file).join(' or ')}.\n`);
    } else {
      for (const c of snap.connectors) io.out(`${c.label}\t${c.visibility}\t${c.enabled ? 'enabled' : 'disabled'}\t${describeTarget(c.config)}\n`);
    }
    return snap.problems.some((p) => p.severity === 'error') ? 3 : 0;
  }

  if (group === 'tools' && verb === 'list' && name) {
    const connector = snap.connectors.find((c) => c.label === name || c.name === name);
    if (!connector) {
      io.err(`No connector named "${name}". Run "connector-auditor connectors list" to see them.\n`);
      return 3;
    }
    const log = stderrLogger(io, values.verbose);
    const session = new ConnectorSession(connector, {
      placeholders: { secrets: { get: async (n) => process.env[envNameForSecret(n)] }, env: process.env },
      log,
      defaultCwd: process.cwd(),
      clientInfo: { name: 'connector-auditor-cli', version: 'cli' },
    });
    try {
      if (!connector.enabled) {
        io.err(`"${name}" is disabled in ${connector.origin?.file}.\n`);
        return 3;
      }
      const tools = await session.ensureReady();
      if (session.state.status === 'error') {
        io.err(`${name}: ${session.state.error}\n`);
        return 4;
      }
      if (values.json) io.out(JSON.stringify(tools, null, 2) + '\n');
      else for (const t of tools) io.out(`${t.name}\t${firstLine(t.description, 100)}\n`);
      return 0;
    } finally {
      await session.dispose();
    }
  }

  io.err(`${positionals.length ? `Unknown command: ${positionals.join(' ')}` : 'No command given.'}\n\n${USAGE}\n`);
  return 2;
}

function stderrLogger(io: Io, verbose: boolean): Logger {
  const line = (level: string) => (m: string) => verbose && io.err(`[${level}] ${m}\n`);
  return { trace: () => {}, debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') };
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      process.stderr.write(`connector-auditor: ${(err as Error).stack ?? err}\n`);
      process.exitCode = 1;
    },
  );
}
