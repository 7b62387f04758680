import type { Logger } from '../core/util/logger';
import { nullLogger, redactingLogger } from '../core/util/logger';

/** The CLI's Logger port: stderr, one prefixed line per message, only with --verbose; secrets redacted. */
export function stderrLogger(write: (s: string) => void, verbose: boolean, prefix: string): Logger {
  if (!verbose) return nullLogger;
  const line = (level: string) => (m: string) => write(`[${prefix}] ${level}: ${m.replace(/\r?\n/g, ' ')}\n`);
  return redactingLogger({ trace: () => {}, debug: line('debug'), info: line('info'), warn: line('warn'), error: line('error') });
}
