import * as vscode from 'vscode';
import { parseWebviewMessage, type HostMessage, type WebviewMessage } from '../../protocol/chatMessages';
import type { Logger } from '../../core/util/logger';
import { chatHtml, chatWebviewOptions } from './chatHtml';

/** Something that shows the chat: a webview host, or (in tests) a collector of messages. */
export interface ChatClient {
  /** Whether a page is there to receive messages (a hidden view has none). */
  readonly isReady: boolean;
  /** The sidebar view or the editor panel: decides where things the chat opens go. */
  readonly kind: 'view' | 'panel';
  post(message: HostMessage): void;
  /** The whole state, replacing whatever the client had. */
  postState(message: Extract<HostMessage, { type: 'state' }>): void;
}

/** What a webview host reports to: the controller. */
export interface ChatMessageTarget {
  /** A parsed message from this client ('ready' included). Must not throw. */
  receive(message: WebviewMessage, from: ChatClient): void;
}

/** Every message from a webview goes through this: anything that does not parse is logged and dropped. */
export function parseIncoming(raw: unknown, log: Logger, source: string): WebviewMessage | undefined {
  const parsed = parseWebviewMessage(raw);
  if (parsed.ok) return parsed.message;
  log.warn(`chat webview (${source}): dropped an ${parsed.problem}`);
  return undefined;
}

/** Consecutive text deltas are merged for this long: one message per frame instead of per token. */
const TEXT_BATCH_MS = 16;
const MAX_BATCHED_DELTA = 500_000;

/**
 * One webview showing the chat (the sidebar view or the editor panel). It loads the shell,
 * parses every incoming message (anything invalid is logged and dropped, never acted on) and
 * sends typed messages once the webview has said `ready`; before that, and while a view is
 * hidden (its page is gone), nothing is sent: the next `ready` brings the whole state.
 */
export class ChatWebviewHost implements ChatClient, vscode.Disposable {
  private ready = false;
  private pending: Extract<HostMessage, { type: 'text' }> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly webview: vscode.Webview,
    extensionUri: vscode.Uri,
    private readonly target: ChatMessageTarget,
    private readonly log: Logger,
    readonly kind: 'view' | 'panel',
  ) {
    webview.options = chatWebviewOptions(extensionUri);
    webview.html = chatHtml(webview, extensionUri, kind);
    this.subscriptions.push(webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw)));
  }

  /** Parses and dispatches one raw message; public so integration tests can feed it garbage. */
  onMessage(raw: unknown): void {
    const message = parseIncoming(raw, this.log, this.kind);
    if (!message) return;
    if (message.type === 'ready') this.ready = true;
    this.target.receive(message, this);
  }

  /** The page went away (a hidden view); it says `ready` again when it comes back. */
  detach(): void {
    this.ready = false;
    this.dropPending();
  }

  get isReady(): boolean {
    return this.ready;
  }

  post(message: HostMessage): void {
    if (!this.ready) return;
    if (message.type === 'text') return this.batch(message);
    this.flush();
    this.send(message);
  }

  /** The whole state: whatever deltas were waiting are already part of it. */
  postState(message: Extract<HostMessage, { type: 'state' }>): void {
    this.dropPending();
    this.post(message);
  }

  private batch(message: Extract<HostMessage, { type: 'text' }>): void {
    const pending = this.pending;
    if (pending && pending.chatId === message.chatId && pending.itemId === message.itemId && pending.delta.length < MAX_BATCHED_DELTA) {
      pending.delta += message.delta;
      return;
    }
    this.flush();
    this.pending = { ...message };
    this.timer = setTimeout(() => this.flush(), TEXT_BATCH_MS);
  }

  private flush(): void {
    const pending = this.pending;
    this.dropPending();
    if (pending) this.send(pending);
  }

  private dropPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = undefined;
  }

  private send(message: HostMessage): void {
    // A webview disposed between two events rejects; that is not worth a log line.
    Promise.resolve(this.webview.postMessage(message)).then(undefined, () => undefined);
  }

  dispose(): void {
    this.ready = false;
    this.dropPending();
    for (const s of this.subscriptions.splice(0)) s.dispose();
  }
}
