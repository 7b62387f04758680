import type { AgentEvent, FinishedEvent } from '../agent/agentEvents';
import type { AssistantItem, ChatItem, Fix, ToolItem } from '../../protocol/chatItems';
import { fixesFor } from './fixes';

/**
 * Turns a run's events into the items a chat shows: streamed text grows one assistant item per
 * round, each tool call is a card that moves through its states, the report is a card, and a run
 * that ends without one says why (with the fixes that apply). Pure: the host decides where the
 * changes go (webviews, storage).
 */

export interface TimelineSink {
  /** An item was added, or changed (same id). */
  item(item: ChatItem): void;
  /** An assistant item grew by `delta`; cheaper than re-sending the item on every chunk. */
  text(itemId: string, delta: string): void;
}

export interface TimelineOptions {
  now?: () => number;
  /** Unique per run: item ids must not collide with earlier runs of the same chat (call ids may repeat). */
  prefix?: string;
  /** The provider whose key a rejected-key error offers to set; none for VS Code's own models. */
  keyProvider?: 'mistral' | 'openai';
}

/** Characters of arguments a card shows; the whole call is in the transcript. */
const ARGS_SHOWN = 20_000;

/**
 * Characters of one answer an assistant item keeps. An item's text may have at most 2,000,000
 * (chatItems.ts): past that the saved chat would fail to validate (and be set aside when read)
 * and the webview would drop the item. The model's full answer stays in the chat's messages.
 */
export const ANSWER_KEPT = 1_000_000;

export class ChatTimeline {
  private readonly byId = new Map<string, number>();
  private openText: { round: number; item: AssistantItem; dropped: number } | undefined;
  private seq = 0;

  private readonly now: () => number;
  private readonly prefix: string;

  constructor(
    private readonly items: ChatItem[],
    private readonly sink: TimelineSink,
    private readonly options: TimelineOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.prefix = options.prefix ?? `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    items.forEach((item, i) => this.byId.set(item.id, i));
  }

  addUser(text: string): void {
    this.add({ kind: 'user', id: this.nextId('u'), text });
  }

  addNotice(text: string, fixes: Fix[] = []): void {
    this.add({ kind: 'notice', id: this.nextId('n'), text, ...(fixes.length ? { fixes } : {}) });
  }

  addError(text: string, fixes: Fix[] = []): void {
    this.closeText();
    this.add({ kind: 'error', id: this.nextId('e'), text, fixes });
  }

  apply(event: AgentEvent): void {
    switch (event.type) {
      case 'text':
        return this.appendText(event.round, event.delta);
      case 'notice':
        return this.addNotice(event.message);
      case 'toolCallStarted':
        this.closeText();
        // The report tool is the run's own plumbing: its result is the report card.
        if (event.internal) return;
        this.add({
          kind: 'tool',
          id: this.toolId(event.callId),
          connector: event.connector,
          tool: event.tool ?? event.name,
          args: argumentsText(event.args),
          state: 'running',
          startedAt: this.now(),
        });
        return;
      case 'awaitingConfirmation':
        return this.updateTool(event.callId, { state: 'waiting' });
      case 'confirmationAnswered':
        // A denied call is finished by its toolCallFinished ('denied'); an allowed one runs from now.
        if (event.allowed) this.updateTool(event.callId, { state: 'running', startedAt: this.now() });
        return;
      case 'toolCallFinished': {
        const state = event.status === 'ok' ? 'done' : event.status === 'error' ? 'failed' : event.status;
        return this.updateTool(event.callId, { state, durationMs: event.durationMs, preview: event.preview });
      }
      case 'reportSubmitted':
        this.closeText();
        return this.add({ kind: 'report', id: this.nextId('report'), report: event.report, ...(event.evidence ? { evidence: event.evidence } : {}) });
      case 'finished':
        return this.finish(event);
      case 'roundStarted':
      case 'usage':
        return;
    }
  }

  /** Marks cards a run left behind (the window closed mid-run) so none spins forever. */
  static settleInterrupted(items: ChatItem[]): ChatItem[] {
    return items.map((item) => {
      if (item.kind === 'tool' && (item.state === 'running' || item.state === 'waiting')) return { ...item, state: 'cancelled' as const };
      if (item.kind === 'assistant' && item.streaming) return { ...item, streaming: false };
      return item;
    });
  }

  private finish(event: FinishedEvent): void {
    this.closeText();
    for (const item of this.items) {
      if (item.kind === 'tool' && (item.state === 'running' || item.state === 'waiting')) this.updateItem(item.id, { state: 'cancelled' });
    }
    if (event.reason === 'report') return;
    if (event.reason === 'error') return this.addError(event.message ?? 'The audit stopped on an error.', fixesFor(event.errorKind, this.options.keyProvider));
    if (event.reason === 'cancelled') return this.addNotice('Stopped. Send a message to go on.');
    const outcome = event.outcome;
    this.add({
      kind: 'undetermined',
      id: this.nextId('x'),
      target: outcome.kind === 'undetermined' ? outcome.target : '',
      text: event.message ?? 'No verdict.',
    });
  }

  private appendText(round: number, delta: string): void {
    if (!delta) return;
    if (this.openText?.round === round) {
      const open = this.openText;
      const room = ANSWER_KEPT - open.item.text.length;
      const kept = delta.length <= room ? delta : delta.slice(0, Math.max(0, room));
      open.dropped += delta.length - kept.length;
      if (!kept) return;
      open.item.text += kept;
      this.sink.text(open.item.id, kept);
      return;
    }
    this.closeText();
    const kept = delta.slice(0, ANSWER_KEPT);
    const item: AssistantItem = { kind: 'assistant', id: this.nextId('a'), text: kept, streaming: true };
    this.openText = { round, item, dropped: delta.length - kept.length };
    this.add(item);
  }

  private closeText(): void {
    if (!this.openText) return;
    const { item, dropped } = this.openText;
    this.openText = undefined;
    const text = dropped > 0 ? `${item.text}\n\n… (${dropped} more characters of this answer are not kept in the chat)` : item.text;
    this.replace({ ...item, text, streaming: false });
  }

  private toolId(callId: string): string {
    return `${this.prefix}-t-${callId}`;
  }

  private updateTool(callId: string, change: Partial<ToolItem>): void {
    this.updateItem(this.toolId(callId), change);
  }

  private updateItem(id: string, change: Partial<ToolItem>): void {
    const index = this.byId.get(id);
    const item = index === undefined ? undefined : this.items[index];
    if (item?.kind !== 'tool') return;
    this.replace({ ...item, ...change });
  }

  private add(item: ChatItem): void {
    this.byId.set(item.id, this.items.length);
    this.items.push(item);
    this.sink.item(item);
  }

  private replace(item: ChatItem): void {
    const index = this.byId.get(item.id);
    if (index === undefined) return this.add(item);
    this.items[index] = item;
    this.sink.item(item);
  }

  private nextId(kind: string): string {
    return `${this.prefix}-${kind}${++this.seq}`;
  }
}

function argumentsText(args: unknown): string {
  let text: string;
  try {
    text = typeof args === 'string' ? args : (JSON.stringify(args, null, 2) ?? '');
  } catch {
    text = String(args);
  }
  return text.length > ARGS_SHOWN ? `${text.slice(0, ARGS_SHOWN)}\n… (${text.length - ARGS_SHOWN} more characters)` : text;
}
