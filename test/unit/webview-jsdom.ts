// A browser-like window for the webview's unit tests (jsdom), and the Markdown renderer bound to it.
import { JSDOM } from 'jsdom';
import { createMarkdownRenderer, type MarkdownRenderer } from '../../src/webview/markdown/render';

export interface TestWindow {
  window: JSDOM['window'];
  document: Document;
  renderer: MarkdownRenderer;
  /** Renders a whole Markdown text at once and returns the container's HTML. */
  renderWhole(source: string): string;
}

export function testWindow(): TestWindow {
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', { pretendToBeVisual: true });
  const window = dom.window;
  const renderer = createMarkdownRenderer(window);
  return {
    window,
    document: window.document,
    renderer,
    renderWhole(source) {
      const div = window.document.createElement('div');
      div.append(renderer.render(source.replace(/\r\n?/g, '\n')));
      return div.innerHTML;
    },
  };
}
