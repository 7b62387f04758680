import type { AssistantItem, ChatItem } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import { IncrementalMarkdown } from '../markdown/incremental';
import type { ItemView } from './itemView';

/**
 * The auditor's answer, rendered from Markdown as it streams. A `text` delta appends; an `item`
 * that continues the text appends the difference; only a text that is not a continuation (rare:
 * the host rewrote it) renders from the start.
 */
export class AssistantView implements ItemView {
  readonly node: HTMLElement;
  private readonly markdown: IncrementalMarkdown;

  constructor(ctx: ViewContext, item: AssistantItem) {
    const { dom } = ctx;
    const body = dom.el('div', { class: 'message-body markdown' });
    this.node = dom.el('div', { class: 'message assistant', attrs: { 'data-id': item.id } }, [dom.el('div', { class: 'message-role', text: 'Auditor' }), body]);
    this.markdown = new IncrementalMarkdown(body, ctx.markdown, { schedule: ctx.schedule, onRender: () => ctx.contentChanged() });
    this.markdown.append(item.text);
    this.setStreaming(item.streaming);
  }

  update(item: ChatItem): boolean {
    if (item.kind !== 'assistant') return false;
    const current = this.markdown.text;
    if (item.text.startsWith(current)) this.markdown.append(item.text.slice(current.length));
    else this.markdown.reset(item.text);
    this.setStreaming(item.streaming);
    return true;
  }

  appendText(delta: string): boolean {
    this.markdown.append(delta);
    return true;
  }

  flush(): void {
    this.markdown.flush();
  }

  get stats(): IncrementalMarkdown['stats'] {
    return this.markdown.stats;
  }

  dispose(): void {
    this.markdown.dispose();
  }

  private setStreaming(streaming: boolean): void {
    this.node.dataset.streaming = String(streaming);
    this.node.setAttribute('aria-busy', String(streaming));
    if (!streaming) this.markdown.finish();
  }
}
