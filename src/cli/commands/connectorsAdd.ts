import { addConnectorToFile } from '../../core/connectors/fileEdits';
import { connectorNameSchema } from '../../core/connectors/schema';
import type { Command } from '../args';
import { configFromFlags } from '../connectionFlags';
import { ExitCode, usageError } from '../exitCodes';
import { printJson } from '../output';
import type { CommandContext } from './context';
import { editableConfigFile, editing, fileForVisibility } from './registryFiles';

/** `connectors add NAME (--stdio … | --url …)`: appends an entry, keeping the file's comments and layout. */
export async function connectorsAdd(ctx: CommandContext, cmd: Extract<Command, { kind: 'connectors add' }>): Promise<number> {
  const name = connectorNameSchema.safeParse(cmd.name);
  if (!name.success) throw usageError(`"${cmd.name}" cannot be a connector name: ${name.error.issues[0]?.message ?? 'invalid'}.`);
  const config = configFromFlags(cmd.name, ctx.options.connection, cmd.description);
  const visibility = cmd.visibility ?? 'private';
  const file = editableConfigFile(ctx) ?? fileForVisibility(ctx, visibility);
  await editing(() => addConnectorToFile(file, config));
  if (ctx.options.json) printJson(ctx.io.out, { added: cmd.name, file, config });
  else ctx.io.out(`Added "${cmd.name}" to ${file}.\n`);
  return ExitCode.ok;
}
