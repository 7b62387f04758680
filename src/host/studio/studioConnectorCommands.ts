import * as vscode from 'vscode';
import type { StudioClient } from '../../core/studio/studioClient';
import { STUDIO_NAME, type StudioAuthMethod, type StudioConnector, type StudioConnectorPatch, type StudioVisibility } from '../../core/studio/studioModel';
import { UserCancelled } from '../commands/commandRunner';
import { isBack, runWizard, type Step } from '../commands/wizard';
import type { StudioConnectorNode } from '../tree/nodes';
import type { StudioAccess } from './studioAccess';
import { visibilityWord } from './studioTreeItems';

const t = vscode.l10n.t;

/** Runs one Studio operation with a progress notification (cancellable), then redraws the Studio group. */
export async function studioOperation<T>(access: StudioAccess, title: string, run: (client: StudioClient, signal: AbortSignal) => Promise<T>): Promise<T> {
  const client = access.requireClient();
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      return run(client, abort.signal).finally(() => sub.dispose());
    });
  } finally {
    // Whatever happened, the list may have changed (or said why it cannot be read): read it again.
    access.refresh();
  }
}

/** The Studio connector a command acts on: its tree row, or one the person picks from the list. */
export async function resolveStudioConnector(access: StudioAccess, arg: unknown): Promise<StudioConnector> {
  const node = arg as StudioConnectorNode | undefined;
  if (node?.kind === 'studioConnector') return node.connector;
  const listing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Reading Mistral Studio connectors') }, () =>
    access.catalog.connectors(),
  );
  if (!listing.ok) throw listing.error;
  if (listing.connectors.length === 0) throw new Error(t('There are no connectors in Mistral Studio yet. Create one with "Create Studio Connector…".'));
  const picked = await vscode.window.showQuickPick(
    listing.connectors.map((c) => ({ label: c.name, description: visibilityWord(c.visibility), detail: c.description, connector: c })),
    { placeHolder: t('Choose a Mistral Studio connector') },
  );
  if (!picked) throw new UserCancelled();
  return picked.connector;
}

export function validateStudioName(value: string): string | undefined {
  return STUDIO_NAME.test(value.trim()) ? undefined : t('Use 1–64 letters, digits, "_" or "-" (no spaces).');
}

export function validateServerUrl(value: string): string | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return t('The server URL must start with http:// or https://.');
    return undefined;
  } catch {
    return t('Enter the URL of the MCP server, e.g. https://mcp.example.com/mcp');
  }
}

const VISIBILITY_ITEMS = (): (vscode.QuickPickItem & { value: StudioVisibility })[] => [
  { label: t('Private'), description: t('only you'), value: 'private' },
  { label: t('Shared'), description: t('everyone in the Mistral workspace'), value: 'shared_workspace' },
];

const AUTH_ITEMS = (): (vscode.QuickPickItem & { value: StudioAuthMethod })[] => [
  { label: t('None'), description: t('the server needs no credentials'), value: 'none' },
  { label: t('Bearer token'), description: t('each person adds a token in Mistral Studio'), value: 'bearer' },
];

interface CreateState {
  name?: string;
  server?: string;
  description?: string;
  visibility?: StudioVisibility;
  auth?: StudioAuthMethod;
}

/** Create Studio Connector…: name → server URL → description → visibility → authentication. */
export async function createStudioConnector(access: StudioAccess): Promise<void> {
  access.requireClient();
  const steps: Step<CreateState>[] = [
    async (input, state) => {
      const v = await input.inputBox({
        prompt: t('Name of the Studio connector (letters, digits, "_" or "-")'),
        placeholder: 'issue-tracker',
        value: state.name,
        validate: validateStudioName,
      });
      if (isBack(v)) return v;
      state.name = v.trim();
    },
    async (input, state) => {
      const v = await input.inputBox({
        prompt: t('URL of its MCP server (Streamable HTTP or SSE), reachable from Mistral'),
        placeholder: 'https://mcp.example.com/mcp',
        value: state.server,
        validate: validateServerUrl,
      });
      if (isBack(v)) return v;
      state.server = v.trim();
    },
    async (input, state) => {
      const v = await input.inputBox({
        prompt: t('Description: what it is for (agents read it to choose their tools)'),
        value: state.description,
        validate: (x) => (x.trim() ? undefined : t('Studio needs a description')),
      });
      if (isBack(v)) return v;
      state.description = v.trim();
    },
    async (input, state) => {
      const items = VISIBILITY_ITEMS();
      const v = await input.pick({ placeholder: t('Who can use it?'), items, active: items.find((i) => i.value === state.visibility) });
      if (isBack(v)) return v;
      state.visibility = v.value;
    },
    async (input, state) => {
      const items = AUTH_ITEMS();
      const v = await input.pick({ placeholder: t('How does the server authenticate requests?'), items, active: items.find((i) => i.value === state.auth) });
      if (isBack(v)) return v;
      state.auth = v.value;
    },
  ];
  const state = await runWizard(t('Create Studio Connector'), () => steps, {} as CreateState);
  const input = { name: state.name!, server: state.server!, description: state.description!, visibility: state.visibility, auth: state.auth };
  const created = await studioOperation(access, t('Creating Studio connector "{0}"…', input.name), (client, signal) => client.create(input, signal));
  void vscode.window.showInformationMessage(t('Created Studio connector "{0}" ({1}).', created.name, visibilityWord(created.visibility)));
}

