import * as vscode from 'vscode';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { firstLine } from '../../core/connectors/describe';
import { revealInvisible } from '../../core/util/invisibleChars';
import type { Connector } from '../../core/connectors/registry';
import { isToolIncluded, needsConfirmation } from '../../core/connectors/toolPolicy';
import { containsMask } from '../../core/tools/maskArguments';
import { ToolCallError } from '../../core/tools/toolCaller';
import type { CallRecord } from '../../core/tools/callHistory';
import type { Services } from '../services';
import type { TreeNode } from '../tree/nodes';
import { collectArguments } from './argumentsForm';
import { runDirectCall } from './directCall';
import { UserCancelled } from './commandRunner';
import { resolveConnector } from './connectorCommands';
import { untrustedMessage } from '../consent/hostStartConsent';
import type { StudioConnector } from '../../core/studio/studioModel';
import { pickStudioTool, rerunStudioRecord, runStudioCall } from '../studio/studioCall';

const t = vscode.l10n.t;

const OUTCOME_WORDS: Record<CallRecord['outcome'], () => string> = {
  ok: () => t('succeeded'),
  toolError: () => t('tool reported an error'),
  failed: () => t('failed'),
  denied: () => t('denied'),
  cancelled: () => t('cancelled'),
};

/** Call Tool…: connector → tool → arguments → (confirmation) → progress → result document. */
export async function callTool(s: Services, arg?: unknown): Promise<void> {
  const node = arg as TreeNode | undefined;
  if (node?.kind === 'studioTool' || node?.kind === 'studioConnector') return callStudio(s, node.connector, node.kind === 'studioTool' ? node.tool : undefined);
  const picked = node ? undefined : await pickCallTarget(s);
  if (picked?.studio) return callStudio(s, picked.studio);
  const connector = node?.kind === 'tool' ? node.connector : (picked?.local ?? (await resolveConnector(s, arg, (c) => c.enabled)));
  const tool = node?.kind === 'tool' ? node.tool : await pickTool(s, connector);
  const args = await collectArguments(tool);
  await runCall(s, connector, tool, args);
}

async function callStudio(s: Services, connector: StudioConnector, known?: Tool): Promise<void> {
  const tool = known ?? (await pickStudioTool(s, connector));
  await runStudioCall(s, connector.name, tool, await collectArguments(tool));
}

/**
 * With a Mistral key, the palette's connector choice lists Studio connectors after the local
 * ones; without one (or when Studio cannot be read) it is the local choice it always was.
 */
const LINE = { singleLine: true };

async function pickCallTarget(s: Services): Promise<{ local?: Connector; studio?: StudioConnector } | undefined> {
  if (!s.studio.available) return undefined;
  const listing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Reading Mistral Studio connectors') }, () =>
    s.studio.catalog.connectors(),
  );
  type Item = vscode.QuickPickItem & { local?: Connector; studio?: StudioConnector; error?: Error };
  const items: Item[] = s.registry.snapshot.connectors
    .filter((c) => c.enabled)
    .map((c) => ({ label: revealInvisible(c.label, LINE), description: c.config.description, local: c }));
  items.push({ label: t('Mistral Studio'), kind: vscode.QuickPickItemKind.Separator });
  if (listing.ok) {
    items.push(
      ...listing.connectors.map((c) => ({
        label: revealInvisible(c.name, LINE),
        description: t('(Mistral Studio)'),
        detail: firstLine(c.description, 160),
        studio: c,
      })),
    );
  } else {
    items.push({ label: `$(error) ${t('Mistral Studio cannot be read')}`, detail: listing.error.message, error: listing.error });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t('Choose a connector'), matchOnDescription: true });
  if (!picked) throw new UserCancelled();
  if (picked.error) throw picked.error;
  return picked;
}

