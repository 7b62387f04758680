import { isatty } from 'node:tty';
import type { SessionProvider } from './sessions';

/**
 * Everything the CLI touches outside itself, so tests run it in-process: output streams, the
 * environment, the working folder, the terminal, Ctrl+C, and where sessions come from.
 */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Defaults to process.env (CONNECTOR_AUDITOR_HOME, secrets, the confirmation policy). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Defaults to process.cwd(): where ./.vscode/connectors.json is read and stdio servers run. */
  cwd?: string;
  /** Where a y/N answer is read from; defaults to process.stdin. */
  stdin?: NodeJS.ReadableStream;
  /** Which streams are terminals; defaults to isatty(0) and isatty(2). */
  tty?: { stdin: boolean; stderr: boolean };
  /** Aborted on Ctrl+C: the running call is cancelled and the CLI exits 130. */
  signal?: AbortSignal;
  /** Defaults to one new session per connector, disposed when the command ends. */
  sessions?: SessionProvider;
}

export type ResolvedIo = Required<Omit<CliIo, 'signal' | 'stdin'>> & { signal?: AbortSignal; stdin: () => NodeJS.ReadableStream };

export const processIo: CliIo = {
  out: (s) => void process.stdout.write(s),
  err: (s) => void process.stderr.write(s),
};

export function resolveIo(io: CliIo, defaultSessions: () => SessionProvider): ResolvedIo {
  return {
    out: io.out,
    err: io.err,
    env: io.env ?? process.env,
    cwd: io.cwd ?? process.cwd(),
    // process.stdin is created lazily: touching it only when a prompt needs it keeps the event loop free.
    stdin: () => io.stdin ?? process.stdin,
    tty: io.tty ?? { stdin: isatty(0), stderr: isatty(2) },
    signal: io.signal,
    sessions: io.sessions ?? defaultSessions(),
  };
}
