/// <reference lib="dom" />
/// <reference lib="dom.iterable" />

/**
 * The browser globals the chat webview uses. The lib references put DOM types in scope for the
 * root typecheck too (tests drive the webview under jsdom); src/webview/tsconfig.json checks this
 * folder alone with the DOM and without Node's types, so a Node API here fails the typecheck.
 */

/** What VS Code injects into a webview: the only channel to the extension host. */
interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface ChatDebug {
  /** Renders everything queued for the next animation frame now (benchmarks time this). */
  flush(): void;
  /** How many times Markdown blocks were rendered, for checking that streaming stays linear. */
  renderedBlocks(): { stable: number; tail: number; stableChars: number; tailChars: number };
}

interface Window {
  __chatDebug?: ChatDebug;
}
