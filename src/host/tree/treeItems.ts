import * as vscode from 'vscode';
import { basename } from 'node:path';
import {
  describeEnv,
  describeHeaders,
  describeOAuth,
  describeTarget,
  describeTransport,
  firstLine,
  summarizeInputSchema,
} from '../../core/connectors/describe';
import { toolFlags, type ConfirmationDefault } from '../../core/connectors/toolPolicy';
import { describeFlag, flagToolDescription } from '../../core/tools/descriptionFlags';
import type { SessionState } from '../../core/mcp/session';
import { oauth2Settings } from '../../core/mcp/oauth/sessionOAuth';
import { changedParts } from '../../core/pins/pinDiff';
import { toolSnapshot } from '../../core/pins/toolHash';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ToolConfiguration } from '../../core/connectors/schema';
import type { ToolReview } from '../../core/pins/toolPins';
import { findInvisible, listInvisible, revealInvisible } from '../../core/util/invisibleChars';
import type { ActionNode, ConnectorNode, GroupNode, MessageNode, ProblemNode, ToolNode } from './nodes';

const t = vscode.l10n.t;

const GROUP_LABEL = { builtin: () => t('Built-in'), private: () => t('Private'), shared_workspace: () => t('Workspace') };
const GROUP_TOOLTIP = {
  builtin: () => t('Connectors that ship with the extension'),
  private: () => t('Your private registry, shared by the extension and the CLI'),
  shared_workspace: () => t("This workspace's .vscode/connectors.json, shared with everyone who opens it"),
};

