import type { SourceProblem } from '../core/connectors/registry';

/** Output helpers: JSON on stdout, one-line errors and problems on stderr. */

export function printJson(out: (s: string) => void, value: unknown): void {
  out(`${JSON.stringify(value, null, 2)}\n`);
}

const MAX_ERROR_CHARS = 1000;

/** Any message as one line (multi-line messages from servers and validators are folded). */
export function oneLine(message: string): string {
  const folded = message.replace(/\s*\r?\n\s*/g, ' ').trim();
  return folded.length > MAX_ERROR_CHARS ? `${folded.slice(0, MAX_ERROR_CHARS)}…` : folded;
}

export function printError(err: (s: string) => void, message: string): void {
  err(`connector-auditor: ${oneLine(message)}\n`);
}

export function printProblems(err: (s: string) => void, problems: readonly SourceProblem[]): void {
  for (const p of problems) err(`${p.severity}: ${p.file}:${p.line}:${p.column}: ${oneLine(p.message)}\n`);
}

/** Pads the first column so names line up, without a table library. */
export function columns(rows: readonly string[][], gap = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i])))
      .join(gap)
      .trimEnd(),
  );
}
