import * as vscode from 'vscode';
import { publishPlan } from '../../core/studio/publishPlan';
import { StudioError } from '../../core/studio/studioError';
import type { StudioConnectorInput, StudioVisibility } from '../../core/studio/studioModel';
import { UserCancelled } from '../commands/commandRunner';
import { resolveConnector } from '../commands/connectorCommands';
import type { Services } from '../services';
import { studioOperation, validateStudioName } from './studioConnectorCommands';

const t = vscode.l10n.t;

/**
 * Publish to Studio… on a local connector: refused for stdio (Studio cannot run a command on this
 * machine), otherwise asks for the visibility, says in a modal exactly what is sent and what is
 * not (no secrets, no headers), creates it, and offers another name when the name is taken.
 */
export async function publishToStudio(s: Services, arg?: unknown): Promise<void> {
  s.studio.requireClient();
  const connector = await resolveConnector(s, arg, (c) => !c.builtin);
  const probe = publishPlan(connector.config, { fallbackDescription: '' });
  if (!probe.ok) throw new Error(t('Cannot publish "{0}" to Mistral Studio. {1}', connector.label, probe.reason));

  const visibility = await pickVisibility();
  let name = connector.config.name;
  for (;;) {
    const plan = publishPlan(connector.config, { name, visibility, fallbackDescription: t('Published from Connector Auditor') });
    if (!plan.ok) throw new Error(t('Cannot publish "{0}" to Mistral Studio. {1}', connector.label, plan.reason));
    if (!(await confirmPublish(plan.input, plan.withheld))) return;
    try {
      const created = await studioOperation(s.studio, t('Publishing "{0}" to Mistral Studio…', name), (client, signal) => client.create(plan.input, signal));
      void vscode.window.showInformationMessage(
        t('Published "{0}" to Mistral Studio as "{1}". Add its credentials there if the server needs any.', connector.label, created.name),
      );
      return;
    } catch (err) {
      if (!(err instanceof StudioError && err.kind === 'conflict')) throw err;
      name = await askAnotherName(name);
    }
  }
}

async function pickVisibility(): Promise<StudioVisibility> {
  const items: (vscode.QuickPickItem & { value: StudioVisibility })[] = [
    { label: t('Private'), description: t('only you'), value: 'private' },
    { label: t('Shared'), description: t('everyone in the Mistral workspace'), value: 'shared_workspace' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: t('Publish to Studio'), placeHolder: t('Who can use it in Mistral Studio?') });
  if (!picked) throw new UserCancelled();
  return picked.value;
}

async function confirmPublish(input: StudioConnectorInput, withheld: string[]): Promise<boolean> {
  const lines = [
    t('Server URL: {0}', input.server),
    t('Visibility: {0}', input.visibility === 'shared_workspace' ? t('shared with the Mistral workspace') : t('private')),
    t('Authentication: {0}', input.auth === 'bearer' ? t('bearer (each person adds the token in Mistral Studio)') : t('none')),
    '',
    withheld.length
      ? t('Not sent: {0}. No secret leaves this machine; add the credentials in Mistral Studio.', withheld.join('; '))
      : t('No secret leaves this machine; if the server needs credentials, add them in Mistral Studio.'),
    t('Mistral runs the connector from its servers, so the URL must be reachable from the internet.'),
  ];
  const publish = t('Publish');
  const choice = await vscode.window.showWarningMessage(t('Publish "{0}" to Mistral Studio?', input.name), { modal: true, detail: lines.join('\n') }, publish);
  return choice === publish;
}

async function askAnotherName(taken: string): Promise<string> {
  const another = t('Choose Another Name…');
  const choice = await vscode.window.showWarningMessage(
    t('A Studio connector named "{0}" already exists in the Mistral workspace. Publish under another name?', taken),
    another,
  );
  if (choice !== another) throw new UserCancelled();
  const name = await vscode.window.showInputBox({
    title: t('Publish to Studio'),
    prompt: t('A name not yet used in Mistral Studio'),
    value: `${taken}-2`,
    validateInput: (v) => (v.trim() === taken ? t('"{0}" is taken; choose another name', taken) : validateStudioName(v)),
    ignoreFocusOut: true,
  });
  if (name === undefined) throw new UserCancelled();
  return name.trim();
}
