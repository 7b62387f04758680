/**
 * MCP progress notifications on stderr: one line each with --verbose, a single line redrawn in
 * place on a terminal, nothing otherwise (stdout stays the result only).
 */
export interface ProgressReporter {
  report(p: { progress: number; total?: number; message?: string }): void;
  done(): void;
}

export function progressReporter(write: (s: string) => void, mode: { verbose: boolean; terminal: boolean }, label: string): ProgressReporter {
  let drawn = false;
  const text = (p: { progress: number; total?: number; message?: string }) =>
    `${label}: progress ${p.progress}${p.total !== undefined ? `/${p.total}` : ''}${p.message ? ` ${p.message.replace(/\s+/g, ' ')}` : ''}`;
  return {
    report(p) {
      if (mode.verbose) write(`${text(p)}\n`);
      else if (mode.terminal) {
        write(`\r\x1b[K${text(p).slice(0, 200)}`);
        drawn = true;
      }
    },
    done() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}