export function groupItem(node: GroupNode, count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(GROUP_LABEL[node.visibility](), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `group:${node.visibility}`;
  item.description = count === 0 ? '' : count === 1 ? t('1 connector') : t('{0} connectors', count);
  item.tooltip = GROUP_TOOLTIP[node.visibility]();
  item.accessibilityInformation = { label: [item.label as string, item.description].filter(Boolean).join(', ') };
  item.contextValue = `group;${node.visibility}`;
  return item;
}

function statusIcon(state: SessionState): vscode.ThemeIcon {
  if (state.signInRequired) return new vscode.ThemeIcon('key', new vscode.ThemeColor('list.warningForeground'));
  switch (state.status) {
    case 'ready':
      return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
    case 'connecting':
      return new vscode.ThemeIcon('loading~spin');
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    case 'disabled':
      return new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
    default:
      return new vscode.ThemeIcon('circle-large-outline');
  }
}

const STATUS_WORDS = {
  idle: () => t('not connected — expand to connect'),
  connecting: () => t('connecting…'),
  ready: () => t('connected'),
  error: () => t('error'),
  disabled: () => t('disabled'),
};

/** What the tree knows about a connector beyond its session (built-ins: sign-in, rate limit). */
export interface ConnectorExtras {
  rows: [string, string][];
  needsSignIn: boolean;
}

/**
 * `untrusted`: a workspace connector in an untrusted workspace, never started; the row says so with
 * a shield instead of an idle circle that invites a connect which would not happen.
 */
export function connectorItem(
  node: ConnectorNode,
  state: SessionState,
  extras: ConnectorExtras = { rows: [], needsSignIn: false },
  untrusted = false,
): vscode.TreeItem {
  const { connector } = node;
  const collapsible = state.status === 'disabled' ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed;
  // A label from a shared workspace file is someone else's text: hidden characters are drawn as ⟨U+…⟩.
  const item = new vscode.TreeItem(revealInvisible(connector.label, LINE), collapsible);
  item.id = `connector:${connector.id}`;
  const blocked = untrusted && state.status !== 'disabled';
  item.iconPath = blocked ? new vscode.ThemeIcon('shield', new vscode.ThemeColor('list.warningForeground')) : statusIcon(state);
  item.description = blocked
    ? t('not started: workspace not trusted')
    : state.signInRequired
      ? t('sign-in required')
      : state.status === 'error'
        ? state.error
        : state.status === 'disabled'
          ? t('disabled')
          : revealInvisible(connector.config.description ?? '', LINE);
  if (hiddenInLabel(connector.label)) {
    item.description = [t('suspicious name'), item.description].filter(Boolean).join(' · ');
  }
  item.tooltip = connectorTooltip(node, state, extras.rows);
  if (blocked)
    item.tooltip.appendMarkdown(
      `\n\n$(shield) ${escape(t('Not started: this workspace is not trusted. Trust it (Manage Workspace Trust) to start this connector.'))}`,
    );
  // Built-ins can be switched off and their tools configured, but not edited or removed.
  const editable = connector.origin ? 'editable' : connector.builtin ? 'builtin' : 'readonly';
  item.contextValue = `connector;${connector.enabled ? 'enabled' : 'disabled'};${state.status};${editable}${extras.needsSignIn ? ';signin' : ''}${oauth2Settings(connector) ? ';oauth2' : ''}${state.signInRequired ? ';needs-oauth' : ''}`;
  const words = blocked ? t('not started: workspace not trusted') : state.signInRequired ? t('sign-in required') : STATUS_WORDS[state.status]();
  item.accessibilityInformation = { label: `${revealInvisible(connector.label, LINE)}, ${words}` };
  return item;
}

/** Names and one-line descriptions are shown on one line, so line breaks are marked too. */
const LINE = { singleLine: true };

/** The warning for a connector whose name hides characters, or undefined. */
function hiddenInLabel(label: string): string | undefined {
  const found = findInvisible(label, LINE);
  return found.length
    ? t('The connector name contains invisible characters ({0}, shown as ⟨U+…⟩): it may not be the connector it looks like.', listInvisible(found))
    : undefined;
}

function connectorTooltip({ connector }: ConnectorNode, state: SessionState, extraRows: [string, string][]): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(
    `**${escape(revealInvisible(connector.label, LINE))}** · ${escape(state.signInRequired ? t('sign-in required') : STATUS_WORDS[state.status]())}\n\n`,
  );
  const hidden = hiddenInLabel(connector.label);
  if (hidden) {
    md.appendMarkdown('$(warning) ');
    md.appendText(`${hidden}\n\n`);
  }
  if (connector.config.description) md.appendText(`${revealInvisible(connector.config.description)}\n\n`);
  if (state.status === 'error' && state.error) {
    md.appendMarkdown(state.signInRequired ? '$(key) ' : '$(error) ');
    // The core's sign-in message names the connector, which the tooltip's first line already does.
    md.appendText(`${state.signInRequired ? t('Sign in (OAuth) to list its tools: use Sign In on this row, or call one of its tools.') : state.error}\n\n`);
    if (state.errorDetails?.length) md.appendCodeblock(state.errorDetails.slice(-8).join('\n'), 'text');
  }
  const rows: [string, string][] = connector.builtin ? [] : [[t('Transport'), describeTransport(connector.config)]];
  if (!connector.builtin) rows.push([describeTransport(connector.config).startsWith('stdio') ? t('Command') : t('URL'), describeTarget(connector.config)]);
  const env = describeEnv(connector.config);
  if (env.length) rows.push([t('Environment'), env.join(', ')]);
  const inheritEnv = connector.config.inheritEnv;
  if (inheritEnv) rows.push([t('Inherits'), inheritEnv === 'all' ? t('your whole environment (inheritEnv "all")') : inheritEnv.join(', ')]);
  const headers = describeHeaders(connector.config);
  if (headers.length) rows.push([t('Headers'), headers.join(', ')]);
  const oauth = describeOAuth(connector.config);
  if (oauth) rows.push([t('Sign-in'), oauth]);
  if (state.tools) rows.push([t('Tools'), String(state.tools.length)]);
  if (state.serverName) rows.push([t('Server'), `${state.serverName} ${state.serverVersion ?? ''}`.trim()]);
  if (state.transport && state.transport !== connector.config.transport && connector.config.transport) {
    rows.push([t('Connected over'), state.transport]);
  }
  if (connector.origin) rows.push([t('Defined in'), `${connector.origin.file}:${connector.origin.line}`]);
  rows.push(...extraRows);
  for (const [k, v] of rows) md.appendMarkdown(`${escape(k)}: \`${v.replace(/`/g, "'")}\`  \n`);
  return md;
}

