import { AgentRunner, type AgentRun } from '../agent/agentRunner';
import { rulesBackend } from '../agent/rulesBackend';
import type { AgentInput, Conversation } from '../agent/conversation';
import { StudioAgentRunner } from '../studio/studioAgent';
import { StudioError } from '../studio/studioError';
import type { Fix } from '../../protocol/chatItems';
import type { ChatPorts } from './chatPorts';
import type { Policy } from '../evidence/policy';
import { modeOf, type ChatRecord } from './chatRecord';

/**
 * The agent a chat run uses, by the chat's mode: the local loop over the chosen model, or
 * Mistral's Conversations API with the workspace's Studio connectors. Both take the same
 * conversation and emit the same events, so the rest of the chat does not care which ran.
 */

export interface ChatRunner {
  run(conversation: Conversation, input: AgentInput, signal?: AbortSignal): AgentRun;
}

export type PreparedRunner =
  | {
      ok: true;
      runner: ChatRunner;
      /** The provider whose key a rejected-key error offers to set. */
      keyProvider?: 'mistral' | 'openai';
      /** Keys in use: masked wherever the run's text goes. */
      secrets: readonly string[];
      /** Said once before the run (e.g. a Studio connector left out), with a next step where there is one. */
      notices: readonly Notice[];
    }
  | { ok: false; message: string; fixes: Fix[] };

export type Notice = string | { text: string; fixes: Fix[] };

const RETRY: Fix = { id: 'retry', label: 'Try Again', action: { type: 'retry' } };
const MODEL_SETUP_FIXES: Fix[] = [{ id: 'settings', label: 'Open Model Settings', action: { type: 'openModelSettings' } }, RETRY];
const STUDIO_KEY_FIXES: Fix[] = [{ id: 'key', label: 'Set Mistral API Key…', action: { type: 'setModelKey', provider: 'mistral' } }, RETRY];

const MODEL_PICK: Fix = { id: 'pick-model', label: 'Set Up a Model…', action: { type: 'pickModel' } };
/** One line: what ran instead of a model, and what a model would add. */
export const RULES_ONLY_NOTICE = 'No model is configured, so the evidence rules audit this on their own. A model adds explanation.';

export function prepareRunner(
  record: ChatRecord,
  ports: ChatPorts,
  secrets: () => Iterable<string>,
  signal: AbortSignal,
  input?: AgentInput,
): Promise<PreparedRunner> {
  return modeOf(record) === 'studio' ? prepareStudio(ports, record.studioConnectorIds, secrets, signal) : prepareLocal(ports, secrets, input);
}

async function prepareLocal(ports: ChatPorts, secrets: () => Iterable<string>, input: AgentInput | undefined): Promise<PreparedRunner> {
  try {
    const model = await ports.chooseModel();
    const evidencePolicy = await ports.evidencePolicy?.();
    // Only a named target: the rules cannot answer a question, which keeps today's model guidance.
    if (model.assumed && input?.audit) return prepareRules(ports, secrets, evidencePolicy);
    const runner = new AgentRunner({
      model: model.client,
      ...(evidencePolicy ? { evidencePolicy } : {}),
      confirmations: ports.confirmations,
      policy: ports.policy,
      pins: ports.pins,
      secrets,
      options: ports.runOptions?.() ?? {},
    });
    return { ok: true, runner, keyProvider: model.keyProvider, secrets: model.secrets ?? [], notices: [] };
  } catch (err) {
    return { ok: false, message: messageOf(err), fixes: MODEL_SETUP_FIXES };
  }
}

/** The audit without a model: the evidence plan's built-in calls through the same loop, the rules' report. */
function prepareRules(ports: ChatPorts, secrets: () => Iterable<string>, evidencePolicy: Policy | undefined): PreparedRunner {
  const runner = new AgentRunner({
    ...(evidencePolicy ? { evidencePolicy } : {}),
    // The notice above already says why no model runs; the backend only names the target.
    backend: rulesBackend({ intro: '' }),
    confirmations: ports.confirmations,
    policy: ports.policy,
    pins: ports.pins,
    secrets,
    options: ports.runOptions?.() ?? {},
  });
  return { ok: true, runner, secrets: [], notices: [{ text: RULES_ONLY_NOTICE, fixes: [MODEL_PICK] }] };
}

async function prepareStudio(
  ports: ChatPorts,
  ids: readonly string[] | undefined,
  secrets: () => Iterable<string>,
  signal: AbortSignal,
): Promise<PreparedRunner> {
  if (!ports.studio) return { ok: false, message: 'Mistral Studio is not available here. Switch the chat back to running locally.', fixes: [] };
  try {
    const setup = await ports.studio(ids, signal);
    const runner = new StudioAgentRunner({
      api: setup.api,
      model: setup.model,
      studioConnectors: setup.studioConnectors,
      webSearch: setup.webSearch,
      confirmations: ports.confirmations,
      policy: ports.policy,
      pins: ports.pins,
      secrets,
      options: ports.runOptions?.() ?? {},
    });
    return { ok: true, runner, keyProvider: 'mistral', secrets: [setup.api.apiKey], notices: setup.notices ?? [] };
  } catch (err) {
    // No key, or Mistral refused the one set: the fix is the key, not the model settings.
    const fixes = err instanceof StudioError && err.kind === 'auth' ? STUDIO_KEY_FIXES : [RETRY];
    return { ok: false, message: `Mistral Studio could not be prepared: ${messageOf(err)}`, fixes };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
