import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ConfirmationAnswer, ConfirmationPort, ConfirmationRequest } from '../../core/tools/confirmation';
import type { TerminalConfirmationPort } from '../confirmationPrompt';
import { revealInvisible } from '../../core/util/invisibleChars';

/**
 * The terminal port of `tools call`, with the answer said on a progress line. The run's events
 * reach the progress printer a few microtasks after they happen; waiting one turn of the event
 * loop before asking lets the lines about this call ("→ tool", "? requires confirmation") come
 * out before the prompt and the answer.
 */
export function announcedConfirmation(port: TerminalConfirmationPort, yes: boolean, say: (line: string) => void): ConfirmationPort {
  return {
    async confirm(request: ConfirmationRequest, signal?: AbortSignal): Promise<ConfirmationAnswer> {
      await nextTurn();
      const answer = await port.confirm(request, signal);
      const line = { singleLine: true };
      say(`  ${revealInvisible(request.connectorLabel, line)} › ${revealInvisible(request.toolName, line)}: ${answerText(answer, yes, port.denial)}`);
      return answer;
    },
  };
}

function answerText(answer: ConfirmationAnswer, yes: boolean, denial: TerminalConfirmationPort['denial']): string {
  if (answer !== 'deny') return yes ? 'allowed (--yes)' : 'allowed';
  return denial === 'not-interactive' ? 'denied (no terminal to ask; pass --yes to allow it)' : 'denied';
}
