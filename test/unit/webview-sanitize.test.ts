import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JSDOM } from 'jsdom';
import { IncrementalMarkdown } from '../../src/webview/markdown/incremental';
import { createMarkdownRenderer } from '../../src/webview/markdown/render';
import { XSS_PAYLOADS, xssPayloads } from '../fixtures/xss/payloads';
import { testWindow } from './webview-jsdom';

/** Elements that must never come out of the Markdown pipeline. */
const FORBIDDEN =
  'script, iframe, frame, object, embed, form, meta, style, link, base, svg, math, input, button:not(.copy-code), video, audio, source, details, template, noscript, body';

/** What is wrong with a rendered tree, as readable lines (empty when it is clean). */
function problems(root: Element): string[] {
  const out: string[] = [];
  for (const el of Array.from(root.querySelectorAll(FORBIDDEN))) out.push(`element <${el.localName}>`);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name)) out.push(`handler ${attr.name} on <${el.localName}>`);
      if (['style', 'srcset', 'ping', 'action', 'formaction', 'xlink:href', 'srcdoc', 'target'].includes(attr.name))
        out.push(`attribute ${attr.name} on <${el.localName}>`);
    }
  }
  for (const a of Array.from(root.querySelectorAll('[href]'))) {
    const href = a.getAttribute('href') ?? '';
    if (a.localName !== 'a' || !/^(https?:\/\/|mailto:)/i.test(href)) out.push(`href ${JSON.stringify(href)} on <${a.localName}>`);
  }
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const src = img.getAttribute('src') ?? '';
    if (!/^data:image\/(png|gif|jpe?g|webp);/i.test(src)) out.push(`img src ${JSON.stringify(src)}`);
  }
  for (const el of Array.from(root.querySelectorAll('[src]'))) if (el.localName !== 'img') out.push(`src on <${el.localName}>`);
  for (const el of Array.from(root.querySelectorAll('[class]'))) {
    for (const cls of Array.from(el.classList)) {
      if (!/^(language-[\w#+.-]+|align-(left|center|right)|code-block|copy-code|icon-button|codicon|codicon-copy)$/.test(cls)) out.push(`class ${cls}`);
    }
  }
  return out;
}

/** Raw HTML payloads (not autolinks like <https://…>): html:false must show their opening tag as text. */
function openingTag(payload: string): string | undefined {
  return /^<([a-z]+)[\s>/]/i.exec(payload)?.[0].trimEnd().replace(/[>/]$/, '');
}

describe('webview Markdown sanitising: the XSS corpus', () => {
  const t = testWindow();

  it('has at least 30 payloads, and they target the leak address given', () => {
    assert.ok(XSS_PAYLOADS.length >= 30, `${XSS_PAYLOADS.length} payloads`);
    const custom = xssPayloads('http://127.0.0.1:4321/leak').join('\n');
    assert.ok((custom.match(/127\.0\.0\.1:4321\/leak/g) ?? []).length >= 15, 'many payloads try to fetch from the leak server');
    assert.ok(XSS_PAYLOADS.some((p) => p.includes('window.top.__xss')) && XSS_PAYLOADS.some((p) => p.includes('alert(1)')));
  });

  for (const [i, payload] of XSS_PAYLOADS.entries()) {
    it(`payload ${i}: ${JSON.stringify(payload).slice(0, 70)}`, () => {
      const whole = t.document.createElement('div');
      whole.append(t.renderer.render(payload));
      assert.deepEqual(problems(whole), [], whole.innerHTML);

      const streamed = t.document.createElement('div');
      const view = new IncrementalMarkdown(streamed, t.renderer);
      for (let at = 0; at < payload.length; at += 3) view.append(payload.slice(at, at + 3));
      view.finish();
      assert.deepEqual(problems(streamed), [], streamed.innerHTML);

      const tag = openingTag(payload);
      if (tag) assert.ok(whole.textContent?.includes(tag), `"${tag}" shown as text in ${JSON.stringify(whole.textContent)}`);
    });
  }

  it('shows HTML written with entities, and HTML in a code block, as text', () => {
    const entities = t.document.createElement('div');
    entities.append(t.renderer.render('&lt;script&gt;window.top.__xss=1&lt;/script&gt;'));
    assert.match(entities.textContent ?? '', /<script>window\.top\.__xss=1<\/script>/);
    const code = t.document.createElement('div');
    code.append(t.renderer.render('```html\n<script>alert(1)</script>\n```'));
    assert.equal(code.querySelector('pre code')?.textContent, '<script>alert(1)</script>\n');
  });

  it('keeps the text of refused links, without an href', () => {
    for (const md of [
      '[click me](javascript:alert(1))',
      '[click me](jav&#x09;ascript:alert(1))',
      '[click me](data:text/html,hi)',
      '[click me](//evil.test/x)',
      '[click me](relative/path)',
      '[click me](file:///etc/passwd)',
    ]) {
      const div = t.document.createElement('div');
      div.append(t.renderer.render(md));
      assert.match(div.textContent ?? '', /click me/, md);
      assert.equal(div.querySelector('[href]'), null, `${md} → ${div.innerHTML}`);
    }
  });

  it('keeps http(s) and mailto links, with the address as tooltip', () => {
    const div = t.document.createElement('div');
    div.append(t.renderer.render('[site](https://example.com/a?b=1) <mailto:sec@example.com> and http://example.org/x'));
    const links = Array.from(div.querySelectorAll('a'), (a) => [a.getAttribute('href'), a.getAttribute('title')]);
    assert.deepEqual(links, [
      ['https://example.com/a?b=1', 'https://example.com/a?b=1'],
      ['mailto:sec@example.com', 'mailto:sec@example.com'],
      ['http://example.org/x', 'http://example.org/x'],
    ]);
  });

  it('turns remote images into "[image: alt]" text and keeps data: images', () => {
    const div = t.document.createElement('div');
    div.append(t.renderer.render('![tracking pixel](http://127.0.0.1:9/leak/p.gif "t") ![dot](data:image/png;base64,iVBORw0KGgo=)'));
    assert.match(div.textContent ?? '', /\[image: tracking pixel\]/);
    const imgs = Array.from(div.querySelectorAll('img'), (img) => img.getAttribute('src'));
    assert.deepEqual(imgs, ['data:image/png;base64,iVBORw0KGgo=']);
  });

  it('links file names only when written as URLs (no "README.md" → http://README.md)', () => {
    const div = t.document.createElement('div');
    div.append(t.renderer.render('See README.md and index.js, or www.example.com.'));
    assert.equal(div.querySelector('a'), null, div.innerHTML);
  });
});

describe('webview Markdown sanitising: in a page that runs scripts and loads resources', () => {
  let server: Server;
  const hits: string[] = [];
  let leakBase = '';
  before(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      res.end('');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    leakBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}/leak`;
  });
  after(() => server.close());

  /** A jsdom page that executes scripts and fetches frames, stylesheets and scripts. */
  function livePage() {
    const dom = new JSDOM('<!DOCTYPE html><body><div id="app"></div></body>', { runScripts: 'dangerously', resources: 'usable', url: 'http://127.0.0.1/' });
    return { dom, window: dom.window, app: dom.window.document.getElementById('app')! };
  }

  const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

  it('control: the same payloads inserted unsanitised do reach the leak server (the check can fail)', async () => {
    const { dom, app } = livePage();
    hits.length = 0;
    app.innerHTML = xssPayloads(leakBase).join('\n');
    await settle();
    dom.window.close();
    assert.ok(hits.length > 0, 'an unsanitised page fetches from the leak server');
  });

  it('rendered through the pipeline (whole and streamed), nothing runs and nothing is fetched', async () => {
    const { dom, window, app } = livePage();
    hits.length = 0;
    const renderer = createMarkdownRenderer(window);
    const payloads = xssPayloads(leakBase);
    for (const payload of payloads) app.append(renderer.render(payload));
    const streamed = window.document.createElement('div');
    app.append(streamed);
    const view = new IncrementalMarkdown(streamed, renderer);
    const all = payloads.join('\n\n');
    for (let at = 0; at < all.length; at += 11) view.append(all.slice(at, at + 11));
    view.finish();
    await settle();
    const executed = (window as unknown as { __xss?: unknown }).__xss;
    const shown = app.textContent ?? '';
    dom.window.close();
    assert.deepEqual(hits, [], 'no request reached the leak server');
    assert.equal(executed, undefined, 'no payload ran');
    assert.match(shown, /<script>window\.top\.__xss=1;fetch/, 'the script payload is visible as text');
  });
});
