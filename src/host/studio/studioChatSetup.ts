import * as vscode from 'vscode';
import { MISTRAL_DEFAULT_MODEL, MISTRAL_SERVER_URL } from '../../core/agent/models/mistral';
import { endpointsFromEnv } from '../../core/builtins/endpoints';
import type { StudioSetup } from '../../core/chat/chatPorts';
import { attachStudioConnectors } from '../../core/studio/studioAttachments';
import { chooseStudioConnectors } from '../../core/chat/studioChoice';
import { StudioClient } from '../../core/studio/studioClient';
import { StudioError } from '../../core/studio/studioError';
import type { StudioConnector } from '../../core/studio/studioModel';
import type { StudioHeader } from '../../protocol/chatItems';
import { MISTRAL_KEY_SECRET } from '../models/keyNames';
import type { Services } from '../services';

const t = vscode.l10n.t;

/**
 * What a chat in Studio mode runs with: the Mistral key (SecretStorage, else MISTRAL_API_KEY in
 * VS Code's environment), the API root (CONNECTOR_AUDITOR_MISTRAL_URL overrides it), the model,
 * and every Studio connector of the workspace with the tool configuration the local rules give
 * its tools. A connector whose tools cannot be listed is left out: without its tools nobody can
 * say which of them must ask first, and a Studio tool never runs unasked where a local one would ask.
 */
export async function studioChatSetup(s: Services, ids: readonly string[] | undefined, signal: AbortSignal): Promise<StudioSetup> {
  const api = await studioApi(s);
  const client = new StudioClient({ apiKey: api.apiKey, serverUrl: api.serverUrl, keyHint: keyHint() });
  const { connectors, truncated } = await client.list(signal);
  const policy = s.confirmationPolicy();
  const { chosen, notices } = chooseStudioConnectors(connectors, ids, truncated);
  const { attached, leftOut } = await attachStudioConnectors(client, chosen, policy, signal);
  for (const { connector, reason } of leftOut) {
    s.log.warn(`chat: Studio connector ${connector.name}: its tools could not be listed: ${reason}`);
    notices.push(t('The Studio connector "{0}" is left out: its tools could not be listed ({1}).', connector.name, reason));
  }
  return { api, model: studioModel(), studioConnectors: attached, webSearch: true, notices };
}

/** Every Studio connector of the workspace, for the chat's connector picker. */
export async function listStudioConnectors(s: Services): Promise<StudioConnector[]> {
  const api = await studioApi(s);
  return (await new StudioClient({ apiKey: api.apiKey, serverUrl: api.serverUrl, keyHint: keyHint() }).list()).connectors;
}

/** The header's account of Studio mode: the model and the connectors a run would attach (a list, no tools). */
export async function describeStudio(s: Services, ids: readonly string[] | undefined, signal?: AbortSignal): Promise<StudioHeader> {
  const model = studioModel();
  try {
    const api = await studioApi(s);
    const { connectors, truncated } = await new StudioClient({ apiKey: api.apiKey, serverUrl: api.serverUrl, keyHint: keyHint() }).list(signal);
    return {
      model,
      webSearch: true,
      connectors: chooseStudioConnectors(connectors, ids, truncated).chosen.map((c) => ({
        id: c.id.slice(0, 200),
        label: clip(c.title ?? c.name, 200),
        detail: clip(t('Mistral Studio connector "{0}" ({1}): runs on Mistral\'s side. {2}', c.name, c.visibility, c.description), 2000),
      })),
    };
  } catch (err) {
    return { model, webSearch: true, connectors: [], problem: clip(err instanceof Error ? err.message : String(err), 2000) };
  }
}

async function studioApi(s: Services): Promise<StudioSetup['api']> {
  const apiKey = (await s.secrets.get(MISTRAL_KEY_SECRET)) ?? process.env.MISTRAL_API_KEY;
  if (!apiKey) throw new StudioError('auth', t('Studio mode needs a Mistral API key. {0}', keyHint()));
  return { apiKey, serverUrl: endpointsFromEnv(process.env).mistral ?? MISTRAL_SERVER_URL, keyHint: keyHint() };
}

/** The model setting names a Mistral model only when the provider is Mistral. */
function studioModel(): string {
  const config = vscode.workspace.getConfiguration('connectorAuditor.model');
  const name = config.get<string>('name', '').trim();
  return config.get<string>('provider', 'auto') === 'mistral' && name ? name : MISTRAL_DEFAULT_MODEL;
}

function keyHint(): string {
  return t('Run "Connector Auditor: Set Mistral API Key…" or set MISTRAL_API_KEY.');
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
