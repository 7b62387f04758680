import type { ConversationEvent } from './studioConversationSdk';

/**
 * One response of the Conversations API, read from its event stream: text as it arrives,
 * server-side tool executions as they start and end, and what the client must act on once the
 * response is done (function calls to run here, calls waiting for a person's confirmation).
 * Function-call deltas are joined by tool_call_id: Mistral may stream one call's arguments in
 * several pieces.
 */

export interface StudioFunctionCall {
  toolCallId: string;
  name: string;
  arguments: string;
  /** 'pending' for a Studio connector's tool held by its requires_confirmation. */
  confirmationStatus?: string;
}

export interface StudioResponse {
  conversationId?: string;
  text: string;
  functionCalls: StudioFunctionCall[];
  usage?: { inputTokens: number; outputTokens: number };
  /** A `conversation.response.error` event: the response failed on Mistral's side. */
  error?: { message: string; code: number };
  /** The stream ended without `conversation.response.done` (a cut connection, a broken server). */
  complete: boolean;
}

export interface StudioStreamHandlers {
  text(delta: string): void;
  executionStarted(exec: { id: string; name: string; arguments: string }): void;
  executionDone(exec: { id: string; name: string; isError: boolean; info: Record<string, unknown> }): void;
}

export async function readResponse(events: AsyncIterable<{ data: ConversationEvent }>, on: StudioStreamHandlers): Promise<StudioResponse> {
  const response: StudioResponse = { text: '', functionCalls: [], complete: false };
  const calls = new Map<string, StudioFunctionCall>();
  for await (const { data: event } of events) {
    switch (event.type) {
      case 'conversation.response.started':
        response.conversationId = event.conversationId;
        break;
      case 'message.output.delta': {
        // One chunk per event when not a plain string; only text is shown (references, thinking, files are not).
        const delta = typeof event.content === 'string' ? event.content : event.content.type === 'text' ? event.content.text : '';
        if (delta) {
          response.text += delta;
          on.text(delta);
        }
        break;
      }
      case 'function.call.delta': {
        const known = calls.get(event.toolCallId);
        if (known) {
          known.arguments += event.arguments;
          if (event.confirmationStatus) known.confirmationStatus = event.confirmationStatus;
        } else {
          calls.set(event.toolCallId, {
            toolCallId: event.toolCallId,
            name: event.name,
            arguments: event.arguments,
            ...(event.confirmationStatus ? { confirmationStatus: event.confirmationStatus } : {}),
          });
        }
        break;
      }
      case 'tool.execution.started':
        on.executionStarted({ id: event.id, name: event.name, arguments: event.arguments });
        break;
      case 'tool.execution.done': {
        const info = event.info ?? {};
        on.executionDone({ id: event.id, name: event.name, isError: info.is_error === true || info.isError === true, info });
        break;
      }
      case 'conversation.response.done':
        response.usage = { inputTokens: event.usage.promptTokens, outputTokens: event.usage.completionTokens };
        response.complete = true;
        break;
      case 'conversation.response.error':
        response.error = { message: event.message, code: event.code };
        break;
      default:
        // Handoffs and tool-execution deltas carry nothing this client shows.
        break;
    }
  }
  response.functionCalls = [...calls.values()];
  return response;
}
