import { describeTarget } from '../../core/connectors/describe';
import type { Connector } from '../../core/connectors/registry';
import { transportOf } from '../../core/connectors/schema';
import { loadConnectors } from '../connectorSet';
import { ExitCode } from '../exitCodes';
import { printJson, printProblems } from '../output';
import { TRUST_ENV, workspaceTrust, type WorkspaceTrust } from '../workspaceTrust';
import type { CommandContext } from './context';

/** `connectors list`: every connector with visibility, state and a masked target; exit 1 when a file has errors. */
export async function connectorsList({ options, io }: CommandContext): Promise<number> {
  const loaded = await loadConnectors(options, io.env, io.cwd);
  printProblems(io.err, loaded.problems);
  if (options.verbose) for (const note of loaded.notes) io.err(`note: ${note}\n`);
  const { connectors } = loaded;
  if (options.json) {
    printJson(
      io.out,
      connectors.map((c) => ({
        name: c.label,
        visibility: c.visibility,
        enabled: c.enabled,
        transport: c.builtin ? 'in-process' : transportOf(c.config),
        target: c.builtin ? 'built in' : describeTarget(c.config),
        description: c.config.description ?? null,
        file: c.origin?.file ?? c.builtin?.settingsFile ?? null,
      })),
    );
  } else if (connectors.length === 0) {
    io.out(`No connectors. Add some with "connector-auditor connectors add NAME --stdio …", or in ${loaded.files.join(' or ')}.\n`);
  } else {
    // Tab-separated, one connector a line: easy to read and to cut/awk.
    for (const c of connectors)
      io.out(`${[c.label, c.visibility, c.enabled ? 'enabled' : 'disabled', c.builtin ? 'built in' : describeTarget(c.config)].join('\t')}\n`);
  }
  noteUntrusted(connectors, workspaceTrust(options.trustWorkspace, io.env, io.cwd), io.err);
  return loaded.problems.some((p) => p.severity === 'error') ? ExitCode.usage : ExitCode.ok;
}

/** Listed like the others, but the person should know the workspace's connectors will not start as things stand. */
function noteUntrusted(connectors: readonly Connector[], trust: WorkspaceTrust, err: (s: string) => void): void {
  const untrusted = connectors.filter((c) => trust.blocked(c));
  if (untrusted.length === 0) return;
  const names = untrusted.map((c) => `"${c.label}"`).join(', ');
  err(
    `note: ${names} ${untrusted.length === 1 ? 'comes' : 'come'} from ./.vscode/connectors.json, which is not trusted, and will not be started: pass --trust-workspace (or set ${TRUST_ENV}=1) after reading it.\n`,
  );
}
