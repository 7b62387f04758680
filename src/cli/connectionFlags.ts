import { splitCommandLine } from '../core/connectors/commandLine';
import type { Connector } from '../core/connectors/registry';
import { connectorConfigSchema, type ConnectorConfig } from '../core/connectors/schema';
import { ADHOC_NAME, type ConnectionFlags } from './args';
import { usageError } from './exitCodes';

/**
 * `--stdio "…" [--inherit-env NAME|all]…` / `--url … [--transport] [--header "K: V"]…` as a connector entry: the ad-hoc
 * connector of a single command, or the entry `connectors add` writes.
 */
export function configFromFlags(name: string, flags: ConnectionFlags, description?: string): ConnectorConfig {
  const draft: Record<string, unknown> = { name };
  if (description !== undefined) draft.description = description;
  if (flags.stdio !== undefined) {
    let argv: string[];
    try {
      argv = splitCommandLine(flags.stdio);
    } catch (err) {
      throw usageError(`--stdio: ${(err as Error).message}`);
    }
    if (argv.length === 0) throw usageError('--stdio needs a command line.');
    draft.command = argv[0];
    if (argv.length > 1) draft.args = argv.slice(1);
    if (flags.inheritEnv) draft.inheritEnv = flags.inheritEnv;
  } else if (flags.url !== undefined) {
    draft.url = flags.url;
    if (flags.transport) draft.transport = flags.transport;
    if (flags.headers.length) draft.headers = parseHeaders(flags.headers);
    if (flags.oauth) {
      const entries = Object.entries(flags.oauth).filter(([, value]) => value !== undefined);
      draft.auth = { type: 'oauth2', ...Object.fromEntries(entries) };
    }
  }
  const parsed = connectorConfigSchema.safeParse(draft);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => (i.path.length ? `"${i.path.join('.')}": ${i.message}` : i.message));
    throw usageError(`Connector "${name}" is not valid: ${issues.join('; ')}.`);
  }
  return parsed.data;
}

export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [i, line] of lines.entries()) {
    const colon = line.indexOf(':');
    const key = colon > 0 ? line.slice(0, colon).trim() : '';
    // The line is not echoed: a malformed header may well hold a token.
    if (!key || /\s/.test(key)) throw usageError(`--header #${i + 1} is not "Name: value"; write --header "Authorization: Bearer \${secret:token}".`);
    headers[key] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function adhocConnector(flags: ConnectionFlags): Connector {
  const config = configFromFlags(ADHOC_NAME, flags);
  return { id: `adhoc:${ADHOC_NAME}`, name: ADHOC_NAME, label: ADHOC_NAME, visibility: 'private', config, enabled: true };
}
