import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { Connector, SourceProblem } from '../../core/connectors/registry';
import type { ToolReview } from '../../core/pins/toolPins';
import type { Visibility } from '../../core/connectors/schema';
import type { StudioConnector } from '../../core/studio/studioModel';

/** The elements of the Connectors tree. Plain data; items are built from them on demand. */
export type TreeNode = GroupNode | ConnectorNode | ToolNode | ProblemNode | MessageNode | ActionNode | StudioNode;

/** The Mistral Studio group and what is under it (src/host/studio/studioTree.ts). */
export type StudioNode = StudioGroupNode | StudioConnectorNode | StudioToolNode | StudioMessageNode;

export interface GroupNode {
  kind: 'group';
  visibility: Visibility;
}

export interface ConnectorNode {
  kind: 'connector';
  connector: Connector;
}

export interface ToolNode {
  kind: 'tool';
  connector: Connector;
  tool: Tool;
  /** The tool against its pin; absent when pins are not known (an unreadable pins file). */
  pin?: ToolReview;
}

export interface ProblemNode {
  kind: 'problem';
  problem: SourceProblem;
}

/** A line under a connector that explains why there are no tools (error, disabled, untrusted). */
export interface MessageNode {
  kind: 'message';
  connector: Connector;
  message: string;
  tooltip?: string;
  icon: 'error' | 'info' | 'warning' | 'shield' | 'key';
  command?: { command: string; title: string; arguments?: unknown[] };
}

/** A clickable row that starts something, e.g. "Add Connector…" in an empty Private group. */
export interface ActionNode {
  kind: 'action';
  visibility: Visibility;
  label: string;
  icon: string;
  command: string;
}

export const GROUP_ORDER: readonly Visibility[] = ['builtin', 'private', 'shared_workspace'];

export interface StudioGroupNode {
  kind: 'studioGroup';
}

export interface StudioConnectorNode {
  kind: 'studioConnector';
  connector: StudioConnector;
}

export interface StudioToolNode {
  kind: 'studioTool';
  connector: StudioConnector;
  tool: Tool;
}

/** A line under the Studio group or a Studio connector: an error with its fix, a note, or an action. */
export interface StudioMessageNode {
  kind: 'studioMessage';
  /** Undefined: under the group. */
  connector?: StudioConnector;
  message: string;
  description?: string;
  tooltip?: string;
  icon: 'error' | 'info' | 'warning' | 'key' | 'add';
  command?: { command: string; title: string; arguments?: unknown[] };
}
