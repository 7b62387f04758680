/**
 * Splits a command line typed by a person into argv, with POSIX-like quoting
 * ('single', "double", backslash escapes). The result is spawned without a shell,
 * so no expansion, pipes or redirections happen: they are rejected with a clear reason.
 */
export function splitCommandLine(line: string): string[] {
  const args: string[] = [];
  let current = '';
  let started = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && (line[i + 1] === '"' || line[i + 1] === '\\')) current += line[++i];
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      started = true;
    } else if (ch === '\\' && i + 1 < line.length && /[\s"'\\]/.test(line[i + 1])) {
      // Escapes only what would otherwise be special, so Windows paths (C:\tools\srv.exe) survive.
      current += line[++i];
      started = true;
    } else if (/\s/.test(ch)) {
      if (started) args.push(current);
      current = '';
      started = false;
    } else if ('|&;<>'.includes(ch)) {
      throw new Error(`"${ch}" is shell syntax; the command runs without a shell. Put a script in a file and run that instead.`);
    } else {
      current += ch;
      started = true;
    }
  }
  if (quote) throw new Error(`Unterminated ${quote === '"' ? 'double' : 'single'} quote.`);
  if (started) args.push(current);
  return args;
}
