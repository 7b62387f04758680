import type { ChatItem, ToolCardState, ToolItem } from '../../protocol/chatItems';
import type { ViewContext } from '../context';
import { formatDuration, formatElapsed, oneLine } from '../dom';
import type { TickerTarget } from '../ticker';
import type { ItemView } from './itemView';
import { revealInvisible } from '../../core/util/invisibleChars';

/**
 * One tool call: connector · tool, its state in words with an icon, the (masked) arguments and a
 * preview of the result, both collapsible. Confirmation happens in VS Code's own modal dialog; the
 * card only says that it is waiting for it. Names and arguments come from servers and the model,
 * so characters nobody can see (zero-width, bidi controls, tags) are drawn as ⟨U+200B⟩ marks,
 * as the confirmation dialog draws them. Updates patch the card in place, so a section the
 * person opened stays open and the shared timer keeps ticking the same label.
 */

const ICONS: Record<ToolCardState, string> = {
  waiting: 'shield',
  running: 'loading codicon-modifier-spin',
  done: 'pass',
  denied: 'circle-slash',
  failed: 'error',
  cancelled: 'stop-circle',
};

/** Longer reasons stay readable in the Details section. */
const REASON_IN_LABEL = 160;
/** A start time further off than this is a clock mismatch between host and browser. */
const PLAUSIBLE_ELAPSED_MS = 24 * 3600_000;

export class ToolCardView implements ItemView, TickerTarget {
  readonly node: HTMLElement;
  private readonly name: HTMLElement;
  private readonly stateIcon: HTMLElement;
  private readonly stateLabel: HTMLElement;
  private readonly argsPre: HTMLElement;
  private readonly result: HTMLDetailsElement;
  private readonly resultSummary: HTMLElement;
  private readonly resultPre: HTMLElement;
  private item: ToolItem;
  private ticking = false;
  /** When this view first saw the call running: the fallback when the host's clock differs. */
  private seenRunningAt: number | undefined;

  constructor(
    private readonly ctx: ViewContext,
    item: ToolItem,
  ) {
    const { dom } = ctx;
    this.item = item;
    this.name = dom.el('span', { class: 'tool-name' });
    this.stateIcon = dom.el('span', { attrs: { 'aria-hidden': 'true' } });
    this.stateLabel = dom.el('span', { class: 'tool-state-label' });
    this.argsPre = dom.el('pre', { class: 'tool-args-text' });
    this.resultSummary = dom.el('summary');
    this.resultPre = dom.el('pre', { class: 'tool-result-text' });
    this.result = dom.el('details', { class: 'tool-result' }, [this.resultSummary, this.resultPre]);
    this.node = dom.el('div', { class: 'tool-card', attrs: { role: 'group' } }, [
      dom.el('div', { class: 'tool-card-head' }, [
        dom.icon('tools', 'tool-icon'),
        this.name,
        dom.el('span', { class: 'tool-state' }, [this.stateIcon, this.stateLabel]),
      ]),
      dom.el('details', { class: 'tool-args' }, [dom.el('summary', { text: 'Arguments' }), this.argsPre]),
      this.result,
    ]);
    this.draw();
  }

  update(item: ChatItem): boolean {
    if (item.kind !== 'tool') return false;
    this.item = item;
    this.draw();
    return true;
  }

  tick(now: number): void {
    if (this.item.state !== 'running') return;
    let elapsed = now - this.item.startedAt;
    if (elapsed < 0 || elapsed > PLAUSIBLE_ELAPSED_MS) elapsed = now - (this.seenRunningAt ?? now);
    this.stateLabel.textContent = `Running… ${formatElapsed(elapsed)}`;
  }

  dispose(): void {
    this.setTicking(false);
  }

  private draw(): void {
    const { item } = this;
    const line = { singleLine: true };
    const tool = revealInvisible(item.tool, line);
    const title = item.connector ? `${revealInvisible(item.connector, line)} · ${tool}` : tool;
    this.name.textContent = title;
    this.node.dataset.state = item.state;
    this.node.dataset.tool = item.tool;
    if (item.connector) this.node.dataset.connector = item.connector;
    else delete this.node.dataset.connector;
    this.node.setAttribute('aria-label', `Tool call ${title}`);
    this.stateIcon.className = `codicon codicon-${ICONS[item.state]}`;
    this.argsPre.textContent = revealInvisible(item.args);
    if (item.state === 'running') this.seenRunningAt ??= Date.now();
    this.stateLabel.textContent = stateWords(item);
    this.setTicking(item.state === 'running');
    const preview = item.preview ?? '';
    this.result.hidden = preview.length === 0;
    this.resultSummary.textContent = item.state === 'done' ? 'Result' : 'Details';
    this.resultPre.textContent = preview;
  }

  private setTicking(on: boolean): void {
    if (on === this.ticking) return;
    this.ticking = on;
    if (on) this.ctx.ticker.add(this);
    else this.ctx.ticker.remove(this);
  }
}

export function stateWords(item: ToolItem): string {
  switch (item.state) {
    case 'waiting':
      return 'Waiting for your confirmation';
    case 'running':
      return 'Running…';
    case 'done':
      return item.durationMs === undefined ? 'Done' : `Done in ${formatDuration(item.durationMs)}`;
    case 'denied':
      return 'Denied';
    case 'failed':
      return item.preview ? `Failed: ${oneLine(item.preview, REASON_IN_LABEL)}` : 'Failed';
    case 'cancelled':
      return 'Cancelled';
  }
}
