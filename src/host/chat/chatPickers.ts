import * as vscode from 'vscode';
import type { ChatMode, ChatSummary } from '../../core/chat/chatRecord';
import { CHAT_STUDIO_CAP } from '../../core/chat/studioChoice';
import type { StudioConnector } from '../../core/studio/studioModel';
import type { ChatStore } from '../../core/chat/chatStore';
import type { Services } from '../services';
import { UserCancelled } from '../commands/commandRunner';
import { attachedByDefault } from '../../core/builtins/catalog';
import { vscodeModels } from '../models/vscodeModels';

const t = vscode.l10n.t;

type Provider = 'auto' | 'vscode' | 'mistral' | 'openai';
interface ModelItem extends vscode.QuickPickItem {
  provider?: Provider;
  family?: string;
}

/** The header's model button: writes connectorAuditor.model.* (user settings), so the CLI-free default stays one place. */
export async function pickModel(): Promise<boolean> {
  const config = vscode.workspace.getConfiguration('connectorAuditor.model');
  const current = config.get<Provider>('provider', 'auto');
  const currentName = config.get<string>('name', '');
  const { models: lm, unavailable } = await vscodeModels();
  const mark = (yes: boolean) => (yes ? '$(check) ' : '');
  const items: ModelItem[] = [
    { label: `${mark(current === 'auto')}${t('Auto')}`, description: t('a VS Code model, else Mistral with a key, else a local server'), provider: 'auto' },
    { label: t('VS Code language models'), kind: vscode.QuickPickItemKind.Separator },
    ...(lm.length
      ? lm.map((m) => ({
          label: `${mark(current === 'vscode' && currentName === m.family)}${m.name}`,
          description: `${m.vendor} · ${m.family}`,
          provider: 'vscode' as const,
          family: m.family,
        }))
      : [
          unavailable
            ? { label: `$(circle-slash) ${t('Not available')}`, detail: unavailable }
            : { label: t('None installed'), description: t('for example GitHub Copilot') },
        ]),
    { label: t('Providers'), kind: vscode.QuickPickItemKind.Separator },
    { label: `${mark(current === 'mistral')}Mistral`, description: t('API key in SecretStorage'), provider: 'mistral' },
    {
      label: `${mark(current === 'openai')}${t('OpenAI-compatible server')}`,
      description: t('Ollama, LM Studio, vLLM, OpenAI (connectorAuditor.model.baseUrl)'),
      provider: 'openai',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Model for Audits'), placeHolder: t('Choose the model the auditor uses') });
  if (!picked?.provider) return false;
  await writeSetting('provider', picked.provider);
  if (picked.provider === 'vscode') await writeSetting('name', picked.family);
  // A VS Code model family means nothing to another provider; a name set for that provider stays.
  else if (current === 'vscode') await writeSetting('name', undefined);
  return true;
}

interface ModeItem extends vscode.QuickPickItem {
  mode: ChatMode;
}

/**
 * The header's mode button: where this chat's agent runs. Resolves the chosen mode; throws
 * UserCancelled when dismissed.
 */
export async function pickMode(current: ChatMode): Promise<ChatMode> {
  const mark = (mode: ChatMode) => (mode === current ? ` $(check)` : '');
  const items: ModeItem[] = [
    {
      label: `$(device-desktop) ${t('Run Locally')}${mark('local')}`,
      detail: t("The model in the header runs the audit here, with this chat's connectors."),
      mode: 'local',
    },
    {
      label: `$(cloud) ${t('Run on Mistral Studio')}${mark('studio')}`,
      detail: t(
        "Mistral's Conversations API runs the audit with your Studio connectors and web search; this chat's connectors join as tools run here. Needs a Mistral API key.",
      ),
      mode: 'studio',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Where This Chat Runs'), placeHolder: t('Choose where the auditor agent runs') });
  if (!picked) throw new UserCancelled();
  return picked.mode;
}

/** User settings; a workspace value would still win, so it is changed too when there is one. */
async function writeSetting(key: string, value: string | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('connectorAuditor.model');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  if (config.inspect(key)?.workspaceValue !== undefined) await config.update(key, value, vscode.ConfigurationTarget.Workspace);
}

/**
 * The chips' edit button: which connectors this chat offers the agent. Choosing exactly the
 * default set (every enabled connector but the opt-in built-ins) is stored as undefined, so a
 * connector added later joins too.
 * Resolves undefined-or-ids; throws UserCancelled when dismissed.
 */
export async function pickConnectors(s: Services, current: readonly string[] | undefined): Promise<string[] | undefined> {
  const enabled = s.registry.snapshot.connectors.filter((c) => c.enabled);
  if (enabled.length === 0) throw new Error(t('There are no enabled connectors. Add one in the Connectors view.'));
  const defaults = enabled.filter(attachedByDefault).map((c) => c.id);
  const chosen = new Set(current ?? defaults);
  const items = enabled.map((c) => ({
    label: c.label,
    description: s.isStartAllowed(c) ? c.config.description : t('untrusted workspace: not started'),
    picked: chosen.has(c.id),
    id: c.id,
  }));
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Connectors for This Chat'),
    canPickMany: true,
    placeHolder: t('The auditor may use the tools of these connectors'),
  });
  if (!picked) throw new UserCancelled();
  return sameIds(
    picked.map((p) => p.id),
    defaults,
  )
    ? undefined
    : picked.map((p) => p.id);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

interface ChatConnectorItem extends vscode.QuickPickItem {
  id?: string;
  studio?: boolean;
}

/**
 * The chips' edit button in Studio mode: one list with the Studio connectors (run on Mistral's
 * side) and this machine's (called back by the Studio agent). Choosing all of a kind is stored as
 * "every one" (undefined); throws UserCancelled when dismissed.
 */
export async function pickStudioChatConnectors(
  s: Services,
  studio: readonly StudioConnector[],
  current: { local: readonly string[] | undefined; studio: readonly string[] | undefined },
): Promise<{ local: string[] | undefined; studio: string[] | undefined }> {
  const enabled = s.registry.snapshot.connectors.filter((c) => c.enabled);
  const localDefaults = enabled.filter(attachedByDefault).map((c) => c.id);
  const localChosen = new Set(current.local ?? localDefaults);
  const studioChosen = new Set(current.studio ?? studio.slice(0, CHAT_STUDIO_CAP).map((c) => c.id));
  const items: ChatConnectorItem[] = [
    { label: t("Mistral Studio: run on Mistral's side"), kind: vscode.QuickPickItemKind.Separator },
    ...studio.map((c) => ({ label: `$(cloud) ${c.title ?? c.name}`, description: c.description, picked: studioChosen.has(c.id), id: c.id, studio: true })),
    { label: t('This machine: called back by the Studio agent'), kind: vscode.QuickPickItemKind.Separator },
    ...enabled.map((c) => ({
      label: c.label,
      description: s.isStartAllowed(c) ? c.config.description : t('untrusted workspace: not started'),
      picked: localChosen.has(c.id),
      id: c.id,
      studio: false,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Connectors for This Chat'),
    canPickMany: true,
    placeHolder: t('The Studio agent may use these connectors'),
  });
  if (!picked) throw new UserCancelled();
  const studioIds = picked.filter((p) => p.studio && p.id).map((p) => p.id as string);
  const localIds = picked.filter((p) => p.studio === false && p.id).map((p) => p.id as string);
  return {
    // "Every one" only when that is what the cap allows; else the list itself, so the choice holds.
    studio: studioIds.length === studio.length && studio.length <= CHAT_STUDIO_CAP ? undefined : studioIds,
    local: sameIds(localIds, localDefaults) ? undefined : localIds,
  };
}

interface HistoryItem extends vscode.QuickPickItem {
  summary: ChatSummary;
}

/**
 * The history list, newest first: the verdict beside each title, a trash button to delete (after
 * a modal confirmation). Resolves the id to open, or undefined when dismissed.
 */
export async function pickChat(store: ChatStore, onDeleted: (id: string) => void): Promise<string | undefined> {
  const trash: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('trash'), tooltip: t('Delete Chat') };
  const quickPick = vscode.window.createQuickPick<HistoryItem>();
  quickPick.title = t('Chat History');
  quickPick.placeholder = t('Reopen a chat');
  quickPick.matchOnDescription = true;
  const load = async () => {
    quickPick.busy = true;
    const summaries = await store.list();
    quickPick.items = summaries.map((summary) => ({
      label: summary.title,
      description: summary.verdict ?? '',
      detail: new Date(summary.updatedAt).toLocaleString(vscode.env.language),
      buttons: [trash],
      summary,
    }));
    if (summaries.length === 0) quickPick.placeholder = t('No saved chats yet');
    quickPick.busy = false;
  };
  try {
    return await new Promise<string | undefined>((resolve) => {
      quickPick.onDidAccept(() => resolve(quickPick.selectedItems[0]?.summary.id));
      let confirming = false;
      // The modal takes the focus and may hide the list: that is not a dismissal.
      quickPick.onDidHide(() => confirming || resolve(undefined));
      quickPick.onDidTriggerItemButton(async ({ item }) => {
        const remove = t('Delete');
        confirming = quickPick.ignoreFocusOut = true;
        try {
          const answer = await vscode.window.showWarningMessage(t('Delete the chat "{0}"?', item.summary.title), { modal: true }, remove);
          if (answer === remove) {
            await store.delete(item.summary.id);
            onDeleted(item.summary.id);
          }
        } finally {
          confirming = quickPick.ignoreFocusOut = false;
        }
        quickPick.show();
        await load();
      });
      quickPick.show();
      void load();
    });
  } finally {
    quickPick.dispose();
  }
}
