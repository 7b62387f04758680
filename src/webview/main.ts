// Must stay the first import: it configures zod before the protocol's schemas are created.
import './zodConfig';
import { ChatApp } from './app';
import type { Scheduler } from './markdown/incremental';
import { createMarkdownRenderer } from './markdown/render';

/**
 * The Auditor Chat webview's entry point (bundled to dist/webview/chat.js). The host's HTML shell
 * has `<div id="app">`; everything else is drawn by ChatApp from the host's messages.
 */

const api = acquireVsCodeApi();
const root = document.getElementById('app') ?? document.body.appendChild(document.createElement('div'));

/** Streamed text is rendered at most once per frame, however many chunks arrived. */
const nextFrame: Scheduler = (callback) => {
  const id = requestAnimationFrame(callback);
  return () => cancelAnimationFrame(id);
};

const app = new ChatApp(root, { api, markdown: createMarkdownRenderer(window), schedule: nextFrame });

window.addEventListener('message', (event: MessageEvent<unknown>) => app.receive(event.data));
window.addEventListener('error', (event) => {
  api.postMessage({ type: 'log', level: 'error', message: `Chat webview error: ${String(event.message).slice(0, 3_000)}` });
});

// For the benchmark and end-to-end tests: render now, and count the renders. Nothing secret here.
window.__chatDebug = {
  flush: () => app.flush(),
  renderedBlocks: () => app.renderStats(),
};

app.start();
