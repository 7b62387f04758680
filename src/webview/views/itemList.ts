import type { ChatItem } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import { AssistantView } from './assistant';
import type { ItemView } from './itemView';
import { ReportCardView } from './reportCard';
import { errorView, noticeView, undeterminedView, userView } from './simpleItems';
import { ToolCardView } from './toolCard';

/**
 * The drawn items, one view per item id. An `item` message touches one view (patched in place, or
 * replaced at the same position); a `text` message goes to one renderer. Nothing else is redrawn,
 * so the cost of a change does not grow with the length of the chat.
 */
export class ItemList {
  readonly node: HTMLElement;
  private readonly views = new Map<string, ItemView>();

  constructor(private readonly ctx: ViewContext) {
    this.node = ctx.dom.el('div', { class: 'items' });
  }

  get size(): number {
    return this.views.size;
  }

  setItems(items: readonly ChatItem[]): void {
    this.clear();
    const fragment = this.ctx.dom.doc.createDocumentFragment();
    for (const item of items) {
      const view = createItemView(this.ctx, item);
      this.views.set(item.id, view);
      fragment.append(view.node);
    }
    this.node.append(fragment);
    this.ctx.contentChanged();
  }

  /** Adds the item at the end, or shows the new version of an existing one where it was. */
  upsert(item: ChatItem): void {
    const old = this.views.get(item.id);
    if (old && old.update(item)) {
      this.ctx.contentChanged();
      return;
    }
    const view = createItemView(this.ctx, item);
    this.views.set(item.id, view);
    if (old) {
      keepOpenSections(old.node, view.node);
      old.node.replaceWith(view.node);
      old.dispose?.();
    } else {
      this.node.append(view.node);
    }
    this.ctx.contentChanged();
  }

  /** False when there is no streaming item with that id. */
  appendText(itemId: string, delta: string): boolean {
    return this.views.get(itemId)?.appendText?.(delta) ?? false;
  }

  flush(): void {
    for (const view of this.views.values()) view.flush?.();
  }

  /** Every assistant view, for the debug hook's render counts. */
  assistants(): AssistantView[] {
    return Array.from(this.views.values()).filter((v): v is AssistantView => v instanceof AssistantView);
  }

  clear(): void {
    for (const view of this.views.values()) view.dispose?.();
    this.views.clear();
    this.node.replaceChildren();
  }
}

export function createItemView(ctx: ViewContext, item: ChatItem): ItemView {
  switch (item.kind) {
    case 'user':
      return userView(ctx, item);
    case 'assistant':
      return new AssistantView(ctx, item);
    case 'tool':
      return new ToolCardView(ctx, item);
    case 'notice':
      return noticeView(ctx, item);
    case 'error':
      return errorView(ctx, item);
    case 'report':
      return new ReportCardView(ctx, item);
    case 'undetermined':
      return undeterminedView(ctx, item);
  }
}

/** A redrawn item keeps the sections the person had opened (by class name). */
function keepOpenSections(from: HTMLElement, to: HTMLElement): void {
  for (const details of Array.from(from.querySelectorAll('details[open]'))) {
    const cls = details.classList[0];
    if (cls) to.querySelector(`details.${cls}`)?.setAttribute('open', '');
  }
}
