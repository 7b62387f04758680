import type { Bridge } from './bridge';
import { targetElement } from './dom';

/**
 * Every link in the chat is opened by the host (outside the webview), never by navigating the
 * webview: one listener on the app root catches clicks, middle clicks and keyboard activation of
 * any <a>, cancels them, and asks the host with `openLink`, sending the href and nothing else (a
 * title or the link's text could name another site). The host opens http(s) only; links
 * with another scheme have no href by then (render.ts). Copy buttons on code blocks are caught
 * here too, as they come out of the Markdown renderer without listeners.
 */
export function installLinkHandling(root: HTMLElement, bridge: Bridge): void {
  const onLink = (event: MouseEvent) => {
    const target = targetElement(event);
    if (!target) return;
    const anchor = target.closest('a');
    if (anchor && root.contains(anchor)) {
      event.preventDefault();
      const href = anchor.getAttribute('href');
      if (href && event.type === 'click' && event.button === 0) void bridge.request({ type: 'openLink', href });
      if (href && event.type === 'auxclick' && event.button === 1) void bridge.request({ type: 'openLink', href });
      return;
    }
    const copy = event.type === 'click' ? target.closest('button.copy-code') : null;
    if (copy && root.contains(copy)) {
      const code = copy.closest('.code-block')?.querySelector('code');
      if (code) void bridge.request({ type: 'copy', text: code.textContent ?? '' });
    }
  };
  root.addEventListener('click', onLink);
  root.addEventListener('auxclick', onLink);
  // Dragging a link out would hand its URL to the browser; nothing in the chat needs dragging.
  root.addEventListener('dragstart', (event) => {
    if (targetElement(event)?.closest('a')) event.preventDefault();
  });
}
