import type { ConfirmationGate, ConfirmationRequest } from '../tools/confirmation';

/**
 * Lets the loop see, for one tool call, that ToolCaller is asking for a confirmation and what
 * the answer was, while the question itself still goes to the app's shared gate (one dialog at
 * a time, "Allow for this Session" remembered there).
 */
export function confirmationProbe(
  shared: ConfirmationGate,
  onAsk: (request: ConfirmationRequest) => void,
  onAnswer: (allowed: boolean) => void,
): ConfirmationGate {
  return {
    async request(request, signal) {
      onAsk(request);
      const allowed = await shared.request(request, signal);
      onAnswer(allowed);
      return allowed;
    },
  };
}
