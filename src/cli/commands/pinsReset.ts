import type { Command } from '../args';
import { findConnector, loadConnectors } from '../connectorSet';
import { ExitCode, usageError } from '../exitCodes';
import { cliPins, pinFailure } from '../pins';
import type { CommandContext } from './context';

/**
 * `pins reset [CONNECTOR]`: forgets what was accepted, for one connector or all; the next listing
 * pins the tools as they are then. Resetting all also replaces an unreadable pins file (a copy of
 * it is kept beside it).
 */
export async function pinsReset(ctx: CommandContext, cmd: Extract<Command, { kind: 'pins reset' }>): Promise<number> {
  const { options, io } = ctx;
  const pins = cliPins(options, io.env, io.cwd);
  try {
    if (cmd.connector === undefined) {
      await pins.reset();
      io.err(`Reset every tool pin in ${pins.file}; the next listing of each connector pins its tools as they are then.\n`);
      return ExitCode.ok;
    }
    const connector = findConnector(await loadConnectors(options, io.env, io.cwd), cmd.connector);
    const key = pins.keyFor(connector);
    if (!key) throw usageError(`"${connector.label}" is a built-in connector; its tools are not pinned.`);
    await pins.reset(key);
    io.err(`Reset the tool pins of "${connector.label}"; its next listing pins its tools as they are then.\n`);
    return ExitCode.ok;
  } catch (err) {
    throw pinFailure(err);
  }
}
