import { ConfirmationService, type ConfirmationRequest } from '../tools/confirmation';

/**
 * Lets the loop see, for one tool call, that ToolCaller is asking for a confirmation and what
 * the answer was, while the question itself still goes to the app's shared service (one
 * dialog at a time, "Allow for this Session" remembered there). ToolCaller takes the service
 * class, not an interface, hence a subclass that only forwards.
 */
export class ConfirmationProbe extends ConfirmationService {
  constructor(
    private readonly shared: ConfirmationService,
    private readonly onAsk: (request: ConfirmationRequest) => void,
    private readonly onAnswer: (allowed: boolean) => void,
  ) {
    // The probe never shows anything itself; its own port is unreachable (request is overridden).
    super({ confirm: async () => 'deny' });
  }

  override async request(request: ConfirmationRequest, signal?: AbortSignal): Promise<boolean> {
    this.onAsk(request);
    const allowed = await this.shared.request(request, signal);
    this.onAnswer(allowed);
    return allowed;
  }
}
