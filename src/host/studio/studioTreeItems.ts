import * as vscode from 'vscode';
import { firstLine } from '../../core/connectors/describe';
import type { StudioError } from '../../core/studio/studioError';
import type { StudioConnector } from '../../core/studio/studioModel';
import type { StudioConnectorNode, StudioGroupNode, StudioMessageNode } from '../tree/nodes';
import { escape } from '../tree/treeItems';
import { revealInvisible } from '../../core/util/invisibleChars';

const t = vscode.l10n.t;

export const STUDIO_GROUP_ID = 'group:studio';

export function studioGroupItem(_node: StudioGroupNode, url: string | undefined): vscode.TreeItem {
  // Collapsed, and without a count: the registry is a network request, made when the person opens the group.
  const item = new vscode.TreeItem(t('Mistral Studio'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = STUDIO_GROUP_ID;
  item.tooltip = url
    ? t("Your Mistral workspace's connector registry (Mistral Studio) at {0}: shared with its members, run by Mistral.", url)
    : t("Your Mistral workspace's connector registry (Mistral Studio).");
  item.accessibilityInformation = { label: t('Mistral Studio') };
  item.contextValue = 'studioGroup';
  return item;
}

/** "private" / "shared" for the two visibilities people choose; any other (shared_org, …) as Studio says it. */
export function visibilityWord(visibility: string): string {
  return visibility === 'private' ? t('private') : visibility === 'shared_workspace' ? t('shared') : visibility.replace(/_/g, ' ');
}

function authWord(connector: StudioConnector): string {
  return connector.authMethods.length === 0 ? t('none') : connector.authMethods.join(', ');
}

export function studioConnectorItem(node: StudioConnectorNode): vscode.TreeItem {
  const c = node.connector;
  // Names and descriptions written by others in the workspace: hidden characters drawn as ⟨U+…⟩, as in the local tree.
  const line = { singleLine: true };
  const name = revealInvisible(c.name, line);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `studio:${c.id}`;
  item.iconPath = new vscode.ThemeIcon('cloud');
  const auth = c.authMethods.filter((m) => m !== 'none');
  const badges = [visibilityWord(c.visibility), ...auth].join(' · ');
  item.description = [badges, revealInvisible(firstLine(c.description || c.title, 80), line)].filter(Boolean).join(' — ');
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`$(cloud) **${escape(name)}** · ${escape(t('Mistral Studio'))}\n\n`);
  if (c.title && c.title !== c.name) md.appendText(`${revealInvisible(c.title, line)}\n\n`);
  // Written by whoever created the connector in the workspace: plain text, never Markdown.
  if (c.description) md.appendText(`${revealInvisible(c.description)}\n\n`);
  const rows: [string, string][] = [
    [t('Visibility'), c.visibility === 'shared_workspace' ? t('shared with the workspace') : visibilityWord(c.visibility)],
    [t('Authentication'), authWord(c)],
  ];
  if (c.server) rows.push([t('Server'), c.server]);
  rows.push([t('ID'), c.id], [t('Modified'), c.modifiedAt]);
  for (const [k, v] of rows) md.appendMarkdown(`${escape(k)}: \`${v.replace(/`/g, "'")}\`  \n`);
  item.tooltip = md;
  item.accessibilityInformation = {
    label: [name, t('Mistral Studio'), visibilityWord(c.visibility), revealInvisible(firstLine(c.description, 120), line)].filter(Boolean).join(', '),
  };
  item.contextValue = `studioConnector;${c.visibility}`;
  return item;
}

export function studioMessageItem(node: StudioMessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `studio-message:${node.connector?.id ?? 'group'}:${node.message}`;
  item.iconPath = new vscode.ThemeIcon(node.icon, node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
  if (node.description) item.description = node.description;
  if (node.tooltip) item.tooltip = node.tooltip;
  if (node.command) item.command = node.command;
  item.accessibilityInformation = { label: [node.message, node.description].filter(Boolean).join(', '), ...(node.command ? { role: 'button' } : {}) };
  item.contextValue = 'studioMessage';
  return item;
}

const REFRESH = { command: 'connectorAuditor.refresh', title: t('Refresh') };

/**
 * A Studio failure as rows with the fix: a short cause as the label, what to do as the description,
 * the full message (URL, status, hint) in the tooltip. A rejected key gets a row that sets a new one.
 */
export function studioErrorRows(error: StudioError, connector?: StudioConnector): StudioMessageNode[] {
  const row = (message: string, description: string, command = REFRESH): StudioMessageNode => ({
    kind: 'studioMessage',
    connector,
    message,
    description,
    tooltip: error.message,
    icon: 'error',
    command,
  });
  switch (error.kind) {
    case 'auth':
      return [
        row(t('Mistral rejected the key'), t('set a valid Mistral API key')),
        {
          kind: 'studioMessage',
          connector,
          message: t('Set Mistral API Key…'),
          icon: 'key',
          command: { command: 'connectorAuditor.setMistralApiKey', title: t('Set Mistral API Key…') },
        },
      ];
    case 'unreachable':
      return [row(t('Cannot reach Mistral Studio'), t('check the network, then click to retry'))];
    case 'timeout':
      return [row(t('Mistral Studio did not answer in time'), t('click to retry'))];
    case 'rate-limited':
      return [row(t('Mistral is rate limiting requests'), t('wait a moment, then click to retry'))];
    case 'not-found':
      return [row(t('No longer in Mistral Studio'), t('click to refresh the list'))];
    default:
      return [row(firstLine(error.message, 80), t('click to retry'))];
  }
}
