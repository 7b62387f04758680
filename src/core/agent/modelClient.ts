/**
 * The model port: one LLM backend that streams text and complete tool calls. Implemented for
 * Mistral (@mistralai/mistralai), OpenAI-compatible servers (openai) and, host side, VS Code's
 * Language Model API. The agent loop only ever sees these types.
 */

export interface ModelToolCall {
  /** Provider's id, echoed back in the tool result message. */
  id: string;
  name: string;
  /** Raw JSON text as the model produced it; may be malformed (the loop answers that as a tool error). */
  arguments: string;
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string; toolCalls?: ModelToolCall[] }
  | { role: 'tool'; toolCallId: string; name: string; content: string };

export interface ModelTool {
  /** `[A-Za-z0-9_-]{1,64}`; connector tools are namespaced `connector__tool`. */
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ModelRequest {
  messages: ChatMessage[];
  tools: ModelTool[];
  /** 'required' forces a tool call (used for the report reminder round). */
  toolChoice?: 'auto' | 'required' | 'none';
  parallelToolCalls?: boolean;
  temperature?: number;
}

export type ModelEvent =
  | { type: 'text'; delta: string }
  | { type: 'toolCall'; call: ModelToolCall }
  | { type: 'usage'; inputTokens: number; outputTokens: number }
  | { type: 'finish'; reason: 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other' };

export interface ModelClient {
  /** e.g. "mistral:mistral-medium-latest", for transcripts and the UI. */
  readonly id: string;
  /** The context window the model declares (VS Code LM's maxInputTokens), when it is known. */
  readonly contextTokens?: number;
  stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent>;
}

export type ModelErrorKind = 'auth' | 'rateLimit' | 'unreachable' | 'timeout' | 'contextTooLong' | 'badRequest' | 'server' | 'cancelled';

/** A provider failure in words a person can act on (names the setting or variable to fix). */
export class ModelError extends Error {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
    /** For rateLimit: what the server asked us to wait. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}