type Field = 'name' | 'description' | 'server' | 'visibility' | 'auth';

/** Edit Studio Connector…: pick one field, change it; visibility goes through share / unshare. */
export async function editStudioConnector(access: StudioAccess, arg?: unknown): Promise<void> {
  const c = await resolveStudioConnector(access, arg);
  const auth = c.authMethods.join(', ') || t('none');
  const fields: (vscode.QuickPickItem & { field: Field })[] = [
    { label: t('Name'), description: c.name, field: 'name' },
    { label: t('Description'), description: c.description, field: 'description' },
    { label: t('Server URL'), description: c.server ?? t('(built in)'), field: 'server' },
    { label: t('Visibility'), description: visibilityWord(c.visibility), field: 'visibility' },
    { label: t('Authentication'), description: auth, field: 'auth' },
  ];
  const picked = await vscode.window.showQuickPick(fields, { title: t('Edit Studio Connector "{0}"', c.name), placeHolder: t('Choose what to change') });
  if (!picked) throw new UserCancelled();
  const patch = await askPatch(picked.field, c);
  const updated = await studioOperation(access, t('Updating Studio connector "{0}"…', c.name), (client, signal) => client.update(c.id, patch, signal));
  void vscode.window.showInformationMessage(t('Updated Studio connector "{0}".', updated.name));
}

async function askPatch(field: Field, c: StudioConnector): Promise<StudioConnectorPatch> {
  const title = t('Edit Studio Connector "{0}"', c.name);
  const box = async (prompt: string, value: string, validateInput: (v: string) => string | undefined) => {
    const v = await vscode.window.showInputBox({ title, prompt, value, validateInput, ignoreFocusOut: true });
    if (v === undefined) throw new UserCancelled();
    return v.trim();
  };
  const pick = async <T>(items: (vscode.QuickPickItem & { value: T })[], placeHolder: string) => {
    const v = await vscode.window.showQuickPick(items, { title, placeHolder });
    if (!v) throw new UserCancelled();
    return v.value;
  };
  switch (field) {
    case 'name':
      return { name: await box(t('New name'), c.name, validateStudioName) };
    case 'description':
      return { description: await box(t('New description'), c.description, (x) => (x.trim() ? undefined : t('Studio needs a description'))) };
    case 'server':
      return { server: await box(t('New MCP server URL'), c.server ?? '', validateServerUrl) };
    case 'visibility':
      return { visibility: await pick(VISIBILITY_ITEMS(), t('Who can use it?')) };
    case 'auth':
      return { auth: await pick(AUTH_ITEMS(), t('How does the server authenticate requests?')) };
  }
}

/** Delete Studio Connector…: a native modal naming the connector and who loses it; nothing is sent on Cancel. */
export async function deleteStudioConnector(access: StudioAccess, arg?: unknown): Promise<void> {
  const c = await resolveStudioConnector(access, arg);
  const shared = c.visibility !== 'private';
  const detail = shared
    ? t('It is shared: it is removed for the whole Mistral workspace, and every person and app using it loses it. This cannot be undone.')
    : t('It is removed from Mistral Studio, and apps of yours that use it lose it. This cannot be undone.');
  const remove = t('Delete');
  const choice = await vscode.window.showWarningMessage(t('Delete the Studio connector "{0}"?', c.name), { modal: true, detail }, remove);
  if (choice !== remove) return;
  await studioOperation(access, t('Deleting Studio connector "{0}"…', c.name), (client, signal) => client.delete(c.id, signal));
  void vscode.window.showInformationMessage(t('Deleted Studio connector "{0}".', c.name));
}
