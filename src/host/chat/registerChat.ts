import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChatSummary } from '../../core/chat/chatRecord';
import { ChatStore } from '../../core/chat/chatStore';
import type { ChatItem } from '../../protocol/chatItems';
import type { HostMessage } from '../../protocol/chatMessages';
import type { Services } from '../services';
import { ChatController } from './chatController';
import { ChatDispatch } from './chatDispatch';
import { auditConnector } from './auditConnector';
import { auditRepository, auditWorkspace, chooseMode, focusChat, showHistory } from './chatFlows';
import { MISTRAL_KEY_SECRET, OPENAI_KEY_SECRET } from '../models/keyNames';
import { hostChatPorts } from './chatHostPorts';
import { ChatViews } from './chatViews';
import { parseIncoming } from './chatWebviewHost';

/** What integration tests (and other extensions) can see of the chat. */
export interface ChatApi {
  currentId(): string;
  items(): readonly ChatItem[];
  running(): boolean;
  /** Resolves when the current chat's run (if any) has ended and been saved. */
  whenIdle(): Promise<void>;
  history(): Promise<ChatSummary[]>;
  panelOpen(): boolean;
  /**
   * Handles one raw message as if a webview had sent it (parsed, logged and dropped when
   * invalid) and resolves with what the host answered that caller.
   */
  webviewMessage(raw: unknown): Promise<HostMessage[]>;
}

const MODEL_KEYS = [MISTRAL_KEY_SECRET, OPENAI_KEY_SECRET];

type Command = (id: string, handler: (...args: never[]) => unknown) => vscode.Disposable;

/**
 * The Auditor Chat's part of the composition root: storage per workspace, the controller, the
 * sidebar view and editor panel, and the chat commands.
 */
export function registerChat(context: vscode.ExtensionContext, services: Services, command: Command): { controller: ChatController; api: ChatApi } {
  const store = new ChatStore(join((context.storageUri ?? context.globalStorageUri).fsPath, 'chats'), services.log);
  const controller = new ChatController(services, store, context.workspaceState, hostChatPorts(services, store));
  const dispatch = new ChatDispatch(controller);
  const views = new ChatViews(context.extensionUri, controller, dispatch, services.log);

  context.subscriptions.push(
    controller,
    views,
    ...views.register(),
    command('auditRepository', () => auditRepository(controller)),
    command('auditWorkspace', () => auditWorkspace(controller, 'workspace')),
    command('auditDependencies', () => auditWorkspace(controller, 'dependencies')),
    command('auditConnector', (node?: unknown) => auditConnector(controller, node)),
    command('newChat', async () => {
      await controller.restored;
      controller.newChat();
      await focusChat(controller, false);
    }),
    command('showChatHistory', () => showHistory(controller)),
    command('chooseChatMode', () => chooseMode(controller)),
    command('openChatInEditor', () => views.openInEditor()),
    command('stopAudit', () => controller.stop()),
    // A key set or removed from the palette changes which model and whether Studio can run.
    context.secrets.onDidChange((e) => {
      if (!MODEL_KEYS.some((name) => e.key.endsWith(name))) return;
      controller.refreshModel();
      controller.refreshStudio();
    }),
  );

  const api: ChatApi = {
    currentId: () => controller.current.id,
    items: () => controller.items(),
    running: () => controller.current.running,
    whenIdle: () => controller.current.whenIdle(),
    history: () => store.list(),
    panelOpen: () => views.panelOpen,
    webviewMessage: async (raw) => {
      const answers: HostMessage[] = [];
      const message = parseIncoming(raw, services.log, 'api');
      if (message) await dispatch.dispatch(message, { isReady: true, kind: 'view', post: (m) => void answers.push(m), postState: (m) => void answers.push(m) });
      return answers;
    },
  };
  return { controller, api };
}
