import { networkCode, toModelError } from '../agent/models/errors';
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
  const url = ctx.url.replace(/\/+$/, '');
  const error = toModelError(err, { provider: 'Mistral', url, keyHint: ctx.keyHint, signal: ctx.signal }, transport);
  // Studio has no base-URL setting: what points it elsewhere is the variable both front ends read (as StudioClient says).
  if (error.kind === 'unreachable') {
    const code = networkCode(err);
    return {
      kind: 'unreachable',
      message: `Cannot reach Mistral at ${url}${code ? ` (${code})` : ''}. Check the network, or CONNECTOR_AUDITOR_MISTRAL_URL if it is set.`,
    };
  }
  return { kind: error.kind, message: redactSecrets(error.message, secrets) };
}
