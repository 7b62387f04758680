import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AgentRunner, type AgentRunnerDeps } from '../agent/agentRunner';
import type { StudioToolConfiguration } from './studioToolConfiguration';
import type { StudioConnector } from './studioModel';
import { studioBackend, type StudioBackendOptions } from './studioBackend';

export interface StudioAttachment {
  connector: StudioConnector;
  /** Sent as the connector's tool_configuration; derive with studioToolConfiguration(). */
  toolConfiguration: StudioToolConfiguration;
  /** The connector's tools as listed (optional): their annotations go into confirmation dialogs. */
  tools?: readonly Tool[];
}

/** The run's shared deps (confirmations, policy, pins, secrets, options…) and what the Studio backend needs. */
export type StudioAgentDeps = Omit<AgentRunnerDeps, 'model' | 'backend'> & Omit<StudioBackendOptions, 'state'>;

/**
 * The one agent loop (AgentRunner) with the Studio backend (studioBackend.ts): Studio connectors
 * and web_search run on Mistral's side, local connectors' tools are functions the loop runs.
 * Only the setup differs; the Mistral conversation a chat continues is kept on its Conversation.
 */
export class StudioAgentRunner extends AgentRunner {
  constructor(deps: StudioAgentDeps) {
    const { api, model, studioConnectors, webSearch, ...shared } = deps;
    super({ ...shared, backend: (conversation) => studioBackend({ api, model, studioConnectors, webSearch, state: () => (conversation.studio ??= {}) }) });
  }
}
