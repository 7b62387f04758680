import { LockTimeoutError } from '../core/util/fileLock';
import { parseCli } from './args';
import { runCommand } from './commands';
import { CliError, ExitCode } from './exitCodes';
import { processIo, resolveIo, type CliIo } from './io';
import { printError } from './output';
import { oneShotSessions } from './sessions';
import { USAGE, version } from './usage';

/**
 * `connector-auditor`: the same core as the extension, headless. Secrets come from the
 * environment (`${secret:NAME}` → CONNECTOR_AUDITOR_SECRET_NAME), logs go to stderr, results to
 * stdout. Returns the exit code; never calls process.exit, so tests run it in-process.
 */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const resolved = resolveIo(io, oneShotSessions);
  try {
    const { options, command } = parseCli(argv);
    if (command.kind === 'help') {
      resolved.out(`${USAGE}\n`);
      return ExitCode.ok;
    }
    if (command.kind === 'version') {
      resolved.out(`${version()}\n`);
      return ExitCode.ok;
    }
    return await runCommand({ options, io: resolved }, command);
  } catch (err) {
    if (err instanceof CliError) {
      printError(resolved.err, err.message);
      return err.exitCode;
    }
    // Another process is writing a shared file: its own message says which and what to do.
    if (err instanceof LockTimeoutError) {
      printError(resolved.err, err.message);
      return ExitCode.usage;
    }
    printError(resolved.err, `internal error: ${(err as Error)?.stack ?? String(err)}`);
    return ExitCode.usage;
  }
}

export type { CliIo } from './io';
export { KeptSessions, type SessionProvider } from './sessions';
export { ExitCode } from './exitCodes';

/** The process runner: Ctrl+C cancels the running call (the server gets notifications/cancelled) and exits 130. */
function runAsProcess(): void {
  const controller = new AbortController();
  let signals = 0;
  let signalCode: number | undefined;
  const onSignal = (code: number) => () => {
    // A second Ctrl+C does not wait for the clean-up.
    if (++signals > 1) process.exit(code);
    signalCode = code;
    controller.abort();
  };
  process.on('SIGINT', onSignal(ExitCode.interrupted));
  process.on('SIGTERM', onSignal(143));
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    // `connector-auditor … | head`: the reader left; stop quietly.
    if (err.code === 'EPIPE') {
      controller.abort();
      process.exitCode = 0;
    }
  });
  main(process.argv.slice(2), { ...processIo, signal: controller.signal }).then(
    (code) => {
      process.exitCode = signalCode !== undefined && code !== ExitCode.ok ? signalCode : code;
      // Sessions are disposed by now; should anything still hold the event loop, do not hang on it.
      setTimeout(() => process.exit(), 2000).unref();
    },
    (err: unknown) => {
      process.stderr.write(`connector-auditor: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}

if (require.main === module) runAsProcess();
