import * as vscode from 'vscode';
import type { Connector, ConnectorRegistry, RegistrySnapshot } from '../../core/connectors/registry';
import type { SessionPool } from '../../core/mcp/sessionPool';
import type { SessionState } from '../../core/mcp/session';
import type { ConfirmationDefault } from '../../core/connectors/toolPolicy';
import type { ToolPins } from '../../core/pins/toolPins';
import { isStudioNode, type StudioTreeSection } from '../studio/studioTree';
import { GROUP_ORDER, type ConnectorNode, type GroupNode, type MessageNode, type TreeNode } from './nodes';
import { actionItem, connectorItem, groupItem, messageItem, problemItem, toolItem, type ConnectorExtras } from './treeItems';

/** Optional knowledge about connectors beyond their sessions (the built-ins' sign-in and budget). */
export interface ConnectorStatusSource {
  readonly onDidChange: vscode.Event<string>;
  rows(connector: Connector): [string, string][];
  needsSignIn(connector: Connector): boolean;
}

const t = vscode.l10n.t;

/**
 * The Connectors view: groups → connectors → tools. A model/view split: the registry and the
 * session pool own the state; this class only maps it to tree items and targets refreshes at
 * the connector whose session changed, so one busy server does not redraw the whole tree.
 */
export class ConnectorsTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [];
  private groups = new Map<GroupNode['visibility'], GroupNode>();
  private connectorNodes = new Map<string, ConnectorNode>();

  constructor(
    private readonly registry: ConnectorRegistry,
    private readonly pool: SessionPool,
    private readonly isStartAllowed: (connector: Connector) => boolean,
    private readonly confirmationPolicy: () => ConfirmationDefault,
    private readonly status?: ConnectorStatusSource,
    private readonly pins?: ToolPins,
    private readonly studio?: StudioTreeSection,
  ) {
    if (studio) this.subscriptions.push(studio.onDidChange((node) => this.changed.fire(node)));
    // Accepting or resetting pins (here or by first listing) changes how tool rows look.
    if (pins) this.subscriptions.push(pins.onDidChange(() => this.changed.fire(undefined)));
    if (status) {
      this.subscriptions.push(
        status.onDidChange((connectorId) => {
          const node = this.connectorNodes.get(connectorId);
          if (node) this.changed.fire(node);
        }),
      );
    }
    this.subscriptions.push(
      this.changed,
      registry.onDidChange((snap) => this.rebuild(snap)),
      pool.onDidChangeSession(({ connectorId }) => {
        const node = this.connectorNodes.get(connectorId);
        if (node) this.changed.fire(node);
      }),
    );
    this.rebuild(registry.snapshot);
  }

  private rebuild(snap: RegistrySnapshot): void {
    this.connectorNodes = new Map(snap.connectors.map((c) => [c.id, { kind: 'connector', connector: c }]));
    this.groups = new Map(GROUP_ORDER.map((v) => [v, { kind: 'group', visibility: v }]));
    this.changed.fire(undefined);
  }

  /** Redraws everything, e.g. when the confirmation policy changes what the icons mean. */
  refresh(): void {
    this.changed.fire(undefined);
  }

  /** Finds the node of a connector, for reveal after Add. */
  nodeFor(connectorId: string): ConnectorNode | undefined {
    return this.connectorNodes.get(connectorId);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    if (isStudioNode(node)) return this.studio!.getTreeItem(node);
    switch (node.kind) {
      case 'group':
        return groupItem(node, this.connectorsIn(node.visibility).length);
      case 'connector':
        return connectorItem(node, this.stateOf(node.connector), this.extrasOf(node.connector), !this.isStartAllowed(node.connector));
      case 'tool':
        return toolItem(node, this.confirmationPolicy());
      case 'problem':
        return problemItem(node);
      case 'message':
        return messageItem(node);
      case 'action':
        return actionItem(node);
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    if (isStudioNode(node)) return this.studio?.getParent(node);
    if (node.kind === 'connector') return this.groups.get(node.connector.visibility);
    if (node.kind === 'tool' || node.kind === 'message') return this.connectorNodes.get(node.connector.id);
    if (node.kind === 'problem') return this.groups.get(node.problem.visibility);
    if (node.kind === 'action') return this.groups.get(node.visibility);
    return undefined;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    const snap = this.registry.snapshot;
    if (!node) {
      // Empty groups are hidden, except Private while the person has no connector of their own:
      // the built-ins are always there, so that group is where Add and Import are offered.
      const ownNone = !snap.connectors.some((c) => !c.builtin);
      const local = GROUP_ORDER.filter(
        (v) => this.connectorsIn(v).length > 0 || snap.problems.some((p) => p.visibility === v) || (v === 'private' && ownNone),
      ).map((v): TreeNode => this.groups.get(v)!);
      return [...local, ...(this.studio?.roots() ?? [])];
    }
    if (isStudioNode(node)) return this.studio?.getChildren(node) ?? [];
    if (node.kind === 'group') {
      const problems = snap.problems.filter((p) => p.visibility === node.visibility).map((problem): TreeNode => ({ kind: 'problem', problem }));
      const connectors = this.connectorsIn(node.visibility);
      if (node.visibility === 'private' && connectors.length === 0 && !snap.connectors.some((c) => !c.builtin)) {
        return [...problems, ...addActions()];
      }
      return [...problems, ...connectors];
    }
    if (node.kind === 'connector') return this.childrenOf(node.connector);
    return [];
  }

  private async childrenOf(connector: Connector): Promise<TreeNode[]> {
    const session = this.pool.get(connector.id);
    if (!session) return [];
    if (!this.isStartAllowed(connector)) {
      return [
        message(
          connector,
          t('Manage Workspace Trust…'),
          'shield',
          { command: 'workbench.trust.manage', title: t('Manage Workspace Trust') },
          t('Connectors from .vscode/connectors.json run commands from the workspace, so they start only in a trusted workspace. Click to manage trust.'),
        ),
      ];
    }
    const tools = await session.ensureReady();
    const state = session.state;
    if (state.signInRequired) {
      // A tree refresh never opens a browser: the row offers Sign In instead.
      return [
        message(connector, t('Sign in to list its tools'), 'key', {
          command: 'connectorAuditor.signIn',
          title: t('Sign In'),
          arguments: [{ kind: 'connector', connector }],
        }),
      ];
    }
    if (state.status === 'error') {
      return [
        message(
          connector,
          state.error ?? t('Connection failed'),
          'error',
          {
            command: 'connectorAuditor.reconnect',
            title: t('Reconnect'),
            arguments: [{ kind: 'connector', connector }],
          },
          [state.error, ...(state.errorDetails ?? [])].join('\n'),
        ),
      ];
    }
    if (state.status === 'disabled') return [];
    if (tools.length === 0) return [message(connector, t('This server offers no tools'), 'info')];
    if (!this.pins) return tools.map((tool) => ({ kind: 'tool', connector, tool }));
    try {
      // Each redraw reviews the tools as they are now: after a reconnect or tools/list_changed too.
      const review = await this.pins.review(connector, tools);
      return review.tools.map((pin) => ({ kind: 'tool', connector, tool: pin.tool, pin }));
    } catch (err) {
      const text = err instanceof Error ? err.message : String(err);
      return [
        message(connector, t('Tool pins cannot be checked'), 'warning', { command: 'connectorAuditor.resetToolPins', title: t('Reset Tool Pins…') }, text),
        ...tools.map((tool): TreeNode => ({ kind: 'tool', connector, tool })),
      ];
    }
  }

  private connectorsIn(visibility: GroupNode['visibility']): ConnectorNode[] {
    return [...this.connectorNodes.values()].filter((n) => n.connector.visibility === visibility);
  }

  private extrasOf(connector: Connector): ConnectorExtras | undefined {
    return this.status && { rows: this.status.rows(connector), needsSignIn: this.status.needsSignIn(connector) };
  }

  private stateOf(connector: Connector): SessionState {
    return this.pool.get(connector.id)?.state ?? { status: connector.enabled ? 'idle' : 'disabled' };
  }

  dispose(): void {
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}

function addActions(): TreeNode[] {
  return [
    { kind: 'action', visibility: 'private', label: t('Add Connector…'), icon: 'add', command: 'connectorAuditor.addConnector' },
    { kind: 'action', visibility: 'private', label: t('Import from mcp.json…'), icon: 'cloud-download', command: 'connectorAuditor.importConnectors' },
  ];
}

function message(connector: Connector, text: string, icon: MessageNode['icon'], command?: MessageNode['command'], tooltip?: string): MessageNode {
  return { kind: 'message', connector, message: text, icon, command, tooltip };
}
