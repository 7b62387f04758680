import { createInterface } from 'node:readline';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../core/tools/confirmation';
import { previewArguments } from '../core/tools/argumentPreview';
import { invisibleFindings, invisibleSentence } from '../core/tools/confirmationText';
import { revealInvisible } from '../core/util/invisibleChars';

/**
 * The CLI's ConfirmationPort: `--yes` allows; on a terminal (stdin and stderr both TTYs) it asks
 * y/N on stderr and reads one line; otherwise nobody can answer, so it denies — and remembers
 * why, so the error can tell the person to pass --yes. Arguments too long to print whole are
 * cut, and then `y` is not accepted until `v` has printed all of them: Allow would send text
 * the person never saw.
 */
export interface TerminalConfirmationOptions {
  yes: boolean;
  interactive: boolean;
  stdin: () => NodeJS.ReadableStream;
  write: (text: string) => void;
}

export type DenialReason = 'not-interactive' | 'answered-no';

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
    let seenAll = previewArguments(request.args).hidden === 0;
    for (;;) {
      const answer = await readLine(this.options.stdin(), signal);
      if (answer !== undefined && /^\s*v(iew)?\s*$/i.test(answer)) {
        this.options.write(fullArgumentsText(request));
        seenAll = true;
        continue;
      }
      if (answer !== undefined && /^\s*y(es)?\s*$/i.test(answer)) {
        if (seenAll) return 'allow';
        this.options.write('The arguments were cut: type v to print all of them first, or n to deny. [v/N] ');
        continue;
      }
      if (answer === undefined) this.options.write('\n');
      this.denial = 'answered-no';
      return 'deny';
    }
  }
}

export function promptText(r: ConfirmationRequest): string {
  const preview = previewArguments(r.args);
  const cut = preview.hidden > 0;
  const marks = [r.destructive ? 'destructive' : '', r.readOnly ? 'read-only' : ''].filter(Boolean);
  const name = revealInvisible(r.toolName, { singleLine: true });
  const label = revealInvisible(r.connectorLabel, { singleLine: true });
  const invisible = invisibleSentence(invisibleFindings(r.toolName, r.connectorLabel, r.args));
  const args = cut ? `${preview.shown}\n${preview.hiddenNote}` : preview.shown;
  return [
    `Run "${name}" on "${label}"?${marks.length ? ` [${marks.join(', ')}]` : ''} It asks first: ${r.reason}.`,
    ...(invisible ? [invisible] : []),
    `Arguments: ${args.replace(/\n/g, '\n  ')}`,
    cut ? 'Allow would send all of them: type v to print them in full and be asked again. [v/N] ' : 'Allow? [y/N] ',
  ].join('\n');
}

/** After `v`: every argument, hidden characters marked, then the question again. */
export function fullArgumentsText(r: ConfirmationRequest): string {
  const preview = previewArguments(r.args);
  return [
    `All ${preview.total.toLocaleString('en-US')} characters of the arguments of "${revealInvisible(r.toolName, { singleLine: true })}":`,
    `  ${preview.full.replace(/\n/g, '\n  ')}`,
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
