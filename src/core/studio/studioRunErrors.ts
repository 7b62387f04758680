import { toModelError } from '../agent/models/errors';
import type { ModelErrorKind } from '../agent/modelClient';
import { redactSecrets } from '../util/redact';
import type { StudioTransport } from './studioConversationSdk';

/**
 * A failed Conversations request in the words a chat-completions failure would use (the same
 * ModelError kinds: 401 auth with the key hint, 429 rateLimit, unreachable, …), so the front
 * ends offer the same fixes in Studio mode as elsewhere.
 */
export function studioFailure(
  err: unknown,
  ctx: { url: string; keyHint: string; signal: AbortSignal },
  transport: StudioTransport | undefined,
  secrets: Iterable<string>,
): { kind: ModelErrorKind; message: string } {
  const error = toModelError(err, { provider: 'Mistral', url: ctx.url.replace(/\/+$/, ''), keyHint: ctx.keyHint, signal: ctx.signal }, transport);
  return { kind: error.kind, message: redactSecrets(error.message, secrets) };
}
