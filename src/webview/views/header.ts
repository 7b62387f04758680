import type { ChatHeader, ConnectorChip } from '../../protocol/chatItems';
import type { ViewContext } from '../context';

/**
 * The chat's header: title, the model an audit would use (click to pick another), the connectors
 * this chat uses as chips (with an edit button), New Chat and History.
 */

const STATUS: Record<ConnectorChip['status'], { icon: string; words: string }> = {
  ready: { icon: 'pass-filled', words: 'connected' },
  idle: { icon: 'circle-outline', words: 'not connected yet' },
  connecting: { icon: 'loading codicon-modifier-spin', words: 'connecting' },
  error: { icon: 'error', words: 'error' },
  unavailable: { icon: 'circle-slash', words: 'unavailable' },
};

export class HeaderView {
  readonly node: HTMLElement;
  private readonly title: HTMLElement;
  private readonly model: HTMLButtonElement;
  private readonly modelLabel: HTMLElement;
  private readonly chips: HTMLElement;
  /** The edit button, kept as the last entry of the chip list so it wraps with the chips. */
  private readonly edit: HTMLElement;

  constructor(private readonly ctx: ViewContext) {
    const { dom, bridge } = ctx;
    this.title = dom.el('h1', { class: 'chat-title' });
    this.modelLabel = dom.el('span', { class: 'model-label' });
    this.model = dom.el('button', { class: 'model-button', attrs: { type: 'button' } }, [dom.icon('sparkle'), this.modelLabel, dom.icon('chevron-down')]);
    this.model.addEventListener('click', () => void bridge.request({ type: 'pickModel' }));
    this.chips = dom.el('ul', { class: 'connector-chips', attrs: { 'aria-label': 'Connectors this chat uses' } });
    this.edit = dom.el('li', { class: 'chip-edit' }, [dom.iconButton('edit-connectors', 'edit', 'Edit connectors', () => void bridge.request({ type: 'editConnectors' }))]);
    const actions = dom.el('div', { class: 'header-actions' }, [
      dom.iconButton('new-chat', 'add', 'New Chat', () => void bridge.request({ type: 'newChat' })),
      dom.iconButton('history', 'history', 'Chat History', () => void bridge.request({ type: 'showHistory' })),
    ]);
    this.node = dom.el('header', { class: 'chat-header' }, [
      dom.el('div', { class: 'header-top' }, [this.title, actions]),
      dom.el('div', { class: 'header-bottom' }, [this.model, this.chips]),
    ]);
  }

  update(header: ChatHeader): void {
    const { dom } = this.ctx;
    this.title.textContent = header.title || 'Auditor Chat';
    const model = header.model;
    this.modelLabel.textContent = model?.label ?? 'Pick a model';
    this.model.title = model?.detail ? `${model.detail}\nClick to pick another model.` : 'Pick the model an audit uses';
    this.model.setAttribute('aria-label', `Model: ${model?.label ?? 'none chosen'}. Pick a model.`);
    this.chips.replaceChildren(
      ...header.connectors.map((chip) => {
        const status = STATUS[chip.status];
        const tooltip = chip.detail ? `${chip.label}: ${chip.detail}` : `${chip.label}: ${status.words}`;
        return dom.el('li', { class: 'connector-chip', title: tooltip, attrs: { 'data-status': chip.status, 'data-id': chip.id, 'aria-label': `${chip.label}, ${status.words}` } }, [
          dom.icon(status.icon, 'chip-status'),
          dom.el('span', { class: 'chip-label', text: chip.label }),
        ]);
      }),
    );
    if (header.connectors.length === 0) this.chips.append(dom.el('li', { class: 'no-connectors', text: 'No connectors' }));
    this.chips.append(this.edit);
  }
}
