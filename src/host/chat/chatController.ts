import * as vscode from 'vscode';
import { ChatTimeline } from '../../core/chat/chatTimeline';
import type { ChatPorts, ChatSessionSink } from '../../core/chat/chatPorts';
import type { ChatMode, ChatRecord } from '../../core/chat/chatRecord';
import { ChatBusyError, ChatSession, newChatRecord, type ChatAuditRequest } from '../../core/chat/chatSession';
import type { ChatStore } from '../../core/chat/chatStore';
import type { AuditReport } from '../../core/audit/report';
import type { ChatHeader, ChatItem, StudioHeader } from '../../protocol/chatItems';
import type { HostMessage } from '../../protocol/chatMessages';
import type { Services } from '../services';
import { runFix } from './chatActions';
import { pickModel } from './chatPickers';
import { connectorChips, describeModel, type ModelDescription } from './chatHeader';
import type { ChatClient } from './chatWebviewHost';

const t = vscode.l10n.t;

/** workspaceState: the chat to reopen after a reload. */
const CURRENT_KEY = 'connectorAuditor.chat.current';
/** A context key for `when` clauses (Stop Audit). */
const RUNNING_CONTEXT = 'connectorAuditor.chatRunning';
/** What the chat state may carry (the protocol's bound); older items stay on disk. */
const MAX_ITEMS = 10_000;

/**
 * The chat's state on the host: the current chat, the webviews showing it (all get the same
 * messages), and chats still running after the person moved to another one. The webviews are
 * views of this; they own nothing but scroll position and drafts.
 */
export class ChatController implements vscode.Disposable {
  private readonly clients = new Set<ChatClient>();
  private session: ChatSession;
  /** Chats with a run still going that are no longer shown; dropped when their run ends. */
  private readonly background = new Map<string, ChatSession>();
  private model: ModelDescription | undefined;
  private modelLoad: Promise<void> | undefined;
  /** What Studio mode would attach, read when a Studio chat is shown; undefined until then. */
  private studio: StudioHeader | undefined;
  private studioLoad: Promise<void> | undefined;
  private headerTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: { dispose(): void }[] = [];
  /** Settles once the last chat is back; messages wait for it so none acts on a placeholder. */
  readonly restored: Promise<void>;