export function toolItem(node: ToolNode, policy: ConfirmationDefault): vscode.TreeItem {
  const { connector } = node;
  const item = toolRow({
    tool: node.tool,
    id: `tool:${connector.id}:${node.tool.name}`,
    toolConfiguration: connector.config.toolConfiguration,
    policy,
    pin: node.pin,
    scope: connector.origin || connector.builtin ? 'editable' : 'readonly',
  });
  if (node.pin && node.pin.status !== 'trusted')
    item.command = { command: 'connectorAuditor.reviewToolChange', title: t('Review Tool Change…'), arguments: [node] };
  return item;
}

export interface ToolRow {
  tool: Tool;
  id: string;
  toolConfiguration?: ToolConfiguration;
  policy: ConfirmationDefault;
  pin?: ToolReview;
  /** Last part of the context value: which configuration commands the row offers (a Studio tool: none). */
  scope: 'editable' | 'readonly' | 'studio';
}

/** A tool's row, for a local connector and a Mistral Studio one alike: icon, badges, tooltip. */
export function toolRow({ tool, id, toolConfiguration, policy, pin, scope }: ToolRow): vscode.TreeItem {
  const flags = toolFlags(tool.name, tool.annotations, toolConfiguration, policy);
  const name = revealInvisible(tool.name, LINE);
  const item = new vscode.TreeItem(name, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  const flagged = flagToolDescription(tool);
  const warnings = flagged.map(describeFlag);
  const held = pin && pin.status !== 'trusted' ? pin : undefined;
  const badges: string[] = [];
  if (held) badges.push(held.status === 'changed' ? t('changed · review') : t('new · review'));
  if (flagged.some((f) => f.kind === 'hidden-unicode-name')) badges.push(t('suspicious name'));
  if (flagged.some((f) => f.kind !== 'hidden-unicode-name')) badges.push(t('suspicious description'));
  if (flags.excluded) badges.push(t('excluded'));
  if (flags.requiresConfirmation || warnings.length) badges.push(t('asks first'));
  if (flags.destructive) badges.push(t('destructive'));
  if (flags.readOnly) badges.push(t('read-only'));
  // The icon already says read-only; the line spends its width on what the tool does.
  const attention = badges.filter((b) => b !== t('read-only'));
  item.description = [attention.join(' · '), revealInvisible(firstLine(tool.description ?? tool.title, 80), LINE)].filter(Boolean).join(' — ');
  item.iconPath = held
    ? new vscode.ThemeIcon(held.status === 'changed' ? 'diff-modified' : 'diff-added', new vscode.ThemeColor('list.warningForeground'))
    : flags.excluded
      ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
      : warnings.length
        ? new vscode.ThemeIcon('report', new vscode.ThemeColor('list.warningForeground'))
        : flags.requiresConfirmation
          ? new vscode.ThemeIcon('shield')
          : flags.destructive
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
            : flags.readOnly
              ? new vscode.ThemeIcon('eye')
              : new vscode.ThemeIcon('tools');
  item.tooltip = toolTooltip(tool, pin, badges, warnings);
  // Screen readers hear the name first, then what deserves attention, then what it does.
  item.accessibilityInformation = { label: [name, ...badges, revealInvisible(firstLine(tool.description, 120), LINE)].filter(Boolean).join(', ') };
  item.contextValue = `tool;${flags.excluded ? 'excluded' : 'included'};${flags.listed ? 'listed' : 'unlisted'};${scope}${held ? ';held' : ''}`;
  return item;
}

function toolTooltip(tool: Tool, pin: ToolReview | undefined, badges: string[], warnings: string[]): vscode.MarkdownString {
  // Tool descriptions come from the server: untrusted text, so appended as plain text, never as Markdown.
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escape(revealInvisible(tool.name, LINE))}**`);
  if (tool.title && tool.title !== tool.name) md.appendText(` — ${revealInvisible(tool.title, LINE)}`);
  if (badges.length) md.appendMarkdown(` · ${escape(badges.join(' · '))}`);
  md.appendMarkdown('\n\n');
  if (pin && pin.status !== 'trusted') {
    const parts = pin.pinned ? changedParts(pin.pinned.tool, toolSnapshot(tool)).join(', ') : '';
    const text =
      pin.status === 'changed'
        ? t('Changed since you accepted it ({0}). Held: not offered to the agent, and a direct call asks first. Click to review the change.', parts)
        : t('A new tool, not reviewed yet. Held: not offered to the agent, and a direct call asks first. Click to review it.');
    md.appendMarkdown(`$(diff) ${escape(text)}\n\n`);
  }
  for (const w of warnings) {
    md.appendMarkdown('$(warning) ');
    md.appendText(`${w}\n\n`);
  }
  if (tool.description) md.appendText(`${revealInvisible(tool.description)}\n\n`);
  const fields = summarizeInputSchema(tool.inputSchema);
  if (fields.length === 0) md.appendMarkdown(`*${escape(t('No arguments'))}*`);
  else {
    md.appendMarkdown(`${escape(t('Arguments'))}:\n\n`);
    for (const f of fields) {
      md.appendMarkdown(`- \`${revealInvisible(f.name, LINE).replace(/`/g, "'")}\`: ${escape(f.type)}${f.required ? ` *(${escape(t('required'))})*` : ''}`);
      if (f.description) md.appendText(` — ${revealInvisible(firstLine(f.description, 160), LINE)}`);
      md.appendMarkdown('\n');
    }
  }
  return md;
}

