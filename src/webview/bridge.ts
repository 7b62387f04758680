import type { WebviewMessage } from '../protocol/chatMessages';

/**
 * The typed side of `postMessage` to the host. Messages that want an answer get a request id; the
 * host's `response` settles the promise. The VS Code API object is passed in, so tests use a fake.
 */

export interface HostApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** A message that can carry a request id, without it (the bridge adds one). */
export type RequestMessage = Exclude<WebviewMessage, { type: 'ready' } | { type: 'log' }>;

export interface Response {
  ok: boolean;
  error?: string;
}

/** A host that never answers must not keep promises (and their closures) alive forever. */
const RESPONSE_TIMEOUT_MS = 120_000;
const MAX_LOG_LENGTH = 4_000;

export class Bridge {
  private nextId = 1;
  private readonly pending = new Map<number, (response: Response) => void>();

  constructor(readonly api: HostApi) {}

  post(message: WebviewMessage): void {
    this.api.postMessage(message);
  }

  /** Sends `message` with a fresh request id; resolves with the host's answer (or a timeout). */
  request(message: RequestMessage): Promise<Response> {
    const requestId = this.nextId++;
    return new Promise<Response>((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId);
        resolve({ ok: false, error: 'The extension did not answer.' });
      }, RESPONSE_TIMEOUT_MS);
      this.pending.set(requestId, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.api.postMessage({ ...message, requestId });
    });
  }

  /** Settles the request `requestId`; false when none is waiting (already timed out, or made up). */
  settle(requestId: number, response: Response): boolean {
    const resolve = this.pending.get(requestId);
    if (!resolve) return false;
    this.pending.delete(requestId);
    resolve(response);
    return true;
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.post({ type: 'log', level, message: message.length > MAX_LOG_LENGTH ? `${message.slice(0, MAX_LOG_LENGTH - 1)}…` : message });
  }
}
