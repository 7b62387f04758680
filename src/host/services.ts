import type * as vscode from 'vscode';
import type { Connector, ConnectorRegistry } from '../core/connectors/registry';
import type { ConfirmationDefault } from '../core/connectors/toolPolicy';
import type { SessionPool } from '../core/mcp/sessionPool';
import type { CallHistory } from '../core/tools/callHistory';
import type { ConfirmationService } from '../core/tools/confirmation';
import type { ToolCaller } from '../core/tools/toolCaller';
import type { ToolPins } from '../core/pins/toolPins';
import type { ResultDocuments } from './resultDocuments';
import type { HostStartConsent } from './consent/hostStartConsent';
import type { Logger } from '../core/util/logger';
import type { ConnectorLogs } from './logs';
import type { SecretStore } from './secrets';
import type { OAuthStore } from '../core/mcp/oauth/oauthStore';
import type { ConnectorsTreeProvider } from './tree/connectorsTree';
import type { TreeNode } from './tree/nodes';
import type { StudioAccess } from './studio/studioAccess';
import type { WorkspaceModelUrl } from './models/workspaceModelUrl';

/** What command handlers get: the composition root builds it once. */
export interface Services {
  registry: ConnectorRegistry;
  pool: SessionPool;
  tree: ConnectorsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  logs: ConnectorLogs;
  secrets: SecretStore;
  /** OAuth tokens and registered clients of `oauth2` connectors (SecretStorage). */
  oauthStore: OAuthStore;
  log: Logger;
  privateFile: string;
  /** `.vscode/connectors.json` of the first workspace folder, if there is a folder. */
  workspaceFile(): string | undefined;
  isStartAllowed(connector: Connector): boolean;
  caller: ToolCaller;
  confirmations: ConfirmationService;
  confirmationPolicy(): ConfirmationDefault;
  results: ResultDocuments;
  history: CallHistory;
  startConsent: Pick<HostStartConsent, 'approveTyped'>;
  /** Tool pins (held tools are not offered to the agent). */
  pins?: ToolPins;
  /** Mistral Studio: whether a key is set, its client, and the registry as last read. */
  studio: StudioAccess;
  /** The model server URL, asked for before a workspace's own value is used. */
  modelUrl: WorkspaceModelUrl;
}
