import type { ChatMessage } from '../agent/modelClient';

/**
 * The longest prefix of a history that a provider accepts as is: it stops before an assistant
 * turn whose tool calls do not all have their results yet. A save in the middle of a run keeps
 * only this, so a window closed while tools run never leaves a chat that every later request
 * would fail on.
 */
export function wellFormedPrefix(messages: readonly ChatMessage[]): ChatMessage[] {
  let end = 0;
  let i = 0;
  while (i < messages.length) {
    const message = messages[i];
    if (message.role === 'tool') return messages.slice(0, end); // a result without its call
    if (message.role !== 'assistant' || !message.toolCalls?.length) {
      end = ++i;
      continue;
    }
    const wanted = new Set(message.toolCalls.map((c) => c.id));
    let j = i + 1;
    while (j < messages.length && wanted.size > 0) {
      const next = messages[j];
      if (next.role !== 'tool' || !wanted.delete(next.toolCallId)) break;
      j++;
    }
    if (wanted.size > 0) return messages.slice(0, end);
    end = i = j;
  }
  return messages.slice(0, end);
}
