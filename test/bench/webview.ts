// Streams a 200 KB answer in 4,000 chunks into the real chat webview bundle (dist/webview) in
// headless Chromium, under the same CSP the extension sets, and compares the cost of the last
// 100 chunks with the first 100: an incremental renderer stays flat, a re-render-everything one
// grows with the text (quadratic in total). Each chunk is measured synchronously: message
// dispatch, the renderer's flush and a forced layout.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const CHUNKS = 4000;
const TOTAL = 200 * 1024;

/** Markdown that looks like an audit answer: paragraphs, lists, code blocks, links. */
function answer(): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < TOTAL; i++) {
    const block =
      i % 7 === 3
        ? '```ts\n' + Array.from({ length: 6 }, (_, j) => `const value${j} = compute(${i}, ${j}); // step ${j}`).join('\n') + '\n```\n\n'
        : i % 5 === 2
          ? Array.from({ length: 4 }, (_, j) => `- Finding ${i}.${j}: see [advisory ${j}](https://example.com/a/${i}/${j}) for **details**`).join('\n') + '\n\n'
          : `Paragraph ${i}: the repository shows steady maintenance, with *releases* every few weeks and \`npm audit\` clean. `.repeat(3) + '\n\n';
    parts.push(block);
    size += block.length;
  }
  return parts.join('').slice(0, TOTAL);
}

export async function benchWebview(): Promise<void> {
  const root = resolve('.');
  const bundle = join(root, 'dist', 'webview', 'chat.js');
  if (!existsSync(bundle)) {
    console.log('webview streaming: skipped (run `npm run build` first to produce dist/webview/chat.js)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ca-bench-webview-'));
  cpSync(join(root, 'dist', 'webview'), dir, { recursive: true });
  const nonce = 'benchnonce';
  // The host's CSP, with the page's own origin standing in for webview.cspSource.
  writeFileSync(
    join(dir, 'index.html'),
    `<!doctype html><html><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src file:; font-src file:; img-src file: data:">
<link rel="stylesheet" href="codicon.css"><link rel="stylesheet" href="chat.css"></head>
<body class="vscode-dark"><div id="app"></div>
<script nonce="${nonce}" src="stub.js"></script><script nonce="${nonce}" src="chat.js"></script></body></html>`,
  );
  writeFileSync(join(dir, 'stub.js'), `window.acquireVsCodeApi = () => ({ postMessage() {}, getState() { return undefined; }, setState() {} });`);

  const { launchBrowser } = (await import(pathToFileURL(join(root, 'scripts', 'lib', 'code-server.mjs')).href)) as {
    launchBrowser(): Promise<{ page: import('playwright-core').Page; close(): Promise<void> }>;
  };
  const browser = await launchBrowser();
  try {
    const { page } = browser;
    // tsx compiles the evaluated function with esbuild's keepNames, which calls a __name helper
    // that only exists in Node; the page needs a stand-in.
    await page.addInitScript('window.__name = (f) => f');
    await page.goto(pathToFileURL(join(dir, 'index.html')).href);
    await page.waitForFunction(() => document.querySelector('.composer') !== null);
    const text = answer();
    const size = Math.ceil(text.length / CHUNKS);
    const chunks = Array.from({ length: CHUNKS }, (_, i) => text.slice(i * size, (i + 1) * size));
    const times = await page.evaluate((chunks: string[]) => {
      const deliver = (data: unknown) => window.dispatchEvent(new MessageEvent('message', { data }));
      const debug = (window as unknown as { __chatDebug?: { flush(): void } }).__chatDebug;
      const header = { title: 'bench', connectors: [] };
      // Warm up the JIT on a throw-away answer, so the first 100 measured chunks are not cold.
      deliver({ type: 'state', state: { chatId: 'warm', header, running: true, items: [{ kind: 'assistant', id: 'w', text: '', streaming: true }] } });
      for (const delta of chunks.slice(0, 400)) {
        deliver({ type: 'text', chatId: 'warm', itemId: 'w', delta });
        debug?.flush();
      }
      deliver({ type: 'state', state: { chatId: 'bench', header, running: true, items: [{ kind: 'assistant', id: 'a1', text: '', streaming: true }] } });
      const out: number[] = [];
      for (const delta of chunks) {
        const t = performance.now();
        deliver({ type: 'text', chatId: 'bench', itemId: 'a1', delta });
        debug?.flush();
        void document.body.offsetHeight;
        out.push(performance.now() - t);
      }
      return out;
    }, chunks);
    const rendered = await page.evaluate(() => document.querySelector('.message.assistant')?.textContent?.length ?? 0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const first = mean(times.slice(0, 100));
    const last = mean(times.slice(-100));
    const total = times.reduce((a, b) => a + b, 0);
    console.log(
      `webview: stream ${(text.length / 1024).toFixed(0)} KB in ${CHUNKS} chunks (Chromium)          total ${total.toFixed(0)} ms, ${rendered} characters shown`,
    );
    console.log(
      `webview: mean cost per chunk, first 100 vs last 100            ${first.toFixed(3)} ms vs ${last.toFixed(3)} ms = ${(last / first).toFixed(2)}× (target ≤ 1.5×)`,
    );
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
