import * as vscode from 'vscode';
import { setBuiltinField, removeConnectorFromFile, setConnectorField } from '../../core/connectors/fileEdits';
import type { Connector } from '../../core/connectors/registry';
import type { Services } from '../services';
import type { ConnectorNode, ProblemNode, TreeNode } from '../tree/nodes';
import { UserCancelled } from './commandRunner';
import { untrustedMessage } from '../consent/hostStartConsent';

const t = vscode.l10n.t;

/** The connector a command acts on: the tree node it was invoked on, or one the person picks. */
export async function resolveConnector(s: Services, arg: unknown, filter: (c: Connector) => boolean = () => true): Promise<Connector> {
  const node = arg as TreeNode | undefined;
  if (node?.kind === 'connector') return currentVersion(s, node.connector);
  const candidates = s.registry.snapshot.connectors.filter(filter);
  if (candidates.length === 0) throw new Error(t('There is no connector to choose.'));
  const picked = await vscode.window.showQuickPick(
    candidates.map((c) => ({ label: c.label, description: c.config.description, connector: c })),
    { placeHolder: t('Choose a connector') },
  );
  if (!picked) throw new UserCancelled();
  return picked.connector;
}

/** Tree nodes can be a snapshot behind; act on what the registry holds now. */
function currentVersion(s: Services, c: Connector): Connector {
  const now = s.registry.snapshot.connectors.find((x) => x.id === c.id);
  if (!now) throw new Error(t('The connector "{0}" no longer exists; the view was refreshed.', c.label));
  return now;
}

function fileOf(c: Connector): string {
  if (!c.origin) throw new Error(t('"{0}" is built in and cannot be edited.', c.label));
  return c.origin.file;
}

export async function reconnect(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => x.enabled);
  if (!s.isStartAllowed(c)) throw new Error(untrustedMessage(c));
  const session = s.pool.get(c.id);
  if (!session) return;
  await vscode.window.withProgress({ location: { viewId: 'connectorAuditor.connectors' }, title: t('Connecting to {0}', c.label) }, () => session.reconnect());
  if (session.state.signInRequired) {
    // Waiting for a sign-in is not a failure: offer the step that helps instead of an error.
    const signIn = t('Sign In');
    const choice = await vscode.window.showInformationMessage(t('{0} needs you to sign in before it lists its tools.', c.label), signIn);
    if (choice === signIn) await vscode.commands.executeCommand('connectorAuditor.signIn', { kind: 'connector', connector: c });
    return;
  }
  if (session.state.status === 'error') {
    const showLog = t('Show Log');
    const choice = await vscode.window.showErrorMessage(t('{0}: {1}', c.label, session.state.error ?? ''), showLog);
    if (choice === showLog) s.logs.show(c.label);
  }
}

export async function editConnector(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => !!x.origin);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(fileOf(c)));
  const at = doc.positionAt(c.origin!.offset);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
}

export async function removeConnector(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => !!x.origin);
  const file = fileOf(c);
  const remove = t('Remove');
  const answer = await vscode.window.showWarningMessage(
    t('Remove the connector "{0}"?', c.label),
    { modal: true, detail: t('Its entry is deleted from {0}. Comments and other entries stay as they are.', file) },
    remove,
  );
  if (answer !== remove) return;
  await removeConnectorFromFile(file, c.name);
  await s.registry.reload();
}

export async function setEnabled(s: Services, arg: unknown, enabled: boolean): Promise<void> {
  const c = await resolveConnector(s, arg, (x) => (!!x.origin || !!x.builtin) && x.enabled !== enabled);
  // Enabled is the default, so enabling removes the field instead of writing `true`.
  if (c.builtin) await setBuiltinField(c.builtin.settingsFile ?? s.privateFile, c.name, ['enabled'], enabled ? undefined : false);
  else await setConnectorField(fileOf(c), c.name, ['enabled'], enabled ? undefined : false);
  await s.registry.reload();
}

export async function showLog(s: Services, arg: unknown): Promise<void> {
  const c = await resolveConnector(s, arg);
  s.logs.show(c.label);
}

export async function openProblem(_s: Services, arg: unknown): Promise<void> {
  const node = arg as ProblemNode | undefined;
  if (node?.kind !== 'problem') return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(node.problem.file));
  const at = doc.positionAt(node.problem.offset);
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(at, at), preview: false });
}

export async function refresh(s: Services): Promise<void> {
  s.studio.refresh();
  await s.registry.reload();
}

export function isConnectorNode(arg: unknown): arg is ConnectorNode {
  return (arg as TreeNode | undefined)?.kind === 'connector';
}
