import type { AgentBackend } from '../../core/agent/agentBackend';
import type { FinishedEvent } from '../../core/agent/agentEvents';
import type { Conversation } from '../../core/agent/conversation';
import type { ModelError } from '../../core/agent/modelClient';
import type { ConfirmationDefault } from '../../core/connectors/toolPolicy';
import type { AuditProgress } from './auditProgress';

/**
 * What `audit` does differently by backend (the local model, or Mistral's Conversations API with
 * --studio); everything else — connectors, confirmations, the one agent loop, the report, the
 * transcript, exit codes — is the one path in commands/audit.ts.
 */
export interface AuditBackendSetup {
  /** Keys in use: masked wherever the run's text goes. */
  secrets: string[];
  /** After the transcript opens: picks what the backend needs, says what runs where, returns the backend for the run. */
  prepare(say: (line: string) => void, progress: AuditProgress, policy: ConfirmationDefault): Promise<(conversation: Conversation) => AgentBackend>;
  /** Said when no local connector could be attached, where that leaves the model with only what it knows. */
  noConnectorsNote?: string;
  /** The provider failure that ended a run, whose kind picks the exit code. */
  providerError(finished: FinishedEvent): ModelError | undefined;
}
