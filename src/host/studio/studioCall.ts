import * as vscode from 'vscode';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { firstLine } from '../../core/connectors/describe';
import { needsConfirmation } from '../../core/connectors/toolPolicy';
import type { CallRecord } from '../../core/tools/callHistory';
import { ToolCallError } from '../../core/tools/toolCallError';
import { StudioError } from '../../core/studio/studioError';
import type { StudioConnector } from '../../core/studio/studioModel';
import { callStudioTool, studioCallTarget } from '../../core/studio/studioToolCall';
import { collectArguments } from '../commands/argumentsForm';
import { runDirectCall } from '../commands/directCall';
import { UserCancelled } from '../commands/commandRunner';
import type { Services } from '../services';
import { revealInvisible } from '../../core/util/invisibleChars';

const t = vscode.l10n.t;

/** Studio connectors in the History: their ids are `studio:<name>`, so a local one can never be mistaken for one. */
export const STUDIO_RECORD_PREFIX = 'studio:';

export async function pickStudioTool(s: Services, connector: StudioConnector): Promise<Tool> {
  const listing = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Listing the tools of {0}', connector.name) }, () =>
    s.studio.catalog.toolsOf(connector),
  );
  if (!listing.ok) throw listing.error;
  if (listing.tools.length === 0) throw new Error(t('The Studio connector "{0}" offers no tools.', connector.name));
  const items = listing.tools.map((tool) => {
    const badges = [
      tool.annotations?.readOnlyHint ? `$(eye) ${t('read-only')}` : undefined,
      tool.annotations?.destructiveHint ? `$(warning) ${t('destructive')}` : undefined,
      needsConfirmation(tool.name, tool.annotations, undefined, s.confirmationPolicy()) ? `$(shield) ${t('asks first')}` : undefined,
    ].filter(Boolean);
    const line = { singleLine: true };
    return { label: revealInvisible(tool.name, line), description: badges.join('  '), detail: revealInvisible(firstLine(tool.description, 160), line), tool };
  });
  const picked = await vscode.window.showQuickPick(items, {
    title: t('Call Tool on {0} (Mistral Studio)', connector.name),
    placeHolder: t('Choose a tool'),
    matchOnDetail: true,
  });
  if (!picked) throw new UserCancelled();
  return picked.tool;
}

/**
 * One call of a Studio tool through callStudioTool (the rules and the confirmation modal of a local
 * call) on the one direct-call path (runDirectCall: progress and cancellation, the result
 * document, the History), with a record that says it went to Mistral Studio.
 */
export async function runStudioCall(s: Services, connectorName: string, tool: Tool, args: Record<string, unknown>): Promise<void> {
  const client = s.studio.requireClient();
  await runDirectCall(s, tool, args, {
    connectorId: `${STUDIO_RECORD_PREFIX}${connectorName}`,
    connectorLabel: studioCallTarget(connectorName).connectorLabel,
    source: 'studio',
    // Mistral reports no progress for a direct call.
    invoke: (signal) =>
      callStudioTool({ client, connector: connectorName, toolName: tool.name, args, confirmations: s.confirmations, policy: s.confirmationPolicy(), signal }),
    failureOutcome: (err) =>
      err instanceof ToolCallError && err.failure === 'denied'
        ? 'denied'
        : err instanceof StudioError && err.kind === 'cancelled'
          ? 'cancelled'
          : err instanceof ToolCallError || err instanceof StudioError
            ? 'failed'
            : undefined,
  });
}

/** Runs a History record of a Studio call again: the tool is looked up in Studio as it is now. */
export async function rerunStudioRecord(s: Services, record: CallRecord, editFirst: boolean, hasMask: boolean): Promise<void> {
  const connectorName = record.connectorId.slice(STUDIO_RECORD_PREFIX.length);
  const client = s.studio.requireClient();
  const tools = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Listing the tools of {0}', connectorName) }, () =>
    client.listTools(connectorName),
  );
  const tool = tools.find((x) => x.name === record.tool);
  if (!tool) throw new Error(t('The Studio connector "{0}" no longer offers "{1}".', connectorName, record.tool));
  const args = editFirst || hasMask ? await collectArguments(tool, record.args) : record.args;
  await runStudioCall(s, connectorName, tool, args);
}
