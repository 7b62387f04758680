import * as vscode from 'vscode';
import type { Logger } from '../../core/util/logger';
import type { ChatController } from './chatController';
import { chatWebviewOptions } from './chatHtml';
import { CHAT_VIEW_ID } from './chatFlows';
import { ChatWebviewHost, type ChatMessageTarget } from './chatWebviewHost';

export const CHAT_PANEL_TYPE = 'connectorAuditor.chatPanel';

const t = vscode.l10n.t;

/**
 * The two places the chat shows: the sidebar view and one editor panel ("Open Chat in Editor",
 * restored after a reload by the serializer). Neither keeps its page when hidden: the host owns
 * the chat and sends it again when the page comes back, which costs less than a hidden page.
 */
export class ChatViews implements vscode.WebviewViewProvider, vscode.WebviewPanelSerializer, vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly hosts = new Set<ChatWebviewHost>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly chat: ChatController,
    private readonly target: ChatMessageTarget,
    private readonly log: Logger,
  ) {}

  register(): vscode.Disposable[] {
    return [vscode.window.registerWebviewViewProvider(CHAT_VIEW_ID, this), vscode.window.registerWebviewPanelSerializer(CHAT_PANEL_TYPE, this)];
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    const host = this.adopt(view.webview, 'view');
    const visibility = view.onDidChangeVisibility(() => {
      if (!view.visible) host.detach();
    });
    view.onDidDispose(() => {
      visibility.dispose();
      this.release(host);
    });
  }

  openInEditor(): void {
    if (this.panel) return this.panel.reveal();
    const panel = vscode.window.createWebviewPanel(CHAT_PANEL_TYPE, t('Auditor Chat'), vscode.ViewColumn.Active, chatWebviewOptions(this.extensionUri));
    this.adoptPanel(panel);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    // A second restored panel (from an older session) is closed: one editor chat at a time.
    if (this.panel) return panel.dispose();
    this.adoptPanel(panel);
  }

  /** For integration tests: whether the editor panel is open. */
  get panelOpen(): boolean {
    return this.panel !== undefined;
  }

  private adoptPanel(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'connector-auditor.svg');
    const host = this.adopt(panel.webview, 'panel');
    const state = panel.onDidChangeViewState(() => {
      if (!panel.visible) host.detach();
    });
    panel.onDidDispose(() => {
      state.dispose();
      if (this.panel === panel) this.panel = undefined;
      this.release(host);
    });
  }

  private adopt(webview: vscode.Webview, kind: 'view' | 'panel'): ChatWebviewHost {
    const host = new ChatWebviewHost(webview, this.extensionUri, this.target, this.log, kind);
    this.hosts.add(host);
    this.chat.addClient(host);
    return host;
  }

  private release(host: ChatWebviewHost): void {
    this.hosts.delete(host);
    this.chat.removeClient(host);
    host.dispose();
  }

  dispose(): void {
    for (const host of [...this.hosts]) this.release(host);
    this.panel?.dispose();
  }
}
