import * as vscode from 'vscode';
import type { WebviewMessage } from '../../protocol/chatMessages';
import { UserCancelled } from '../commands/commandRunner';
import { openLink } from './chatActions';
import type { ChatController } from './chatController';
import { auditRepository, auditWorkspace, chooseMode, chooseModel, editConnectors, showHistory } from './chatFlows';
import { openLocation } from './openLocation';
import { openReportMarkdown, saveReport } from './chatReports';
import type { ChatClient, ChatMessageTarget } from './chatWebviewHost';

/**
 * Acts on what a webview asks, after it parsed. Every message with a `requestId` gets one
 * `response`; a failure becomes that response's error (the webview shows it), or a notification
 * when nobody asked. Nothing a webview sends can throw into the extension host.
 */
export class ChatDispatch implements ChatMessageTarget {
  constructor(private readonly chat: ChatController) {}

  receive(message: WebviewMessage, from: ChatClient): void {
    void this.dispatch(message, from);
  }

  /** Resolves once the message is handled and answered (for tests). */
  async dispatch(message: WebviewMessage, from: ChatClient): Promise<void> {
    const requestId = 'requestId' in message ? message.requestId : undefined;
    try {
      await this.chat.restored;
      await this.handle(message, from);
      if (requestId !== undefined) from.post({ type: 'response', requestId, ok: true });
    } catch (err) {
      const cancelled = err instanceof UserCancelled;
      const text = err instanceof Error ? err.message : String(err);
      if (!cancelled) this.chat.services.log.warn(`chat: "${message.type}" failed: ${text}`);
      if (requestId !== undefined) from.post({ type: 'response', requestId, ok: cancelled, ...(cancelled ? {} : { error: text.slice(0, 2000) }) });
      else if (!cancelled) void vscode.window.showErrorMessage(text);
    }
  }

  private async handle(message: WebviewMessage, from: ChatClient): Promise<void> {
    const chat = this.chat;
    switch (message.type) {
      case 'ready':
        return chat.sendState(from);
      case 'send':
        return chat.send(message.text);
      case 'stop':
        chat.stop();
        return;
      case 'newChat':
        return chat.newChat();
      case 'showHistory':
        return showHistory(chat);
      case 'pickModel':
        return chooseModel(chat);
      case 'pickMode':
        return chooseMode(chat);
      case 'editConnectors':
        return editConnectors(chat);
      case 'auditRepository':
        return auditRepository(chat, false);
      case 'auditWorkspace':
        return auditWorkspace(chat, message.scope, false);
      case 'openLocation':
        return openLocation(message.path, message.line, chat.services.log);
      case 'openLink':
        return openLink(message.href, chat.services.log);
      case 'copy':
        return vscode.env.clipboard.writeText(message.text);
      case 'runFix':
        return chat.runFix(message.itemId, message.fixId);
      case 'openReport':
        return openReportMarkdown(chat.reportOf(message.itemId), chat.services.results, from.kind);
      case 'saveReport':
        return saveReport(chat.reportOf(message.itemId));
      case 'log':
        chat.services.log[message.level](`chat webview: ${message.message}`);
        return;
    }
  }
}