  constructor(
    readonly services: Services,
    readonly store: ChatStore,
    private readonly memento: vscode.Memento,
    private readonly ports: ChatPorts,
  ) {
    this.session = this.createSession(newChatRecord());
    this.restored = this.restore().catch((err: unknown) => services.log.warn(`chat: could not reopen the last chat: ${String(err)}`));
    this.subscriptions.push(
      services.registry.onDidChange(() => this.scheduleHeader()),
      services.pool.onDidChangeSession(() => this.scheduleHeader()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('connectorAuditor.model') || e.affectsConfiguration('chat.disableAIFeatures')) this.refreshModel();
      }),
      // The empty chat offers to audit the open folder, and says when VS Code does not trust it.
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleHeader()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleHeader()),
    );
  }

  get current(): ChatSession {
    return this.session;
  }

  addClient(client: ChatClient): void {
    this.clients.add(client);
  }

  removeClient(client: ChatClient): void {
    this.clients.delete(client);
  }

  /** Whether any webview shows the chat now. */
  isShown(): boolean {
    return [...this.clients].some((c) => c.isReady);
  }

  /** A client said `ready`: it gets everything, and the model is described once someone looks. */
  sendState(client: ChatClient): void {
    client.postState(this.stateMessage());
    this.modelLoad ??= this.loadModel();
    if (this.session.mode === 'studio') this.studioLoad ??= this.loadStudio();
  }

  send(text: string, target?: string): void {
    if (this.session.running) throw new ChatBusyError();
    // The run reports its own failures as items; its promise never rejects once started.
    void this.session.send(text, target);
  }

  /** An audit named by a button or a command (the workspace, its dependencies, a connector). */
  audit(request: ChatAuditRequest): void {
    if (this.session.running) throw new ChatBusyError();
    void this.session.audit(request);
  }

  stop(): boolean {
    return this.session.stop();
  }

  retry(): void {
    if (this.session.running) throw new ChatBusyError();
    void this.session.retry().catch((err: unknown) => void vscode.window.showInformationMessage(err instanceof Error ? err.message : String(err)));
  }

  /** An empty chat is already new: no second blank one. */
  newChat(): void {
    if (this.session.record.items.length === 0 && !this.session.running) return;
    const record = newChatRecord();
    // Someone who chose Mistral Studio keeps it for the next chat; each chat can still be switched.
    if (this.session.mode === 'studio') record.mode = 'studio';
    this.switchTo(this.createSession(record));
  }

  async open(id: string): Promise<void> {
    if (id === this.session.id) return;
    const live = this.background.get(id);
    if (live) return this.switchTo(live);
    const record = await this.store.get(id);
    if (!record) throw new Error(t('That chat could not be read; it may have been deleted.'));
    this.switchTo(this.createSession(settled(record)));
  }

  /** A chat was deleted from the history: a run in it stops, and the current one is replaced by a new chat. */
  async deleted(id: string): Promise<void> {
    const session = id === this.session.id ? this.session : this.background.get(id);
    this.background.delete(id);
    if (id === this.session.id) this.switchTo(this.createSession(newChatRecord()));
    if (session) {
      await session.discard();
      await this.store.delete(id);
    }
  }

  /** Local or Mistral Studio, for this chat's next runs. */
  setMode(mode: ChatMode): void {
    this.session.setMode(mode);
    if (mode === 'studio') this.refreshStudio();
    this.scheduleHeader();
  }

  setStudioConnectorIds(ids: readonly string[] | undefined): void {
    this.session.setStudioConnectorIds(ids);
    this.refreshStudio();
  }

  setConnectorIds(ids: readonly string[] | undefined): void {
    this.session.setConnectorIds(ids);
    this.scheduleHeader();
  }

  async runFix(itemId: string, fixId: string): Promise<void> {
    // Looked up in the host's own record: the webview only names the fix.
    const item = this.session.record.items.find((i) => i.id === itemId);
    const fixes = item?.kind === 'error' ? item.fixes : item?.kind === 'notice' ? (item.fixes ?? []) : [];
    const fix = fixes.find((f) => f.id === fixId);
    if (!fix) throw new Error(t('That action is no longer available.'));
    await runFix(fix.action, {
      services: this.services,
      retry: () => this.retry(),
      newChat: () => this.newChat(),
      pickModel: async () => void (await pickModel()),
      refreshHeader: () => {
        this.refreshModel();
        this.refreshStudio();
      },
    });
  }

  reportOf(itemId: string): AuditReport {
    const item = this.session.record.items.find((i) => i.id === itemId);
    if (item?.kind !== 'report') throw new Error(t('That report is no longer in this chat.'));
    return item.report;
  }

  /** The model setting, a key or VS Code's models changed: describe the model again. */
  refreshModel(): void {
    if (this.clients.size === 0) {
      this.model = undefined;
      this.modelLoad = undefined;
      return;
    }
    this.modelLoad = this.loadModel();
  }

  /** The key or the Studio registry may have changed: read what Studio mode would attach again. */
  refreshStudio(): void {
    if (this.session.mode !== 'studio' || this.clients.size === 0) {
      this.studio = undefined;
      this.studioLoad = undefined;
      return;
    }
    this.studioLoad = this.loadStudio();
  }

  items(): readonly ChatItem[] {
    return this.session.record.items;
  }

  /** Stops every run and writes what is pending; awaited on deactivate, before the sessions close. */
  async shutdown(): Promise<void> {
    await Promise.all([this.session, ...this.background.values()].map((s) => s.dispose()));
  }

  dispose(): void {
    if (this.headerTimer) clearTimeout(this.headerTimer);
    for (const s of this.subscriptions.splice(0)) s.dispose();
    this.clients.clear();
    void this.shutdown();
  }

  private async restore(): Promise<void> {
    const id = this.memento.get<string>(CURRENT_KEY);
    const record = id ? await this.store.get(id) : undefined;
    // Someone may have started a chat meanwhile; theirs wins.
    if (!record || this.session.record.items.length > 0) return;
    this.switchTo(this.createSession(settled(record)));
  }

  private async loadModel(): Promise<void> {
    this.model = await describeModel(this.services);
    this.broadcast({ type: 'header', chatId: this.session.id, header: this.header() });
  }

  private loadStudio(): Promise<void> {
    return this.readStudio().catch((err: unknown) => this.services.log.warn(`chat: could not describe Mistral Studio: ${String(err)}`));
  }

  private async readStudio(): Promise<void> {
    // Shown at once as loading; the header does not wait for the registry.
    this.studio = { model: this.studio?.model ?? '', connectors: this.studio?.connectors ?? [], webSearch: true, loading: true };
    this.scheduleHeader();
    const { describeStudio } = await import('../studio/studioChatSetup.js');
    this.studio = await describeStudio(this.services, this.session.record.studioConnectorIds);
    this.broadcast({ type: 'header', chatId: this.session.id, header: this.header() });
  }

  private switchTo(session: ChatSession): void {
    const previous = this.session;
    if (previous !== session) {
      if (previous.running) this.background.set(previous.id, previous);
      else void previous.dispose();
    }
    this.background.delete(session.id);
    this.session = session;
    Promise.resolve(this.memento.update(CURRENT_KEY, session.id)).then(undefined, (err: unknown) =>
      this.services.log.warn(`chat: could not remember the current chat: ${String(err)}`),
    );
    this.setRunningContext(session.running);
    if (session.mode === 'studio' && !this.studio) this.refreshStudio();
    const state = this.stateMessage();
    for (const client of this.clients) client.postState(state);
  }

  private createSession(record: ChatRecord): ChatSession {
    return new ChatSession(record, this.ports, this.sinkFor(record.id));
  }

  private sinkFor(id: string): ChatSessionSink {
    const shown = () => this.session?.id === id;
    return {
      item: (item) => shown() && this.broadcast({ type: 'item', chatId: id, item }),
      text: (itemId, delta) => shown() && this.broadcast({ type: 'text', chatId: id, itemId, delta }),
      running: (running) => {
        if (shown()) {
          this.broadcast({ type: 'running', chatId: id, running });
          this.setRunningContext(running);
          // A Studio run may have met a changed registry (or a rejected key): the header follows.
          if (!running && this.session.mode === 'studio') this.refreshStudio();
        } else if (!running) this.background.delete(id);
      },
      header: () => shown() && this.scheduleHeader(),
    };
  }

  private stateMessage(): Extract<HostMessage, { type: 'state' }> {
    const { record } = this.session;
    return { type: 'state', state: { chatId: record.id, header: this.header(), items: record.items.slice(-MAX_ITEMS), running: this.session.running } };
  }

  private header(): ChatHeader {
    const { record } = this.session;
    const studio =
      this.session.mode === 'studio' ? { mode: 'studio' as const, studio: this.studio ?? { model: '', connectors: [], webSearch: true, loading: true } } : {};
    return {
      title: record.title.slice(0, 500),
      ...(this.model ? { model: this.model } : {}),
      ...studio,
      connectors: connectorChips(this.services, record.connectorIds),
      workspace: { folder: (vscode.workspace.workspaceFolders?.length ?? 0) > 0, trusted: vscode.workspace.isTrusted },
    };
  }

  /** Session states change in bursts (connecting, ready, tools): one header per burst. */
  private scheduleHeader(): void {
    if (this.headerTimer) return;
    this.headerTimer = setTimeout(() => {
      this.headerTimer = undefined;
      this.broadcast({ type: 'header', chatId: this.session.id, header: this.header() });
    }, 50);
  }

  private broadcast(message: HostMessage): void {
    for (const client of this.clients) client.post(message);
  }

  private setRunningContext(running: boolean): void {
    void vscode.commands.executeCommand('setContext', RUNNING_CONTEXT, running);
  }
}

/** A chat reopened after the window closed mid-run: nothing in it may still look like it is running. */
function settled(record: ChatRecord): ChatRecord {
  return { ...record, items: ChatTimeline.settleInterrupted(record.items) };
}
