import { redactSecrets } from './redact';

/** The logging port: VS Code's LogOutputChannel in the extension, stderr in the CLI. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const nullLogger: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/** Wraps a logger so that nothing that looks like a secret ever reaches it. */
export function redactingLogger(inner: Logger, knownSecrets: () => Iterable<string> = () => []): Logger {
  const clean = (m: string) => redactSecrets(m, knownSecrets());
  return {
    trace: (m) => inner.trace(clean(m)),
    debug: (m) => inner.debug(clean(m)),
    info: (m) => inner.info(clean(m)),
    warn: (m) => inner.warn(clean(m)),
    error: (m) => inner.error(clean(m)),
  };
}
