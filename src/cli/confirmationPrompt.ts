import { createInterface } from 'node:readline';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../core/tools/confirmation';

/**
 * The CLI's ConfirmationPort: `--yes` allows; on a terminal (stdin and stderr both TTYs) it asks
 * y/N on stderr and reads one line; otherwise nobody can answer, so it denies — and remembers
 * why, so the error can tell the person to pass --yes.
 */
export interface TerminalConfirmationOptions {
  yes: boolean;
  interactive: boolean;
  stdin: () => NodeJS.ReadableStream;
  write: (text: string) => void;
}

export type DenialReason = 'not-interactive' | 'answered-no';

const MAX_ARGS_SHOWN = 2000;

export class TerminalConfirmationPort implements ConfirmationPort {
  denial: DenialReason | undefined;

  constructor(private readonly options: TerminalConfirmationOptions) {}

  async confirm(request: ConfirmationRequest, signal?: AbortSignal): Promise<ConfirmationAnswer> {
    if (this.options.yes) return 'allow';
    if (!this.options.interactive) {
      this.denial = 'not-interactive';
      return 'deny';
    }
    this.options.write(promptText(request));
    const answer = await readLine(this.options.stdin(), signal);
    if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) return 'allow';
    if (answer === undefined) this.options.write('\n');
    this.denial = 'answered-no';
    return 'deny';
  }
}

export function promptText(r: ConfirmationRequest): string {
  let args = JSON.stringify(r.args, null, 2);
  if (args.length > MAX_ARGS_SHOWN) args = `${args.slice(0, MAX_ARGS_SHOWN)}\n… (${args.length - MAX_ARGS_SHOWN} more characters)`;
  const marks = [r.destructive ? 'destructive' : '', r.readOnly ? 'read-only' : ''].filter(Boolean);
  return [
    `Run "${r.toolName}" on "${r.connectorLabel}"?${marks.length ? ` [${marks.join(', ')}]` : ''} It asks first: ${r.reason}.`,
    `Arguments: ${args.replace(/\n/g, '\n  ')}`,
    'Allow? [y/N] ',
  ].join('\n');
}

/** One line from `input`; undefined on end of input or abort. */
export function readLine(input: NodeJS.ReadableStream, signal?: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(undefined);
    const rl = createInterface({ input, terminal: false });
    let done = false;
    const finish = (value: string | undefined) => {
      if (done) return;
      done = true;
      signal?.removeEventListener('abort', onAbort);
      rl.close();
      resolve(value);
    };
    const onAbort = () => finish(undefined);
    signal?.addEventListener('abort', onAbort, { once: true });
    rl.once('line', (line) => finish(line));
    rl.once('close', () => finish(undefined));
  });
}
