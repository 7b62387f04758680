import { describeTarget } from '../../core/connectors/describe';
import { transportOf } from '../../core/connectors/schema';
import { loadConnectors } from '../connectorSet';
import { ExitCode } from '../exitCodes';
import { printJson, printProblems } from '../output';
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
    for (const c of connectors) io.out(`${[c.label, c.visibility, c.enabled ? 'enabled' : 'disabled', c.builtin ? 'built in' : describeTarget(c.config)].join('\t')}\n`);
  }
  return loaded.problems.some((p) => p.severity === 'error') ? ExitCode.usage : ExitCode.ok;
}
