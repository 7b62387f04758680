import * as vscode from 'vscode';
import { privateRegistryFile, workspaceRegistryFile } from './core/connectors/paths';
import { ConnectorRegistry, type Connector, type ConnectorSource, type SourceProblem } from './core/connectors/registry';
import { SessionPool } from './core/mcp/sessionPool';
import type { ConfirmationDefault } from './core/connectors/toolPolicy';
import { SafetySettings } from './host/settings/safetySettings';
import { WorkspaceModelUrl } from './host/models/workspaceModelUrl';
import { CallHistory, type CallRecord } from './core/tools/callHistory';
import { ConfirmationService } from './core/tools/confirmation';
import { ToolCaller } from './core/tools/toolCaller';
import { callTool, showHistory } from './host/commands/callTool';
import { setToolConfirmation, setToolIncluded } from './host/commands/toolConfigCommands';
import { ModalConfirmationPort } from './host/modalConfirmations';
import { ResultDocuments } from './host/resultDocuments';
import { registerCommand } from './host/commands/commandRunner';
import { addConnector } from './host/commands/addConnector';
import { editConnector, openProblem, reconnect, refresh, removeConnector, setEnabled, showLog } from './host/commands/connectorCommands';
import { importConnectors } from './host/commands/importConnectors';
import { setSecret } from './host/commands/setSecret';
import { channelLogger, ConnectorLogs } from './host/logs';
import { ConnectorFileWatcher } from './host/registryWatcher';
import { SecretStore } from './host/secrets';
import { SecretOAuthStore } from './host/oauth/secretOAuthStore';
import { VscodeOAuthRedirect } from './host/oauth/vscodeRedirect';
import { signInConnector, signOutConnector } from './host/commands/oauthCommands';
import type { Services } from './host/services';
import { ConnectorsTreeProvider } from './host/tree/connectorsTree';
import { registerChat, type ChatApi } from './host/chat/registerChat';
import { registerBuiltins } from './host/builtins/registerBuiltins';
import type { ChatController } from './host/chat/chatController';
import { GlobalStateApprovalStore } from './host/consent/approvalStore';
import { HostStartConsent, untrustedMessage } from './host/consent/hostStartConsent';
import { registerPins } from './host/pins/registerPins';
import { StudioAccess } from './host/studio/studioAccess';
import { StudioTreeSection } from './host/studio/studioTree';
import { createStudioConnector, deleteStudioConnector, editStudioConnector } from './host/studio/studioConnectorCommands';
import { publishToStudio } from './host/studio/publishToStudio';
import { removeMistralApiKey } from './host/models/removeModelKey';

/** Composition root: builds the services, registers views and commands, nothing else. */

let pool: SessionPool | undefined;
let chat: ChatController | undefined;

export interface ConnectorAuditorApi {
  /** For integration tests and other extensions: the registry's current view. */
  connectors(): readonly Connector[];
  problems(): readonly SourceProblem[];
  reload(): Promise<void>;
  sessionState(connectorId: string): import('./core/mcp/session').SessionState | undefined;
  tools(connectorId: string): Promise<readonly string[]>;
  /** Which model an audit would use now, and why. */
  modelChoice(): Promise<{ id: string; reason: string }>;
  /** `connectorAuditor.confirmation.default` as it applies (a workspace can only tighten it). */
  confirmationPolicy(): ConfirmationDefault;
  /** The Auditor Chat, for integration tests. */
  chat: ChatApi;
}

