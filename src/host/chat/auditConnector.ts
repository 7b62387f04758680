import * as vscode from 'vscode';
import { auditInput } from '../../core/agent/auditorProfile';
import { connectorAuditSpec } from '../../core/audit/connectorAudit';
import { targetLabel } from '../../core/audit/target';
import { resolveConnector } from '../commands/connectorCommands';
import { untrustedMessage } from '../consent/hostStartConsent';
import type { ChatController } from './chatController';
import { builtinIds, CHAT_VIEW_ID, focusChat, startAudit } from './chatFlows';

const t = vscode.l10n.t;

/**
 * Audit Connector… (palette, Connectors tree): connects the connector (its start consent asks as
 * usual), reads its tool list without calling a tool, and audits that list (description flags, pin
 * states) and the package its command line runs, in the chat. The connector itself is never
 * attached: its tools are the evidence, not something for the auditor to call.
 */
export async function auditConnector(chat: ChatController, arg?: unknown): Promise<void> {
  const s = chat.services;
  const connector = await resolveConnector(s, arg, (c) => c.enabled);
  if (!s.isStartAllowed(connector)) throw new Error(untrustedMessage(connector));
  const session = s.pool.get(connector.id);
  if (!session) throw new Error(t('"{0}" cannot be connected.', connector.label));
  // The chat opens at once; a server may take a while to start, so the view shows progress meanwhile.
  await focusChat(chat);
  const tools = await vscode.window.withProgress({ location: { viewId: CHAT_VIEW_ID }, title: t('Listing the tools of {0}…', connector.label) }, () =>
    session.ensureReady(),
  );
  const state = session.state;
  if (state.status !== 'ready') {
    throw new Error(t('{0} could not be connected, so its tools cannot be audited: {1}', connector.label, state.error ?? state.status));
  }
  const audit = await connectorAuditSpec(connector, tools, s.pins);
  const label = targetLabel(audit.target);
  await startAudit(
    chat,
    {
      text: auditInput(label).text,
      target: label,
      audit,
      connectors: { add: builtinIds(chat, ['github', 'web', 'supply_chain']), omit: [connector.id] },
    },
    false,
  );
}
