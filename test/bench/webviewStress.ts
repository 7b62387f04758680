// Hostile Markdown in the chat webview's renderer (jsdom, so it runs without a browser): deep
// nesting rendered whole, and multi-megabyte answers streamed chunk by chunk with a render after
// every chunk (the worst case: one animation frame per chunk). Prints times; asserts nothing.
// Run alone with `node --import tsx test/bench/webviewStress.ts`.
import { JSDOM } from 'jsdom';
import { IncrementalMarkdown } from '../../src/webview/markdown/incremental';
import { createMarkdownRenderer } from '../../src/webview/markdown/render';

function depthOf(root: Element): number {
  let max = 0;
  const stack: Array<[Element, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    max = Math.max(max, depth);
    for (const child of Array.from(node.children)) stack.push([child, depth + 1]);
  }
  return max;
}

function line(name: string, result: string): void {
  console.log(`${`webview stress: ${name}`.padEnd(58)} ${result}`);
}

export async function benchWebviewStress(): Promise<void> {
  const { window } = new JSDOM('<!DOCTYPE html><body></body>', { pretendToBeVisual: true });
  const renderer = createMarkdownRenderer(window);
  const doc = window.document;

  const whole: Array<[string, string]> = [
    ['10,000 nested list levels ("- - - … x")', `${'- '.repeat(10_000)}x`],
    ['5,000 nested quote levels (">>>> … x")', `${'>'.repeat(5_000)} x`],
    ['5,000 nested <strong> ("**" × 5,000 … x …)', `${'**'.repeat(5_000)}x${'**'.repeat(5_000)}`],
  ];
  for (const [name, source] of whole) {
    const div = doc.createElement('div');
    const t = performance.now();
    try {
      div.append(renderer.render(source));
      line(name, `${(performance.now() - t).toFixed(0)} ms, DOM depth ${depthOf(div)}`);
    } catch (error) {
      line(name, `threw after ${(performance.now() - t).toFixed(0)} ms: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  const paragraphs = ('The repository shows *steady* maintenance; see [advisory](https://example.com/a) for details. '.repeat(4) + '\n\n').repeat(
    Math.ceil((5 * 1024 * 1024) / 390),
  );
  const codeBlock = '```text\n' + 'const value = compute(1, 2); // one more line of a very long block\n'.repeat(Math.ceil((1024 * 1024) / 66));
  const streams: Array<[string, string, number]> = [
    ['stream 5 MB of paragraphs in 2,500 chunks', paragraphs, 2_500],
    ['stream 1 MB open code block in 1,000 chunks', codeBlock, 1_000],
  ];
  for (const [name, text, chunks] of streams) {
    const div = doc.createElement('div');
    const view = new IncrementalMarkdown(div, renderer);
    const size = Math.ceil(text.length / chunks);
    const t = performance.now();
    for (let i = 0; i < chunks; i++) view.append(text.slice(i * size, (i + 1) * size));
    view.finish();
    const ms = performance.now() - t;
    line(name, `${ms.toFixed(0)} ms, ${(view.stats.tailChars / 1e6).toFixed(1)} M tail characters re-rendered, ${div.textContent!.length} shown`);
  }
  window.close();
}

if (require.main === module) {
  benchWebviewStress().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
