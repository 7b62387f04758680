import type { ViewContext } from '../context';

/**
 * Where the person types. Enter sends, Shift+Enter makes a new line, Escape stops a run. While a
 * run is going, Send gives way to Stop. The draft is reported on every change so it survives the
 * view being hidden; a message the host refused comes back into an empty box.
 */

const MAX_TEXT = 100_000;

export interface ComposerEvents {
  draftChanged(text: string): void;
}

export class ComposerView {
  readonly node: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly send: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private running = false;

  constructor(
    private readonly ctx: ViewContext,
    private readonly events: ComposerEvents,
  ) {
    const { dom } = ctx;
    this.textarea = dom.el('textarea', {
      attrs: { rows: '1', placeholder: 'Ask the auditor…', 'aria-label': 'Message to the auditor', maxlength: String(MAX_TEXT) },
    });
    this.send = dom.iconButton('send', 'send', 'Send (Enter)', () => this.submit());
    this.stop = dom.iconButton('stop', 'debug-stop', 'Stop (Escape)', () => this.requestStop(), 'Stop');
    this.node = dom.el('div', { class: 'composer' }, [this.textarea, dom.el('div', { class: 'composer-actions' }, [this.send, this.stop])]);
    this.textarea.addEventListener('keydown', (e) => this.onKey(e));
    this.textarea.addEventListener('input', () => {
      this.fit();
      this.refresh();
      this.events.draftChanged(this.textarea.value);
    });
    this.refresh();
  }

  get text(): string {
    return this.textarea.value;
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.refresh();
  }

  /** Puts `text` in the box (an example prompt, a restored draft). */
  setDraft(text: string, notify = true): void {
    this.textarea.value = text.slice(0, MAX_TEXT);
    this.fit();
    this.refresh();
    if (notify) this.events.draftChanged(this.textarea.value);
  }

  focus(): void {
    this.textarea.focus();
    const end = this.textarea.value.length;
    this.textarea.setSelectionRange(end, end);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Enter' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey) {
      // An IME uses Enter to confirm a composition, not to send.
      if (e.isComposing) return;
      e.preventDefault();
      this.submit();
    } else if (e.key === 'Escape' && this.running) {
      e.preventDefault();
      this.requestStop();
    }
  }

  private submit(): void {
    const text = this.textarea.value;
    if (this.running || text.trim().length === 0) return;
    this.setDraft('');
    void this.ctx.bridge.request({ type: 'send', text }).then((response) => {
      if (!response.ok && this.textarea.value === '') this.setDraft(text);
    });
  }

  private requestStop(): void {
    if (this.running) void this.ctx.bridge.request({ type: 'stop' });
  }

  private refresh(): void {
    this.send.hidden = this.running;
    this.send.disabled = this.running || this.textarea.value.trim().length === 0;
    this.stop.hidden = !this.running;
    this.node.dataset.running = String(this.running);
  }

  /** Grows with the text up to the CSS max-height (CSSOM: allowed by the CSP, unlike style attributes). */
  private fit(): void {
    this.textarea.style.height = 'auto';
    // Empty: one row (a wrapped placeholder must not make the box tall).
    if (this.textarea.value) this.textarea.style.height = `${this.textarea.scrollHeight}px`;
  }
}