export function problemItem(node: ProblemNode): vscode.TreeItem {
  const p = node.problem;
  const item = new vscode.TreeItem(p.entryName ?? basename(p.file), vscode.TreeItemCollapsibleState.None);
  item.id = `problem:${p.visibility}:${p.file}:${p.offset}:${p.message}`;
  // The row's label already names the entry; lead with the line, which survives truncation.
  const message = p.entryName ? p.message.replace(/^Connector "[^"]*": /, '') : p.message;
  item.description = `${t('line {0}', p.line)}: ${message}`;
  item.iconPath =
    p.severity === 'error'
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'))
      : new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  const md = new vscode.MarkdownString();
  md.appendText(`${p.file}, ${t('line {0}, column {1}', p.line, p.column)}\n\n${p.message}\n\n`);
  md.appendText(
    p.severity === 'error' ? t('Other connectors keep working; the file was not changed. Click to open it at the problem.') : t('Click to open the file.'),
  );
  item.tooltip = md;
  item.contextValue = 'problem';
  item.command = { command: 'connectorAuditor.openProblem', title: t('Open File at Problem'), arguments: [node] };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
  item.id = `message:${node.connector.id}:${node.message}`;
  const color = node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined;
  item.iconPath = new vscode.ThemeIcon(node.icon, color);
  if (node.tooltip) item.tooltip = node.tooltip;
  if (node.command) item.command = node.command;
  item.contextValue = 'message';
  return item;
}

export function actionItem(node: ActionNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = `action:${node.visibility}:${node.command}`;
  item.iconPath = new vscode.ThemeIcon(node.icon);
  item.command = { command: node.command, title: node.label };
  item.accessibilityInformation = { label: node.label, role: 'button' };
  item.contextValue = 'action';
  return item;
}

export function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');
}
