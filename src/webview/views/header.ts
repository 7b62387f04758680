import type { ChatHeader, ConnectorChip, StudioHeader } from '../../protocol/chatItems';
import type { ViewContext } from '../context';

/**
 * The chat's header: title, where the chat runs (local or Mistral Studio; click to choose), the
 * model an audit would use (click to pick another), the connectors this chat uses as chips (in
 * Studio mode the Studio connectors and web search first, then the local ones, with an edit
 * button), New Chat and History.
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
  private readonly mode: HTMLButtonElement;
  private readonly modeIcon: HTMLElement;
  private readonly modeLabel: HTMLElement;
  private readonly model: HTMLButtonElement;
  private readonly modelLabel: HTMLElement;
  private readonly chips: HTMLElement;
  /** The edit button, kept as the last entry of the chip list so it wraps with the chips. */
  private readonly edit: HTMLElement;

  constructor(private readonly ctx: ViewContext) {
    const { dom, bridge } = ctx;
    this.title = dom.el('h1', { class: 'chat-title' });
    this.modeIcon = dom.icon('device-desktop');
    this.modeLabel = dom.el('span', { class: 'mode-label' });
    this.mode = dom.el('button', { class: 'mode-button', attrs: { type: 'button' } }, [this.modeIcon, this.modeLabel, dom.icon('chevron-down')]);
    this.mode.addEventListener('click', () => void bridge.request({ type: 'pickMode' }));
    this.modelLabel = dom.el('span', { class: 'model-label' });
    this.model = dom.el('button', { class: 'model-button', attrs: { type: 'button' } }, [dom.icon('sparkle'), this.modelLabel, dom.icon('chevron-down')]);
    this.model.addEventListener('click', () => void bridge.request({ type: 'pickModel' }));
    this.chips = dom.el('ul', { class: 'connector-chips', attrs: { 'aria-label': 'Connectors this chat uses' } });
    this.edit = dom.el('li', { class: 'chip-edit' }, [
      dom.iconButton('edit-connectors', 'edit', 'Edit connectors', () => void bridge.request({ type: 'editConnectors' })),
    ]);
    const actions = dom.el('div', { class: 'header-actions' }, [
      dom.iconButton('new-chat', 'add', 'New Chat', () => void bridge.request({ type: 'newChat' })),
      dom.iconButton('history', 'history', 'Chat History', () => void bridge.request({ type: 'showHistory' })),
    ]);
    this.node = dom.el('header', { class: 'chat-header' }, [
      dom.el('div', { class: 'header-top' }, [this.title, actions]),
      dom.el('div', { class: 'header-bottom' }, [this.mode, this.model, this.chips]),
    ]);
  }

  update(header: ChatHeader): void {
    const { dom } = this.ctx;
    this.title.textContent = header.title || 'Auditor Chat';
    const studio = header.mode === 'studio' ? (header.studio ?? { model: '', connectors: [], webSearch: false, loading: true }) : undefined;
    this.node.dataset.mode = studio ? 'studio' : 'local';
    this.modeIcon.className = `codicon codicon-${studio ? 'cloud' : 'device-desktop'}`;
    this.modeLabel.textContent = studio ? 'Mistral Studio' : 'Local';
    // Local is the usual case: an icon keeps the model beside it on one line; Studio says its name.
    this.modeLabel.hidden = !studio;
    this.mode.title = studio
      ? "This chat runs on Mistral Studio (the Conversations API): its Studio connectors and web search run on Mistral's side. Click to choose where it runs."
      : 'This chat runs here, on the model shown next. Click to run it on Mistral Studio instead.';
    this.mode.setAttribute('aria-label', `Runs ${studio ? 'on Mistral Studio' : 'locally'}. Choose where this chat runs.`);
    const model = studio
      ? studio.model
        ? { label: studio.model, detail: 'The Mistral model the Studio agent runs on (connectorAuditor.model.name when the provider is Mistral).' }
        : undefined
      : header.model;
    this.modelLabel.textContent = model?.label ?? (studio ? 'Mistral' : 'Pick a model');
    this.model.title = model?.detail ? `${model.detail}\nClick to pick another model.` : 'Pick the model an audit uses';
    this.model.setAttribute('aria-label', `Model: ${model?.label ?? 'none chosen'}. Pick a model.`);
    this.chips.replaceChildren(
      ...(studio ? this.studioChips(studio) : []),
      // In Studio mode the chat's own connectors run here, called back by Mistral: said apart.
      ...(studio && header.connectors.length > 0
        ? [
            dom.el('li', {
              class: 'chip-group',
              text: 'local:',
              title: 'These connectors run on this machine; the Studio agent calls them through the extension.',
            }),
          ]
        : []),
      ...header.connectors.map((chip) => {
        const status = STATUS[chip.status];
        const tooltip = chip.detail ? `${chip.label}: ${chip.detail}` : `${chip.label}: ${status.words}`;
        return dom.el(
          'li',
          {
            class: 'connector-chip',
            title: tooltip,
            attrs: { 'data-status': chip.status, 'data-id': chip.id, 'aria-label': `${chip.label}, ${status.words}` },
          },
          [dom.icon(status.icon, 'chip-status'), dom.el('span', { class: 'chip-label', text: chip.label })],
        );
      }),
    );
    if (header.connectors.length === 0 && !studio) this.chips.append(dom.el('li', { class: 'no-connectors', text: 'No connectors' }));
    this.chips.append(this.edit);
  }

  /** Studio's own attachments: they run on Mistral's side, so they have no live state here. */
  private studioChips(studio: StudioHeader): HTMLElement[] {
    const { dom } = this.ctx;
    const chip = (kind: string, icon: string, label: string, tooltip: string, iconClass = 'chip-status') =>
      dom.el('li', { class: 'connector-chip studio-chip', title: tooltip, attrs: { 'data-kind': kind, 'aria-label': tooltip } }, [
        dom.icon(icon, iconClass),
        dom.el('span', { class: 'chip-label', text: label }),
      ]);
    if (studio.loading)
      return [chip('loading', 'loading', 'Reading Mistral Studio…', 'Reading the Studio connectors of your workspace.', 'chip-status codicon-modifier-spin')];
    if (studio.problem) return [chip('problem', 'warning', 'Mistral Studio unavailable', `Mistral Studio: ${studio.problem}`)];
    return [
      ...studio.connectors.map((c) => {
        const node = chip('studio', 'cloud', c.label, c.detail ?? `${c.label}: a Mistral Studio connector`);
        node.dataset.id = c.id;
        return node;
      }),
      ...(studio.webSearch ? [chip('web-search', 'globe', 'web search', "Mistral's built-in web_search, run on Mistral's side")] : []),
    ];
  }
}
