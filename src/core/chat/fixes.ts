import type { ModelErrorKind } from '../agent/modelClient';
import type { Fix } from '../../protocol/chatItems';

/**
 * The buttons an inline error offers, by what went wrong. Which provider's key to set is the
 * host's business (it knows the model in use), so a key problem names the action, not the key.
 */
export function fixesFor(kind: ModelErrorKind | undefined, provider?: 'mistral' | 'openai'): Fix[] {
  const settings: Fix = { id: 'settings', label: 'Open Model Settings', action: { type: 'openModelSettings' } };
  const retry: Fix = { id: 'retry', label: 'Try Again', action: { type: 'retry' } };
  switch (kind) {
    case 'auth':
      return provider ? [{ id: 'key', label: 'Set API Key…', action: { type: 'setModelKey', provider } }, settings] : [settings];
    case 'unreachable':
    case 'timeout':
    case 'badRequest':
      return [settings, retry];
    case 'rateLimit':
    case 'server':
      return [retry];
    case 'contextTooLong':
      return [{ id: 'new', label: 'New Chat', action: { type: 'newChat' } }];
    default:
      return [retry];
  }
}

/** When a connector the chat uses could not start. */
export function connectorFixes(connectorId: string): Fix[] {
  return [
    { id: `reconnect:${connectorId}`, label: 'Reconnect', action: { type: 'reconnect', connectorId } },
    { id: `log:${connectorId}`, label: 'Show Log', action: { type: 'showLog', connectorId } },
  ];
}
