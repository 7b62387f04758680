import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FileEditError } from '../../core/connectors/fileEdits';
import { privateRegistryFile, workspaceRegistryFile } from '../../core/connectors/paths';
import { LockTimeoutError } from '../../core/util/fileLock';
import type { Visibility } from '../args';
import { detectFormat } from '../configFile';
import { CliError, usageError } from '../exitCodes';
import type { CommandContext } from './context';

/** Which connectors file `connectors add` / `connectors remove` edit. */

export function fileForVisibility(ctx: CommandContext, visibility: Visibility): string {
  return visibility === 'shared_workspace' ? workspaceRegistryFile(ctx.io.cwd) : privateRegistryFile(ctx.io.env);
}

/** The --config file, refused when it is another tool's MCP configuration (we only write our own format). */
export function editableConfigFile(ctx: CommandContext): string | undefined {
  if (ctx.options.config === undefined) return undefined;
  const file = resolve(ctx.io.cwd, ctx.options.config);
  if (existsSync(file) && detectFormat(readFileSync(file, 'utf8')) === 'mcp') {
    throw usageError(`${file} is an MCP configuration of another tool; connectors add/remove only edit Connector Auditor files.`);
  }
  return file;
}

/** Runs a file edit, turning "the file is broken / has no such entry / is being written by another process" into exit 1. */
export async function editing(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof CliError) throw err;
    if (err instanceof FileEditError || err instanceof LockTimeoutError) throw usageError(err.message);
    throw usageError(`Cannot write the connectors file: ${(err as Error).message}`);
  }
}
