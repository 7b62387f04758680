/**
 * Small helpers to build DOM nodes. Every piece of host or model text goes in through
 * `textContent` or an attribute, never through innerHTML, so nothing it contains is parsed.
 * The document is passed in (not taken from a global) so tests can draw into a jsdom window.
 */

export type Child = Node | string | undefined | false;

export interface ElOptions {
  class?: string;
  text?: string;
  title?: string;
  attrs?: Record<string, string | undefined>;
  onClick?: (event: MouseEvent) => void;
}

export interface Dom {
  readonly doc: Document;
  el<K extends keyof HTMLElementTagNameMap>(tag: K, options?: ElOptions, children?: Child[]): HTMLElementTagNameMap[K];
  /** A codicon glyph; decorative, so hidden from screen readers. */
  icon(name: string, extraClass?: string): HTMLSpanElement;
  /** A button with a codicon, an accessible name and tooltip `label`, and `text` shown beside the icon if given. */
  iconButton(className: string, icon: string, label: string, onClick: () => void, text?: string): HTMLButtonElement;
}

export function createDom(doc: Document): Dom {
  const dom: Dom = {
    doc,
    el(tag, options = {}, children = []) {
      const node = doc.createElement(tag);
      if (options.class) node.className = options.class;
      if (options.text !== undefined) node.textContent = options.text;
      if (options.title) node.title = options.title;
      for (const [name, value] of Object.entries(options.attrs ?? {})) {
        if (value !== undefined) node.setAttribute(name, value);
      }
      const onClick = options.onClick;
      if (onClick) node.addEventListener('click', (event) => onClick(event as MouseEvent));
      for (const child of children) {
        if (child === undefined || child === false) continue;
        node.append(typeof child === 'string' ? doc.createTextNode(child) : child);
      }
      return node;
    },
    icon(name, extraClass) {
      return dom.el('span', { class: `codicon codicon-${name}${extraClass ? ` ${extraClass}` : ''}`, attrs: { 'aria-hidden': 'true' } });
    },
    iconButton(className, icon, label, onClick, text) {
      const button = dom.el('button', { class: `${className}${text ? '' : ' icon-button'}`, title: label, attrs: { type: 'button', 'aria-label': label } }, [
        dom.icon(icon),
        text !== undefined && dom.el('span', { class: 'button-label', text }),
      ]);
      button.addEventListener('click', onClick);
      return button;
    },
  };
  return dom;
}

/** An event's target as an Element (without the global `Element`, which tests under jsdom lack). */
export function targetElement(event: Event): Element | null {
  const target = event.target as Partial<Element> | null;
  return target && typeof target.closest === 'function' ? (target as Element) : null;
}

/** Cuts text for a one-line label; the full text stays available elsewhere (tooltip, details). */
export function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** "340 ms" under a second, "1.2 s" under a minute, "2 min 5 s" above. */
export function formatDuration(ms: number): string {
  const safe = Math.max(0, ms);
  if (safe < 1000) return `${Math.round(safe)} ms`;
  if (safe < 60_000) return `${(safe / 1000).toFixed(1)} s`;
  const minutes = Math.floor(safe / 60_000);
  const seconds = Math.floor((safe % 60_000) / 1000);
  return `${minutes} min ${seconds} s`;
}

/** A running timer: tenths of a second, so it ticks steadily instead of jumping through milliseconds. */
export function formatElapsed(ms: number): string {
  return ms < 60_000 ? `${(Math.max(0, ms) / 1000).toFixed(1)} s` : formatDuration(ms);
}
