import { randomUUID } from 'node:crypto';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { undetermined } from '../audit/outcome';
import type { ConfirmationDefault } from '../connectors/toolPolicy';
import type { PinCheck } from '../pins/toolPins';
import type { ConfirmationGate } from '../tools/confirmation';
import type { AgentEvent, FinishedEvent } from '../agent/agentEvents';
import type { AgentRun, AgentRunOptions } from '../agent/agentRunner';
import type { AgentProfile } from '../agent/auditorProfile';
import type { AgentInput, Conversation } from '../agent/conversation';
import { EventQueue } from '../agent/eventQueue';
import type { TranscriptSink } from '../agent/transcript';
import type { StudioConnector } from './studioModel';
import type { StudioToolConfiguration } from './studioToolConfiguration';

export interface StudioAttachment {
  connector: StudioConnector;
  /** Sent as the connector's tool_configuration; derive with studioToolConfiguration(). */
  toolConfiguration: StudioToolConfiguration;
  /** The connector's tools as listed (optional): their annotations go into confirmation dialogs. */
  tools?: readonly Tool[];
}

export interface StudioAgentDeps {
  /** Key, URL and timeout of the Mistral API (same as StudioClient's). */
  api: { apiKey: string; serverUrl: string; timeoutMs?: number; keyHint?: string };
  model: string;
  studioConnectors: StudioAttachment[];
  /** Attach Mistral's built-in web_search. */
  webSearch: boolean;
  confirmations: ConfirmationGate;
  policy: () => ConfirmationDefault;
  pins?: PinCheck;
  profile?: AgentProfile;
  transcript?: TranscriptSink;
  secrets?: () => Iterable<string>;
  options?: Partial<AgentRunOptions>;
}

/** SKELETON: the loop lands in the next commit. */
export class StudioAgentRunner {
  constructor(private readonly deps: StudioAgentDeps) {}

  run(conversation: Conversation, input: AgentInput, signal?: AbortSignal): AgentRun {
    void conversation;
    void signal;
    void this.deps;
    const queue = new EventQueue<AgentEvent>(() => undefined);
    const event: FinishedEvent = {
      type: 'finished',
      reason: 'error',
      outcome: undetermined(input.target ?? input.text, 'error', 'not implemented yet'),
      rounds: 0,
      usage: { inputTokens: 0, outputTokens: 0 },
      durationMs: 0,
    };
    queue.push(event);
    queue.close();
    return { id: randomUUID(), finished: Promise.resolve(event), [Symbol.asyncIterator]: () => queue[Symbol.asyncIterator]() };
  }
}
