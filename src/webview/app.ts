import type { ChatItem, ChatState } from '../protocol/chatItems';
import { parseHostMessage, type HostMessage } from '../protocol/chatMessages';
import { Bridge, type HostApi } from './bridge';
import type { ViewContext } from './context';
import { createDom } from './dom';
import { installLinkHandling } from './links';
import type { RenderStats, Scheduler } from './markdown/incremental';
import type { MarkdownRenderer } from './markdown/render';
import { ViewMemory } from './persist';
import { ScrollFollower } from './scroll';
import { ElapsedTicker } from './ticker';
import { ComposerView } from './views/composer';
import { EmptyStateView } from './views/emptyState';
import { HeaderView } from './views/header';
import { ItemList } from './views/itemList';
import { LiveStatus } from './views/liveStatus';

/**
 * The chat webview: keeps the host's ChatState and draws it. Every host message is parsed with the
 * shared schema first; an invalid one is reported to the host's log and dropped. Messages for
 * another chat (sent just before a switch) are ignored.
 */

export interface AppOptions {
  api: HostApi;
  markdown: MarkdownRenderer;
  /** The next animation frame in the browser; tests leave it out to render at once. */
  schedule?: Scheduler;
}

export class ChatApp {
  private state: ChatState | undefined;
  /** Item id → position in state.items, so an update finds its item without a search. */
  private readonly positions = new Map<string, number>();
  private readonly bridge: Bridge;
  private readonly memory: ViewMemory;
  private readonly header: HeaderView;
  private readonly list: ItemList;
  private readonly empty: HTMLElement;
  private readonly emptyView: EmptyStateView;
  private readonly live: LiveStatus;
  private readonly composer: ComposerView;
  private readonly scroll: ScrollFollower;

  constructor(
    readonly root: HTMLElement,
    options: AppOptions,
  ) {
    const dom = createDom(root.ownerDocument);
    this.bridge = new Bridge(options.api);
    this.memory = new ViewMemory(options.api);
    const messages = dom.el('main', { class: 'messages', attrs: { role: 'log', 'aria-live': 'off', 'aria-label': 'Chat messages', tabindex: '0' } });
    this.scroll = new ScrollFollower(messages, (position) => this.state && this.memory.setScroll(this.state.chatId, position));
    const ctx: ViewContext = {
      dom,
      bridge: this.bridge,
      markdown: options.markdown,
      ticker: new ElapsedTicker(),
      schedule: options.schedule,
      contentChanged: () => this.scroll.follow(),
    };
    this.header = new HeaderView(ctx);
    this.list = new ItemList(ctx);
    this.composer = new ComposerView(ctx, { draftChanged: (text) => this.state && this.memory.setDraft(this.state.chatId, text) });
    this.emptyView = new EmptyStateView(ctx, (prompt) => {
      this.composer.setDraft(prompt);
      this.composer.focus();
    });
    this.empty = this.emptyView.node;
    this.empty.hidden = true;
    this.live = new LiveStatus(dom.el('div', { class: 'live-status visually-hidden' }));
    messages.append(this.empty, this.list.node);
    this.header.update({ title: 'Auditor Chat', connectors: [] });
    root.replaceChildren(this.header.node, messages, this.live.node, this.composer.node);
    installLinkHandling(root, this.bridge);
  }

  /** Tells the host the view is ready for its state. */
  start(): void {
    this.bridge.post({ type: 'ready' });
  }

  /** Entry point for every `message` event from the host. */
  receive(raw: unknown): void {
    const parsed = parseHostMessage(raw);
    if (!parsed.ok) {
      this.bridge.log('warn', `Chat webview dropped a message: ${parsed.problem}`);
      return;
    }
    try {
      this.handle(parsed.message);
    } catch (error) {
      this.bridge.log(
        'error',
        `Chat webview failed on a "${parsed.message.type}" message: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    }
  }

  /** Renders all queued Markdown now. */
  flush(): void {
    this.list.flush();
  }

  renderStats(): RenderStats {
    const total: RenderStats = { stable: 0, tail: 0, stableChars: 0, tailChars: 0 };
    for (const view of this.list.assistants()) {
      total.stable += view.stats.stable;
      total.tail += view.stats.tail;
      total.stableChars += view.stats.stableChars;
      total.tailChars += view.stats.tailChars;
    }
    return total;
  }

  private handle(message: HostMessage): void {
    if (message.type === 'state') return this.showState(message.state);
    if (message.type === 'response') {
      this.bridge.settle(message.requestId, { ok: message.ok, error: message.error });
      return;
    }
    if (message.type === 'focusComposer') {
      if (message.draft !== undefined) this.composer.setDraft(message.draft);
      this.composer.focus();
      return;
    }
    const state = this.state;
    if (!state || message.chatId !== state.chatId) return;
    switch (message.type) {
      case 'header':
        state.header = message.header;
        this.header.update(message.header);
        this.emptyView.update(message.header);
        return;
      case 'item':
        return this.upsert(state, message.item);
      case 'text':
        return this.appendText(state, message.itemId, message.delta);
      case 'running':
        this.live.running(message.running, state.running);
        state.running = message.running;
        this.composer.setRunning(message.running);
        return;
    }
  }

  private showState(state: ChatState): void {
    const sameChat = this.state?.chatId === state.chatId;
    this.state = state;
    this.positions.clear();
    state.items.forEach((item, i) => this.positions.set(item.id, i));
    this.header.update(state.header);
    this.emptyView.update(state.header);
    this.list.setItems(state.items);
    this.empty.hidden = state.items.length > 0;
    this.composer.setRunning(state.running);
    if (!sameChat) this.composer.setDraft(this.memory.draft(state.chatId), false);
    // Lay the answers out now, so the restored scroll position points at real content.
    this.list.flush();
    // An empty chat opens at its top: the "Audit a repository…" button must not start scrolled away.
    this.scroll.restore(state.items.length === 0 ? { top: 0, atBottom: false } : this.memory.scroll(state.chatId));
  }

  private upsert(state: ChatState, item: ChatItem): void {
    const at = this.positions.get(item.id);
    const previous = at === undefined ? undefined : state.items[at];
    if (at === undefined) {
      this.positions.set(item.id, state.items.length);
      state.items.push(item);
    } else {
      state.items[at] = item;
    }
    this.live.item(item, previous);
    this.list.upsert(item);
    if (!this.empty.hidden) {
      // The first message of an empty chat: from now on, follow the newest message.
      this.empty.hidden = true;
      this.scroll.restore(undefined);
    }
  }

  private appendText(state: ChatState, itemId: string, delta: string): void {
    const at = this.positions.get(itemId);
    const item = at === undefined ? undefined : state.items[at];
    if (item?.kind !== 'assistant' || !this.list.appendText(itemId, delta)) {
      this.bridge.log('warn', `Chat webview got text for an item it cannot grow: ${itemId.slice(0, 80)}`);
      return;
    }
    item.text += delta;
  }
}
