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

/** A fake VS Code API: what the webview posts, and its saved state. */
export class FakeApi {
  posted: Array<Record<string, unknown>> = [];
  saved: unknown;
  constructor(saved?: unknown) {
    this.saved = saved;
  }
  postMessage(message: unknown): void {
    this.posted.push(message as Record<string, unknown>);
  }
  getState(): unknown {
    return this.saved;
  }
  setState(state: unknown): void {
    this.saved = JSON.parse(JSON.stringify(state));
  }
  /** The posted messages of one type. */
  of(type: string): Array<Record<string, unknown>> {
    return this.posted.filter((m) => m.type === type);
  }
}
