import type { StudioConnector } from '../../core/studio/studioModel';
import type { StudioCommand } from '../studioArgs';
import { readLine } from '../confirmationPrompt';
import { CliError, ExitCode } from '../exitCodes';
import { columns, oneLine, printJson } from '../output';
import { cliStudioClient, studio } from '../studio';
import type { CommandContext } from './context';

type Cmd<K extends StudioCommand['kind']> = Extract<StudioCommand, { kind: K }>;

/** `studio connectors list`: every connector of the Mistral workspace (all pages). */
export async function studioConnectorsList(ctx: CommandContext): Promise<number> {
  const { options, io } = ctx;
  const { connectors, truncated } = await studio(() => cliStudioClient(options, io).list(io.signal));
  if (truncated) io.err(`Only the first ${connectors.length} Studio connectors were read; the registry has more.\n`);
  if (options.json) {
    printJson(io.out, connectors);
    return ExitCode.ok;
  }
  if (!connectors.length) {
    io.out('No Studio connectors in this workspace. Create one with "connector-auditor studio connectors create NAME --server URL --description TEXT".\n');
    return ExitCode.ok;
  }
  for (const line of columns(connectors.map((c) => [c.name, c.visibility, c.server ?? '(built in)', oneLine(c.description).slice(0, 80)]))) io.out(`${line}\n`);
  return ExitCode.ok;
}

export async function studioConnectorsCreate(ctx: CommandContext, cmd: Cmd<'studio connectors create'>): Promise<number> {
  const { options, io } = ctx;
  const created = await studio(() =>
    cliStudioClient(options, io).create(
      { name: cmd.name, description: cmd.description, server: cmd.server, visibility: cmd.visibility, auth: cmd.auth },
      io.signal,
    ),
  );
  return done(ctx, created, `Created Studio connector "${created.name}" (${created.visibility}, id ${created.id}).`);
}

export async function studioConnectorsUpdate(ctx: CommandContext, cmd: Cmd<'studio connectors update'>): Promise<number> {
  const { options, io } = ctx;
  const { connector, kind: _kind, ...patch } = cmd;
  const updated = await studio(() => cliStudioClient(options, io).update(connector, patch, io.signal));
  return done(ctx, updated, `Updated Studio connector "${updated.name}" (${updated.visibility}, ${updated.server ?? 'built in'}).`);
}

/** `studio connectors delete CONNECTOR`: asks first (y/N on a terminal), --yes skips the question. */
export async function studioConnectorsDelete(ctx: CommandContext, cmd: Cmd<'studio connectors delete'>): Promise<number> {
  const { options, io } = ctx;
  const client = cliStudioClient(options, io);
  // Looked up first, so the question names what will go, and a wrong name fails before asking.
  const target = await studio(() => client.get(cmd.connector, io.signal));
  if (!options.yes) {
    if (!(io.tty.stdin && io.tty.stderr)) {
      throw new CliError(
        ExitCode.denied,
        `Deleting Studio connector "${target.name}" needs a confirmation and there is no terminal to ask; pass --yes to delete it.`,
      );
    }
    io.err(
      `Delete Studio connector "${target.name}" (${target.visibility}, ${target.server ?? 'built in'}) from the Mistral workspace? Every app using it loses it. [y/N] `,
    );
    const answer = await readLine(io.stdin(), io.signal);
    if (answer === undefined || !/^\s*y(es)?\s*$/i.test(answer)) {
      if (answer === undefined) io.err('\n');
      throw new CliError(ExitCode.denied, `Kept Studio connector "${target.name}": the deletion was not confirmed.`);
    }
  }
  const deleted = await studio(() => client.delete(target.id, io.signal));
  if (options.json) printJson(io.out, { deleted });
  else io.out(`Deleted Studio connector "${deleted.name}" (id ${deleted.id}).\n`);
  return ExitCode.ok;
}

function done(ctx: CommandContext, connector: StudioConnector, text: string): number {
  if (ctx.options.json) printJson(ctx.io.out, connector);
  else ctx.io.out(`${text}\n`);
  return ExitCode.ok;
}
