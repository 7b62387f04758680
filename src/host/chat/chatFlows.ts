import * as vscode from 'vscode';
import { auditInput } from '../../core/agent/auditorProfile';
import { targetLabel, type AuditTarget } from '../../core/audit/target';
import { attachedByDefault, type BuiltinName } from '../../core/builtins/catalog';
import type { RunConnectors } from '../../core/chat/chatPorts';
import { checkAuditTarget } from '../../core/chat/auditTarget';
import type { ChatAuditRequest } from '../../core/chat/chatSession';
import type { EvidenceNote } from '../../core/evidence/signals';
import { UserCancelled } from '../commands/commandRunner';
import type { ChatController } from './chatController';
import { pickChat, pickConnectors, pickMode, pickModel, pickStudioChatConnectors } from './chatPickers';

const t = vscode.l10n.t;

export const CHAT_VIEW_ID = 'connectorAuditor.chat';

/**
 * The chat's actions that take a few native steps (an input box, a pick list), shared by the
 * webview's buttons and the palette commands.
 */

/** Audit Repository…: asks for the target, shows the chat, and starts the audit in a fresh chat. */
export async function auditRepository(chat: ChatController, reveal = true): Promise<void> {
  const value = await vscode.window.showInputBox({
    title: t('Audit Repository'),
    prompt: t('The auditor checks security, maintenance and quality, and ends with a verdict.'),
    placeHolder: t('owner/repo, https://github.com/owner/repo, or a package name'),
    ignoreFocusOut: true,
    validateInput: (v) => {
      const check = checkAuditTarget(v);
      return check.ok ? undefined : t(check.problem);
    },
  });
  if (value === undefined) throw new UserCancelled();
  const check = checkAuditTarget(value);
  if (!check.ok) throw new Error(t(check.problem));
  // From a chat's own button the chat is on screen already; from the palette it is shown.
  if (reveal) await focusChat(chat);
  await chat.restored;
  // A chat with messages keeps them; the audit gets its own (a run still going continues in the background).
  if (chat.current.record.items.length > 0) chat.newChat();
  const input = auditInput(check.target);
  chat.send(input.text, input.target);
}

export type WorkspaceScope = 'workspace' | 'dependencies';

/**
 * Audit Workspace / Audit Dependencies (the empty chat's buttons and the palette): a fresh chat
 * audits the open folder with its typed target, the workspace built-in attached besides the
 * default connectors. In Restricted Mode the files are read all the same and the report says so.
 */
export async function auditWorkspace(chat: ChatController, scope: WorkspaceScope, reveal = true): Promise<void> {
  if (!vscode.workspace.workspaceFolders?.length) throw new Error(t('Open a folder first: the workspace audit reads the open folder.'));
  const target: AuditTarget = { kind: scope };
  const notes: EvidenceNote[] = vscode.workspace.isTrusted
    ? []
    : [{ callId: 'workspace-trust', tool: 'workspace', reason: 'not-available', text: UNTRUSTED_WORKSPACE_NOTE }];
  await startAudit(
    chat,
    {
      ...auditInput(targetLabel(target)),
      target: targetLabel(target),
      audit: { target, ...(notes.length ? { notes } : {}) },
      connectors: { add: builtinIds(chat, ['workspace', 'supply_chain']) },
    },
    reveal,
  );
}

/** Said under "What could not be checked" when the audited folder is not trusted. */
export const UNTRUSTED_WORKSPACE_NOTE =
  'VS Code does not trust this workspace (Restricted Mode): its files were read as evidence, but they may have been written to mislead.';

/** Shows the chat and starts the audit in it, in a fresh chat when the current one has messages. */
export async function startAudit(chat: ChatController, request: ChatAuditRequest, reveal: boolean): Promise<void> {
  if (reveal) await focusChat(chat);
  await chat.restored;
  // A chat with messages keeps them; the audit gets its own (a run still going continues in the background).
  if (chat.current.record.items.length > 0) chat.newChat();
  // The header's chips show what the audit attaches (the workspace built-in, not the audited connector), and follow-ups keep it.
  if (request.connectors) chat.setConnectorIds(adjusted(chat, request.connectors));
  chat.audit(request);
}

function adjusted(chat: ChatController, run: RunConnectors): string[] {
  const all = chat.services.registry.snapshot.connectors;
  const base = chat.current.record.connectorIds ?? all.filter((c) => c.enabled && attachedByDefault(c)).map((c) => c.id);
  const omit = new Set(run.omit ?? []);
  return [...new Set([...base, ...(run.add ?? [])])].filter((id) => !omit.has(id));
}

/** The registry's ids of built-ins (found by name, so the id's spelling stays the registry's). */
export function builtinIds(chat: ChatController, names: readonly BuiltinName[]): string[] {
  return chat.services.registry.snapshot.connectors.filter((c) => c.builtin && (names as readonly string[]).includes(c.builtin.name)).map((c) => c.id);
}

/** Shows the sidebar chat unless a chat is already on screen (the editor panel counts). */
export async function focusChat(chat: ChatController, always = true): Promise<void> {
  if (always || !chat.isShown()) await vscode.commands.executeCommand(`${CHAT_VIEW_ID}.focus`);
}

export async function showHistory(chat: ChatController): Promise<void> {
  const id = await pickChat(
    chat.store,
    (deleted) => void chat.deleted(deleted).catch((err: unknown) => chat.services.log.warn(`chat: deleting ${deleted}: ${String(err)}`)),
  );
  if (id) {
    await chat.open(id);
    await focusChat(chat, false);
  }
}

export async function chooseModel(chat: ChatController): Promise<void> {
  // The header follows the setting through onDidChangeConfiguration; this covers an unchanged value.
  if (await pickModel()) chat.refreshModel();
}

export async function editConnectors(chat: ChatController): Promise<void> {
  const record = chat.current.record;
  if (chat.current.mode === 'studio') {
    const { listStudioConnectors } = await import('../studio/studioChatSetup.js');
    const studio = await listStudioConnectors(chat.services);
    const picked = await pickStudioChatConnectors(chat.services, studio, { local: record.connectorIds, studio: record.studioConnectorIds });
    chat.setConnectorIds(picked.local);
    chat.setStudioConnectorIds(picked.studio);
    return;
  }
  chat.setConnectorIds(await pickConnectors(chat.services, record.connectorIds));
}

export async function chooseMode(chat: ChatController): Promise<void> {
  await chat.restored;
  chat.setMode(await pickMode(chat.current.mode));
}
