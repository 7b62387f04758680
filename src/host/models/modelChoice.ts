import * as vscode from 'vscode';
import type { ModelClient } from '../../core/agent/modelClient';
import { createModelClient, OLLAMA_BASE_URL } from '../../core/agent/models';
import type { SecretStore } from '../secrets';
import { MISTRAL_KEY_SECRET, OPENAI_KEY_SECRET } from './keyNames';
import { VscodeLmClient } from './vscodeLmClient';
import { vscodeModels } from './vscodeModels';
import type { ModelUrl } from './workspaceModelUrl';

/**
 * Which model an audit uses. `auto` picks what the person already has: a VS Code language model
 * (for example Copilot), else Mistral when a key is set, else an OpenAI-compatible local server
 * (Ollama). Keys live in SecretStorage; MISTRAL_API_KEY / OPENAI_API_KEY in VS Code's environment
 * also work.
 */
export type ModelProviderSetting = 'auto' | 'vscode' | 'mistral' | 'openai';

export { MISTRAL_KEY_SECRET, OPENAI_KEY_SECRET } from './keyNames';

export interface ModelChoice {
  client: ModelClient;
  /** Why this one, in words, for the chat header and logs. */
  reason: string;
  /** Which provider answered: a rejected key is fixed per provider (VS Code's models have none). */
  provider: 'vscode' | 'mistral' | 'openai';
  /** The key in use, so a run can mask it; never shown, logged or stored. */
  apiKey?: string;
  /** Automatic choice's last guess (Ollama's default address, no key, no URL set): no model is configured. */
  assumed?: boolean;
}

const t = vscode.l10n.t;

/** @param modelUrl the base URL after the workspace-setting consent (workspaceModelUrl.ts). */
export async function chooseModel(
  secrets: SecretStore,
  modelUrl: ModelUrl,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<ModelChoice> {
  const choice = await chooseProvider(secrets, modelUrl.url, env);
  return modelUrl.note ? { ...choice, reason: `${choice.reason}. ${modelUrl.note}` } : choice;
}

async function chooseProvider(secrets: SecretStore, baseUrl: string | undefined, env: Readonly<Record<string, string | undefined>>): Promise<ModelChoice> {
  const config = vscode.workspace.getConfiguration('connectorAuditor.model');
  const provider = config.get<ModelProviderSetting>('provider', 'auto');
  const name = config.get<string>('name', '') || undefined;
  const mistralKey = (await secrets.get(MISTRAL_KEY_SECRET)) ?? env.MISTRAL_API_KEY;
  const openaiKey = (await secrets.get(OPENAI_KEY_SECRET)) ?? env.OPENAI_API_KEY;
  const keyHint = t('Run "Connector Auditor: Set Mistral API Key…" or set MISTRAL_API_KEY.');

  let vscodeUnavailable: string | undefined;
  if (provider === 'vscode' || provider === 'auto') {
    const { models, unavailable } = await vscodeModels(name ? { family: name } : {});
    if (models.length > 0) {
      const model = models.find((m) => m.vendor === 'copilot') ?? models[0];
      return { client: new VscodeLmClient(model), reason: t('VS Code language model {0}', `${model.vendor}/${model.name}`), provider: 'vscode' };
    }
    if (provider === 'vscode') {
      throw new Error(
        unavailable
          ? t('{0}. Choose Mistral or an OpenAI-compatible server with the model button, or set "connectorAuditor.model.provider".', unavailable)
          : t('No VS Code language model is available. Install a provider (for example GitHub Copilot), or choose another "connectorAuditor.model.provider".'),
      );
    }
    vscodeUnavailable = unavailable;
  }
  if (provider === 'mistral' || (provider === 'auto' && mistralKey)) {
    return {
      client: createModelClient({ provider: 'mistral', model: name, baseUrl, apiKey: mistralKey, keyHint }),
      reason: provider === 'mistral' ? t('Mistral (setting)') : because(vscodeUnavailable, t('Mistral (an API key is set)')),
      provider: 'mistral',
      apiKey: mistralKey,
    };
  }
  const url = baseUrl ?? OLLAMA_BASE_URL;
  return {
    client: createModelClient({
      provider: 'openai',
      model: name,
      baseUrl: url,
      apiKey: openaiKey,
      keyHint: t('Run "Connector Auditor: Set OpenAI-Compatible API Key…" or set OPENAI_API_KEY.'),
    }),
    reason:
      provider === 'openai'
        ? t('OpenAI-compatible server at {0} (setting)', url)
        : because(vscodeUnavailable, t('OpenAI-compatible server at {0}: no VS Code language model and no Mistral key', url)),
    provider: 'openai',
    apiKey: openaiKey,
    ...(provider === 'auto' && !openaiKey && !baseUrl ? { assumed: true } : {}),
  };
}

/** Auto's choice, led by why VS Code's models were passed over when that is not the obvious. */
function because(vscodeUnavailable: string | undefined, reason: string): string {
  return vscodeUnavailable ? `${reason}. ${vscodeUnavailable}.` : reason;
}

/** Stores a provider key in SecretStorage, never in settings. */
export async function setModelApiKey(secrets: SecretStore, which: 'mistral' | 'openai'): Promise<void> {
  const label = which === 'mistral' ? 'Mistral' : t('OpenAI-compatible');
  const value = await vscode.window.showInputBox({
    title: t('{0} API Key', label),
    prompt: t('Stored in VS Code SecretStorage, never in settings or logs.'),
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : t('Enter the key')),
  });
  if (value === undefined) return;
  await secrets.set(which === 'mistral' ? MISTRAL_KEY_SECRET : OPENAI_KEY_SECRET, value.trim());
  void vscode.window.showInformationMessage(t('{0} API key saved.', label));
}