export async function activate(context: vscode.ExtensionContext): Promise<ConnectorAuditorApi> {
  const channel = vscode.window.createOutputChannel('Connector Auditor', { log: true });
  const log = channelLogger(channel);
  const secrets = new SecretStore(context.secrets);
  const logs = new ConnectorLogs();
  const privateFile = privateRegistryFile(process.env);
  const safety = new SafetySettings(log);

  const workspaceFolder = () => vscode.workspace.workspaceFolders?.[0]?.uri;
  const workspaceFile = () => {
    const folder = workspaceFolder();
    return folder?.scheme === 'file' && safety.workspaceConnectorsEnabled() ? workspaceRegistryFile(folder.fsPath) : undefined;
  };
  const sources = (): ConnectorSource[] => {
    const ws = workspaceFile();
    return [{ visibility: 'private', file: privateFile }, ...(ws ? [{ visibility: 'shared_workspace' as const, file: ws }] : [])];
  };
  const isStartAllowed = (c: Connector) => c.visibility !== 'shared_workspace' || vscode.workspace.isTrusted;
  const startConsent = new HostStartConsent(new GlobalStateApprovalStore(context.globalState));

  const registry = new ConnectorRegistry(sources());
  const version = String(context.extension.packageJSON.version ?? '0.0.0');
  const builtins = registerBuiltins({ secrets, log, version, pool: () => pool });
  const oauthStore = new SecretOAuthStore(context.secrets);
  const oauthRedirect = new VscodeOAuthRedirect(context.extension.id);
  pool = new SessionPool((connector) => ({
    oauth: { store: oauthStore, redirect: oauthRedirect },
    placeholders: { secrets, env: process.env },
    log: logs.logger(connector.label),
    defaultCwd: workspaceFolder()?.fsPath,
    clientInfo: { name: 'connector-auditor', version },
    builtinServer: builtins.builtinServer,
    // Every path that starts a session (tree, Call Tool, history, chat, API) passes these two.
    startBlocked: (c) => (isStartAllowed(c) ? undefined : untrustedMessage(c)),
    approveStart: startConsent.approveStart,
  }));
  const sessions = pool;
  // The pool must follow the registry before the tree asks for children.
  const syncSub = registry.onDidChange((snap) => sessions.sync(snap.connectors));
  const confirmationPolicy = (): ConfirmationDefault => safety.confirmationDefault();
  const results = new ResultDocuments();
  const confirmations = new ConfirmationService(new ModalConfirmationPort(results));
  const pinning = registerPins({ privateFile, registry, pool: sessions, log });
  const caller = new ToolCaller({ confirmations, policy: confirmationPolicy, pins: pinning.pins });
  const historyKey = 'connectorAuditor.callHistory';
  const history = new CallHistory({
    read: () => context.workspaceState.get<unknown>(historyKey),
    write: (records: CallRecord[]) => context.workspaceState.update(historyKey, records),
  });
  const studio = new StudioAccess(secrets);
  const modelUrl = new WorkspaceModelUrl(context.globalState);
  const studioTree = new StudioTreeSection(studio, confirmationPolicy);
  const tree = new ConnectorsTreeProvider(registry, sessions, isStartAllowed, confirmationPolicy, builtins.status, pinning.pins, studioTree);
  const treeView = vscode.window.createTreeView('connectorAuditor.connectors', { treeDataProvider: tree, showCollapseAll: true });
  const watcher = new ConnectorFileWatcher(registry, () => sources().map((s) => s.file));

  const services: Services = {
    registry,
    pool: sessions,
    tree,
    treeView,
    logs,
    secrets,
    oauthStore,
    log,
    privateFile,
    workspaceFile,
    isStartAllowed,
    caller,
    confirmations,
    confirmationPolicy,
    results,
    history,
    startConsent,
    pins: pinning.pins,
    studio,
    modelUrl,
  };
  const command = (id: string, handler: (...args: never[]) => unknown) => registerCommand(`connectorAuditor.${id}`, handler, log);

  context.subscriptions.push(
    channel,
    logs,
    syncSub,
    tree,
    treeView,
    watcher,
    { dispose: () => registry.dispose() },
    command('refresh', () => refresh(services)),
    command('addConnector', () => addConnector(services)),
    command('importConnectors', (file?: string) => importConnectors(services, file)),
    command('reconnect', (node?: unknown) => reconnect(services, node)),
    command('editConnector', (node?: unknown) => editConnector(services, node)),
    command('removeConnector', (node?: unknown) => removeConnector(services, node)),
    command('enableConnector', (node?: unknown) => setEnabled(services, node, true)),
    command('disableConnector', (node?: unknown) => setEnabled(services, node, false)),
    command('showLog', (node?: unknown) => showLog(services, node)),
    command('setSecret', (name?: string) => setSecret(services, name)),
    command('openProblem', (node?: unknown) => openProblem(services, node)),
    results,
    command('callTool', (node?: unknown) => callTool(services, node)),
    command('showHistory', () => showHistory(services)),
    command('excludeTool', (node?: unknown) => setToolIncluded(services, node, false)),
    command('includeTool', (node?: unknown) => setToolIncluded(services, node, true)),
    command('requireConfirmation', (node?: unknown) => setToolConfirmation(services, node, true)),
    command('dontRequireConfirmation', (node?: unknown) => setToolConfirmation(services, node, false)),
    command('resetSessionApprovals', () => confirmations.reset()),
    command('forgetStartApprovals', () => startConsent.forget()),
    studio,
    studioTree,
    command('createStudioConnector', () => createStudioConnector(studio)),
    command('editStudioConnector', (node?: unknown) => editStudioConnector(studio, node)),
    command('deleteStudioConnector', (node?: unknown) => deleteStudioConnector(studio, node)),
    command('publishToStudio', (node?: unknown) => publishToStudio(services, node)),
    ...builtins.disposables,
    ...pinning.disposables,
    command('signInToGitHub', () => builtins.signIn()),
    command('signIn', (node?: unknown) => signInConnector(services, node)),
    command('signOut', (node?: unknown) => signOutConnector(services, node)),
    vscode.window.registerUriHandler(oauthRedirect),
    { dispose: () => void oauthRedirect.dispose() },
    command('setWebSearchKey', () => builtins.setWebSearchKey()),
    // Model code (two provider SDKs) loads only when a model is needed, not at activation.
    command('setMistralApiKey', async () => (await import('./host/models/modelChoice.js')).setModelApiKey(secrets, 'mistral')),
    command('removeMistralApiKey', () => removeMistralApiKey(secrets)),
    command('setOpenAiApiKey', async () => (await import('./host/models/modelChoice.js')).setModelApiKey(secrets, 'openai')),
    vscode.workspace.onDidChangeWorkspaceFolders(() => {
      watcher.rewatch();
      void registry.setSources(sources());
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('connectorAuditor.confirmation')) tree.refresh();
      if (e.affectsConfiguration('connectorAuditor.workspaceConnectors')) {
        watcher.rewatch();
        void registry.setSources(sources());
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      // Workspace connectors refused while untrusted start over from idle.
      sessions.restart(registry.snapshot.connectors, (c) => c.visibility === 'shared_workspace');
      void registry.reload();
    }),
  );

  const chatParts = registerChat(context, services, command);
  chat = chatParts.controller;

  // Reads the key only; the Mistral SDK loads when the Studio group is first opened.
  void studio.reload();
  const first = await registry.reload();
  void vscode.commands.executeCommand('setContext', 'connectorAuditor.loaded', true);
  log.info(`loaded ${first.connectors.length} connectors (${first.problems.length} problems); private registry: ${privateFile}`);

  return {
    connectors: () => registry.snapshot.connectors,
    problems: () => registry.snapshot.problems,
    reload: async () => void (await registry.reload()),
    sessionState: (id) => sessions.get(id)?.state,
    tools: async (id) => (await (sessions.get(id)?.ensureReady() ?? Promise.resolve([]))).map((t) => t.name),
    modelChoice: async () => {
      const { client, reason } = await (await import('./host/models/modelChoice.js')).chooseModel(secrets, await modelUrl.resolve('peek'));
      return { id: client.id, reason };
    },
    confirmationPolicy,
    chat: chatParts.api,
  };
}

/** Awaited by VS Code: every server process is stopped before the extension host goes. */
export async function deactivate(): Promise<void> {
  // Runs stop and chats are written before the connectors they use go away.
  await chat?.shutdown();
  chat = undefined;
  await pool?.dispose();
  pool = undefined;
}
