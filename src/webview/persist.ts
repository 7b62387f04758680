import type { HostApi } from './bridge';

/**
 * What the webview keeps across being hidden and shown again (VS Code's getState/setState): only
 * the composer draft and the scroll position of each chat. The chat itself comes from the host.
 * What getState returns is read defensively: a different version or shape starts empty.
 */

export interface ScrollPosition {
  top: number;
  /** Whether the list was following the newest message. */
  atBottom: boolean;
}

interface Saved {
  v: 1;
  drafts: Record<string, string>;
  scroll: Record<string, ScrollPosition>;
}

/** Enough for the chats someone switches between; older entries are dropped. */
const MAX_CHATS = 20;
const MAX_DRAFT = 100_000;

export class ViewMemory {
  private saved: Saved;

  constructor(private readonly api: HostApi) {
    this.saved = read(api.getState());
  }

  draft(chatId: string): string {
    return this.saved.drafts[chatId] ?? '';
  }

  scroll(chatId: string): ScrollPosition | undefined {
    return this.saved.scroll[chatId];
  }

  setDraft(chatId: string, text: string): void {
    if (text) this.saved.drafts = latest(this.saved.drafts, chatId, text.slice(0, MAX_DRAFT));
    else delete this.saved.drafts[chatId];
    this.api.setState(this.saved);
  }

  setScroll(chatId: string, position: ScrollPosition): void {
    this.saved.scroll = latest(this.saved.scroll, chatId, position);
    this.api.setState(this.saved);
  }
}

/** Puts `key` last (most recent) and keeps at most MAX_CHATS entries. */
function latest<T>(record: Record<string, T>, key: string, value: T): Record<string, T> {
  const entries = Object.entries(record).filter(([k]) => k !== key);
  entries.push([key, value]);
  return Object.fromEntries(entries.slice(-MAX_CHATS));
}

function read(raw: unknown): Saved {
  const empty: Saved = { v: 1, drafts: {}, scroll: {} };
  if (typeof raw !== 'object' || raw === null) return empty;
  const { v, drafts, scroll } = raw as Partial<Record<keyof Saved, unknown>>;
  if (v !== 1) return empty;
  const out = empty;
  if (typeof drafts === 'object' && drafts !== null) {
    for (const [id, text] of Object.entries(drafts)) if (typeof text === 'string') out.drafts[id] = text.slice(0, MAX_DRAFT);
  }
  if (typeof scroll === 'object' && scroll !== null) {
    for (const [id, pos] of Object.entries(scroll)) {
      if (typeof pos !== 'object' || pos === null) continue;
      const { top, atBottom } = pos as Partial<Record<keyof ScrollPosition, unknown>>;
      if (typeof top === 'number' && Number.isFinite(top) && typeof atBottom === 'boolean') out.scroll[id] = { top, atBottom };
    }
  }
  return out;
}
