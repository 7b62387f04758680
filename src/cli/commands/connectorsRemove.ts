import { removeConnectorFromFile } from '../../core/connectors/fileEdits';
import { ConnectorRegistry } from '../../core/connectors/registry';
import type { Command } from '../args';
import { defaultSources } from '../connectorSet';
import { ExitCode, usageError } from '../exitCodes';
import { printJson } from '../output';
import type { CommandContext } from './context';
import { editableConfigFile, editing, fileForVisibility } from './registryFiles';

/**
 * `connectors remove NAME`: from the --config file, the file of --visibility, or whichever of the
 * private and workspace files holds NAME (both → the person must say which).
 */
export async function connectorsRemove(ctx: CommandContext, cmd: Extract<Command, { kind: 'connectors remove' }>): Promise<number> {
  const file = editableConfigFile(ctx) ?? (cmd.visibility ? fileForVisibility(ctx, cmd.visibility) : await fileHolding(ctx, cmd.name));
  await editing(() => removeConnectorFromFile(file, cmd.name));
  if (ctx.options.json) printJson(ctx.io.out, { removed: cmd.name, file });
  else ctx.io.out(`Removed "${cmd.name}" from ${file}.\n`);
  return ExitCode.ok;
}

async function fileHolding(ctx: CommandContext, name: string): Promise<string> {
  const sources = defaultSources(ctx.io.env, ctx.io.cwd);
  const registry = new ConnectorRegistry(sources);
  try {
    const snap = await registry.reload();
    const files = [...new Set(snap.connectors.filter((c) => c.name === name && c.origin).map((c) => c.origin!.file))];
    const builtin = snap.connectors.find((c) => c.name === name && c.builtin);
    if (files.length === 0 && builtin) {
      throw usageError(
        `"${name}" is built in and cannot be removed; to switch it off, add "builtins": { "${name}": { "enabled": false } } to ${sources[0].file}.`,
      );
    }
    if (files.length === 0) throw usageError(`No connector named "${name}" in ${sources.map((s) => s.file).join(' or ')}.`);
    if (files.length > 1) {
      throw usageError(`"${name}" is in both ${files.join(' and ')}; pass --visibility private or --visibility shared_workspace.`);
    }
    return files[0];
  } finally {
    registry.dispose();
  }
}
