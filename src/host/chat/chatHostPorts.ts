import * as vscode from 'vscode';
import type { AttachedConnector } from '../../core/agent/conversation';
import { attachSessions } from '../../core/chat/attachSessions';
import { attachedByDefault } from '../../core/builtins/catalog';
import type { AttachResult, ChatPorts, ChosenModel, RunConnectors } from '../../core/chat/chatPorts';
import type { ChatStore } from '../../core/chat/chatStore';
import { referencedSecrets } from '../../core/connectors/placeholders';
import type { Services } from '../services';

const t = vscode.l10n.t;

/** The chat's ports over the extension's shared services: one pool, one confirmation service, one log. */
export function hostChatPorts(s: Services, store: ChatStore): ChatPorts {
  return {
    chooseModel: () => chooseChatModel(s, 'ask'),
    attachConnectors: (ids, signal, run) => attachChatConnectors(s, ids, signal, run),
    // The shared service: its native modal is the only way a chat's tool call is confirmed.
    confirmations: s.confirmations,
    studio: async (ids, signal) => (await import('../studio/studioChatSetup.js')).studioChatSetup(s, ids, signal),
    policy: () => s.confirmationPolicy(),
    pins: s.pins,
    saver: store,
    log: s.log,
    runOptions: () => agentSettings(),
    evidencePolicy: async () => {
      const { readEvidencePolicy } = await import('../../core/evidence/policyFile.js');
      const read = await readEvidencePolicy(s.privateFile);
      for (const problem of read.problems) s.log.warn(`${problem} — the evidence policy is not applied.`);
      return read.policy;
    },
  };
}

/** connectorAuditor.agent.*: the run's budgets (0 context tokens: what the model declares, else 32,000). */
function agentSettings(): { maxRounds?: number; maxContextTokens?: number; allowWriteTools: boolean } {
  const c = vscode.workspace.getConfiguration('connectorAuditor.agent');
  // Only the person's own settings may let an audit write: a cloned workspace must not turn it on.
  const writes = c.inspect<boolean>('allowWriteTools');
  const rounds = c.get<number>('maxRounds');
  const tokens = c.get<number>('maxContextTokens');
  return {
    ...(typeof rounds === 'number' && rounds >= 2 ? { maxRounds: Math.floor(rounds) } : {}),
    ...(typeof tokens === 'number' && tokens >= 4000 ? { maxContextTokens: Math.floor(tokens) } : {}),
    allowWriteTools: writes?.globalValue === true,
  };
}

/** Model code (two provider SDKs) loads on first use, never at activation. */
export async function chooseChatModel(s: Services, urlMode: 'ask' | 'peek'): Promise<ChosenModel> {
  const { chooseModel } = await import('../models/modelChoice.js');
  const choice = await chooseModel(s.secrets, await s.modelUrl.resolve(urlMode));
  return {
    client: choice.client,
    label: choice.client.id,
    detail: choice.reason,
    keyProvider: choice.provider === 'vscode' ? undefined : choice.provider,
    secrets: choice.apiKey ? [choice.apiKey] : [],
    ...(choice.assumed ? { assumed: true } : {}),
  };
}

/**
 * The connectors a chat offers: the ones it names, or every enabled one, changed by the run (the
 * workspace built-in added for a workspace audit, the audited connector left out). A workspace
 * connector in an untrusted workspace is never started (said once as a notice), nor is a disabled
 * or removed one.
 */
async function attachChatConnectors(s: Services, ids: readonly string[] | undefined, signal: AbortSignal, run?: RunConnectors): Promise<AttachResult> {
  const all = s.registry.snapshot.connectors;
  const notices: string[] = [];
  const candidates: AttachedConnector[] = [];
  const base = ids === undefined ? all.filter((c) => c.enabled && attachedByDefault(c)).map((c) => c.id) : ids;
  const omit = new Set(run?.omit ?? []);
  const wanted = [...new Set([...base, ...(run?.add ?? [])])].filter((id) => !omit.has(id));
  for (const id of wanted) {
    const connector = all.find((c) => c.id === id);
    const session = connector && s.pool.get(id);
    if (!connector) notices.push(t('The connector "{0}" no longer exists; the audit goes on without it.', id));
    else if (!connector.enabled) notices.push(t('"{0}" is disabled; the audit goes on without it.', connector.label));
    else if (!s.isStartAllowed(connector)) {
      notices.push(t('"{0}" belongs to this untrusted workspace and is not started; trust the workspace to use it.', connector.label));
    } else if (session) candidates.push({ connector, session });
  }
  const result = await attachSessions(candidates, signal);
  return { ...result, notices, secrets: await connectorSecrets(s) };
}

/**
 * The values behind `${secret:…}` of every registered connector, not only the attached ones: a
 * connector that failed to start still has its secret in the person's clipboard and the model's
 * mouth. Masked wherever the run's text goes.
 */
async function connectorSecrets(s: Services): Promise<string[]> {
  const names = new Set(s.registry.snapshot.connectors.flatMap((c) => referencedSecrets(c.config)));
  const values = await Promise.all([...names].map((name) => s.secrets.get(name).then(undefined, () => undefined)));
  return values.filter((v): v is string => !!v && v.length >= 4);
}
