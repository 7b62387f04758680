import type { ChatItem } from '../../protocol/chatItems';

/** The drawing of one chat item. The list keeps one per item id and touches only that one. */
export interface ItemView {
  readonly node: HTMLElement;
  /** Shows a newer version of the item in place; false when this view can't (the list replaces it). */
  update(item: ChatItem): boolean;
  /** Streaming: the assistant text grew by `delta`. False when this item does not stream. */
  appendText?(delta: string): boolean;
  /** Renders queued Markdown now. */
  flush?(): void;
  /** Stops timers and pending frames. */
  dispose?(): void;
}
