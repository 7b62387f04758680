/**
 * The confirmation port and the one service every front end uses before a tool that requires
 * confirmation runs: VS Code answers with a native modal, the CLI with a TTY prompt or --yes,
 * and later the agent goes through the same path.
 */

import { asksEveryTime } from './confirmationText';

export type ConfirmationAnswer = 'allow' | 'allowSession' | 'deny';

export interface ConfirmationRequest {
  connectorId: string;
  connectorLabel: string;
  toolName: string;
  /** Arguments with secrets masked, for display. */
  args: Record<string, unknown>;
  /** Why it asks: listed in requiresConfirmation, or the default policy. */
  reason: string;
  readOnly: boolean;
  destructive: boolean;
  /**
   * Set when the tool is held by its pin (new, or changed since it was accepted): the question
   * is asked every time, and "Allow for this Session" is neither offered nor honoured.
   */
  held?: 'new' | 'changed';
}

export interface ConfirmationPort {
  confirm(request: ConfirmationRequest, signal?: AbortSignal): Promise<ConfirmationAnswer>;
}

/** What a caller needs from confirmations: ask, and learn whether the call may run. */
export interface ConfirmationGate {
  request(request: ConfirmationRequest, signal?: AbortSignal): Promise<boolean>;
}

export class ConfirmationService implements ConfirmationGate {
  private readonly allowedForSession = new Set<string>();
  /** One dialog at a time: concurrent calls wait their turn instead of stacking modals. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly port: ConfirmationPort) {}

  /** Resolves true when the call may run. A cancelled wait counts as deny. */
  request(request: ConfirmationRequest, signal?: AbortSignal): Promise<boolean> {
    const key = `${request.connectorId}\u0000${request.toolName}`;
    const turn = this.queue.then(async () => {
      // An earlier "Allow for this Session" was given to the tool as it was then, not as it is now,
      // and to arguments the person could read, not to ones that hide characters.
      const everyTime = asksEveryTime(request);
      if (!everyTime && this.allowedForSession.has(key)) return true;
      if (signal?.aborted) return false;
      const answer = await this.port.confirm(request, signal).catch(() => 'deny' as const);
      if (answer === 'allowSession' && !everyTime) this.allowedForSession.add(key);
      return answer !== 'deny';
    });
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Forgets every "Allow for this Session" (the session ends, or the person asks). */
  reset(): void {
    this.allowedForSession.clear();
  }
}
