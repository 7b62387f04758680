import type { AuditSpec } from '../audit/judge';
import type { Connector } from '../connectors/registry';
import type { ConnectorSession } from '../mcp/session';
import type { ChatMessage } from './modelClient';

/**
 * What a run works on. The connector is given next to its session (rather than read from
 * `session.connector`) so a caller can apply a narrower tool configuration for one conversation
 * without restarting the server.
 */
export interface AttachedConnector {
  connector: Connector;
  session: ConnectorSession;
}

export interface Conversation {
  readonly connectors: readonly AttachedConnector[];
  /**
   * The history without the system message. A run appends what it adds (the user input, the
   * model's turns, every tool result), always leaving it well formed: each assistant tool call
   * is followed by its tool message, even when the run is cancelled, so a follow-up run can
   * send it to any provider as is.
   */
  readonly messages: ChatMessage[];
  /**
   * Set by a run on the Studio backend (studioBackend.ts): the Mistral conversation that holds this
   * history server-side, so a follow-up run appends to it instead of starting over.
   */
  studio?: { conversationId?: string };
}

export interface AgentInput {
  /** The user message for this run. */
  text: string;
  /** What is audited, for the report when the model never names it (undetermined outcomes). */
  target?: string;
  /** The typed target and what the rules weigh besides tool results; without it the rules read the model's report target. */
  audit?: AuditSpec;
}