async function pickTool(s: Services, connector: Connector): Promise<Tool> {
  const session = s.pool.get(connector.id);
  if (!session) throw new Error(t('"{0}" is not available.', connector.label));
  if (!s.isStartAllowed(connector)) throw new Error(untrustedMessage(connector));
  const tools = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Connecting to {0}', connector.label) }, () =>
    session.ensureReady({ signIn: true }),
  );
  if (session.state.status === 'error') throw new Error(`${connector.label}: ${session.state.error}`);
  const cfg = connector.config.toolConfiguration;
  const items = tools.map((tool) => {
    const badges = [
      tool.annotations?.readOnlyHint ? `$(eye) ${t('read-only')}` : undefined,
      tool.annotations?.destructiveHint ? `$(warning) ${t('destructive')}` : undefined,
      needsConfirmation(tool.name, tool.annotations, cfg, s.confirmationPolicy()) ? `$(shield) ${t('asks first')}` : undefined,
      isToolIncluded(tool.name, cfg) ? undefined : `$(circle-slash) ${t('excluded')}`,
    ].filter(Boolean);
    // A name that hides characters shows them, so the person picks the tool they think they pick.
    return { label: revealInvisible(tool.name, LINE), description: badges.join('  '), detail: revealInvisible(firstLine(tool.description, 160), LINE), tool };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Call Tool on {0}', connector.label),
    placeHolder: t('Choose a tool'),
    matchOnDetail: true,
  });
  if (!picked) throw new UserCancelled();
  return picked.tool;
}

/** Runs one call of a local connector's tool. */
export async function runCall(s: Services, connector: Connector, tool: Tool, args: Record<string, unknown>): Promise<void> {
  const session = s.pool.get(connector.id);
  if (!session) throw new Error(t('"{0}" is not available.', connector.label));
  await runDirectCall(s, tool, args, {
    connectorId: connector.id,
    connectorLabel: connector.label,
    invoke: (signal, onProgress) => s.caller.call({ connector, session, toolName: tool.name, args, signal, onProgress }),
    failureOutcome: (err) =>
      err instanceof ToolCallError ? (err.failure === 'denied' ? 'denied' : err.failure === 'cancelled' ? 'cancelled' : 'failed') : undefined,
  });
}

/** History: re-run a past call or edit its arguments first. Masked values always go through the form. */
export async function showHistory(s: Services): Promise<void> {
  const records = s.history.list();
  if (records.length === 0) {
    void vscode.window.showInformationMessage(t('No tool calls yet. Use "Connector Auditor: Call Tool…" to make one.'));
    return;
  }
  const rerun = { iconPath: new vscode.ThemeIcon('play'), tooltip: t('Run Again') };
  const edit = { iconPath: new vscode.ThemeIcon('edit'), tooltip: t('Edit Arguments and Run') };
  const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { record: CallRecord }>();
  qp.title = t('Tool Call History');
  qp.placeholder = t('Choose a call to run again; the pencil edits its arguments first');
  qp.items = records.map((r) => ({
    label: `${r.tool}`,
    description: `${r.connectorLabel} · ${new Date(r.at).toLocaleString()} · ${OUTCOME_WORDS[r.outcome]()}`,
    detail: r.summary ?? JSON.stringify(r.args),
    buttons: [rerun, edit],
    record: r,
  }));
  const chosen = await new Promise<{ record: CallRecord; editFirst: boolean } | undefined>((resolve) => {
    qp.onDidAccept(() => resolve(qp.selectedItems[0] && { record: qp.selectedItems[0].record, editFirst: false }));
    qp.onDidTriggerItemButton((e) => resolve({ record: e.item.record, editFirst: e.button === edit }));
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  qp.dispose();
  if (!chosen) return;
  if (chosen.record.source === 'studio') return rerunStudioRecord(s, chosen.record, chosen.editFirst, containsMask(chosen.record.args));
  const connector = s.registry.snapshot.connectors.find((c) => c.id === chosen.record.connectorId);
  if (!connector) throw new Error(t('The connector "{0}" no longer exists.', chosen.record.connectorLabel));
  if (!s.isStartAllowed(connector)) throw new Error(untrustedMessage(connector));
  const tools = (await s.pool.get(connector.id)?.ensureReady({ signIn: true })) ?? [];
  const tool = tools.find((x) => x.name === chosen.record.tool);
  if (!tool) throw new Error(t('"{0}" no longer offers "{1}".', connector.label, chosen.record.tool));
  const args = chosen.editFirst || containsMask(chosen.record.args) ? await collectArguments(tool, chosen.record.args) : chosen.record.args;
  await runCall(s, connector, tool, args);
}
