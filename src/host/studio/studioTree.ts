import * as vscode from 'vscode';
import type { ConfirmationDefault } from '../../core/connectors/toolPolicy';
import type { StudioConnector } from '../../core/studio/studioModel';
import type { StudioConnectorNode, StudioGroupNode, StudioMessageNode, StudioNode, TreeNode } from '../tree/nodes';
import { toolRow } from '../tree/treeItems';
import type { StudioAccess } from './studioAccess';
import { studioConnectorItem, studioErrorRows, studioGroupItem, studioMessageItem } from './studioTreeItems';

const t = vscode.l10n.t;

export function isStudioNode(node: TreeNode): node is StudioNode {
  return node.kind === 'studioGroup' || node.kind === 'studioConnector' || node.kind === 'studioTool' || node.kind === 'studioMessage';
}

/**
 * The Mistral Studio part of the Connectors view: one group, present while a key is set, whose
 * connectors are listed when it is first opened and kept until Refresh; each connector's tools
 * likewise. A failure is a row under the group (or the connector) that says what to do; it
 * never throws into the tree, so the local groups above are always drawn.
 */
export class StudioTreeSection implements vscode.Disposable {
  readonly group: StudioGroupNode = { kind: 'studioGroup' };
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  /** undefined: the roots changed (the group came or went); the group: its content changed. */
  readonly onDidChange = this.changed.event;
  private nodes = new Map<string, StudioConnectorNode>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly access: StudioAccess,
    private readonly policy: () => ConfirmationDefault,
  ) {
    this.subscription = access.onDidChange((what) => {
      this.nodes.clear();
      this.changed.fire(what === 'key' ? undefined : this.group);
    });
  }

  roots(): TreeNode[] {
    return this.access.available ? [this.group] : [];
  }

  getTreeItem(node: StudioNode): vscode.TreeItem {
    switch (node.kind) {
      case 'studioGroup':
        return studioGroupItem(node, this.access.client()?.url);
      case 'studioConnector':
        return studioConnectorItem(node);
      case 'studioTool':
        return toolRow({ tool: node.tool, id: `studio-tool:${node.connector.id}:${node.tool.name}`, policy: this.policy(), scope: 'studio' });
      case 'studioMessage':
        return studioMessageItem(node);
    }
  }

  getParent(node: StudioNode): TreeNode | undefined {
    if (node.kind === 'studioConnector') return this.group;
    if (node.kind === 'studioTool' || (node.kind === 'studioMessage' && node.connector)) return this.nodeOf(node.connector!);
    if (node.kind === 'studioMessage') return this.group;
    return undefined;
  }

  async getChildren(node: StudioNode): Promise<TreeNode[]> {
    if (node.kind === 'studioGroup') return this.groupChildren();
    if (node.kind === 'studioConnector') return this.connectorChildren(node.connector);
    return [];
  }

  private async groupChildren(): Promise<TreeNode[]> {
    const listing = await this.access.catalog.connectors();
    if (!listing.ok) return studioErrorRows(listing.error);
    // The same node objects while the listing is the same: VS Code keys its rows by them.
    const known = this.nodes;
    this.nodes = new Map(
      listing.connectors.map((c) => [c.id, known.get(c.id)?.connector === c ? known.get(c.id)! : { kind: 'studioConnector', connector: c }]),
    );
    const rows: TreeNode[] = [...this.nodes.values()];
    if (listing.connectors.length === 0) {
      rows.push(info(t('No connectors in this Mistral workspace yet')), {
        kind: 'studioMessage',
        message: t('Create Studio Connector…'),
        icon: 'add',
        command: { command: 'connectorAuditor.createStudioConnector', title: t('Create Studio Connector…') },
      });
    }
    if (listing.truncated) {
      rows.push(
        info(
          t('Showing the first {0} connectors; the rest are in Mistral Studio', listing.connectors.length),
          t('The list stops after a fixed number of pages so a very large registry cannot stall the view. Open Mistral Studio to browse them all.'),
        ),
      );
    }
    return rows;
  }

  private async connectorChildren(connector: StudioConnector): Promise<TreeNode[]> {
    const listing = await this.access.catalog.toolsOf(connector);
    if (!listing.ok) return studioErrorRows(listing.error, connector);
    if (listing.tools.length === 0) return [info(t('This connector offers no tools'), undefined, connector)];
    return listing.tools.map((tool) => ({ kind: 'studioTool', connector, tool }));
  }

  private nodeOf(connector: StudioConnector): StudioConnectorNode {
    return this.nodes.get(connector.id) ?? { kind: 'studioConnector', connector };
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function info(message: string, tooltip?: string, connector?: StudioConnector): StudioMessageNode {
  return { kind: 'studioMessage', connector, message, icon: 'info', ...(tooltip ? { tooltip } : {}) };
}
