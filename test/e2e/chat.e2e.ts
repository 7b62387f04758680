// The Auditor Chat end to end: code-server runs the packaged extension, the model is the fake
// OpenAI-compatible server (the real openai SDK inside the extension talks to it), the tools are
// server-everything's. Runs: Allow (read-only echo runs without asking, get-env asks), Deny,
// Stop mid-stream, and an answer made of XSS payloads that must stay inert.
import * as assert from 'assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import { xssPayloads } from '../fixtures/xss/payloads';
import { CHAT, chatFrame, lastAssistant, newChat, send, useFakeModel, waitForCardState } from './auditorChat';
import { ANSWER_GADGET, chatScript } from './chatScript';
import { openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
  collapseView,
  openWorkbench,
  plainText,
  runCommand,
  SELECTORS,
  TIMEOUT,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';

describe(`Auditor Chat (${theme} theme)`, () => {
  let wb: Workbench;
  let model: FakeModelServer;
  let leak: Server;
  const leaks: string[] = [];
  let leakBase = '';
  let frame: Frame;

  before(async () => {
    // Anything the payloads manage to fetch lands here.
    leak = createServer((req, res) => {
      leaks.push(req.url ?? '');
      res.end('leaked');
    });
    await new Promise<void>((r) => leak.listen(0, '127.0.0.1', r));
    leakBase = `http://127.0.0.1:${(leak.address() as AddressInfo).port}/leak`;
    model = await startFakeModel(
      chatScript(() => xssPayloads(leakBase)),
      { dialect: 'openai' },
    );
    const workspace = process.env.E2E_WORKSPACE;
    assert.ok(workspace, 'E2E_WORKSPACE is set by run-e2e.mjs');
    useFakeModel(model.baseUrl);
    wb = await openWorkbench();
    await openConnectorsView(wb.page);
    // As a person would once they chat: the tree folded, the chat given the sidebar's height.
    await collapseView(wb.page, 'Connectors');
  });
  after(async () => {
    await wb?.close();
    await model?.close();
    leak?.close();
  });

  it('audits a repository: read-only echo runs at once, get-env asks first, the report arrives', { timeout: 4 * TIMEOUT }, () =>
    wb.guard('chat-allow', async () => {
      frame = await chatFrame(wb.page);
      await frame.locator(CHAT.emptyState).waitFor();
      await wb.screenshot('chat-empty');

      await runCommand(wb.page, 'Connector Auditor: Audit Repository');
      await waitForQuickInputTitle(wb.page, /Audit/);
      await answerInputBox(wb.page, 'acme/widget');

      // The modal is for get-env only: while it is open, echo has already run.
      const dialog = wb.page.locator(SELECTORS.dialog);
      await dialog.waitFor({ timeout: TIMEOUT });
      assert.match(await dialog.innerText(), /get-env/);
      await waitForCardState(frame, 'echo', 'done');
      assert.equal(await frame.locator(CHAT.toolCard('get-env')).getAttribute('data-state'), 'waiting');
      await wb.screenshot('chat-confirm-modal');
      await clickDialogButton(wb.page, 'Allow');

      await waitForCardState(frame, 'get-env', 'done');
      await frame.locator(CHAT.verdict).waitFor({ timeout: TIMEOUT });
      assert.equal((await frame.locator(CHAT.verdict).innerText()).trim().toUpperCase(), 'ADOPT WITH CAUTION');
      const answer = await lastAssistant(frame).innerText();
      assert.match(answer, /The echo tool answered and the environment was readable/);
      assert.equal(await lastAssistant(frame).locator('strong').first().innerText(), 'acme/widget', 'Markdown is rendered');
      assert.equal(await frame.locator(`${CHAT.report} a[href="https://example.com/advisory"]`).count(), 1, 'sources are links');
      await wb.screenshot('chat-report');

      await frame.locator(CHAT.openReport).click();
      const editor = wb.page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      await waitUntil(
        async () => plainText(await editor.innerText().catch(() => '')),
        (t) => /ADOPT WITH CAUTION/.test(t) && /acme\/widget/.test(t),
        'the report opened as Markdown',
      );
      await wb.screenshot('chat-report-markdown');

      // The same chat, wide, in an editor tab.
      await runCommand(wb.page, 'Connector Auditor: Open Chat in Editor');
      await waitUntil(
        async () =>
          (
            await Promise.all(
              wb.page.frames().map((f) =>
                f
                  .locator(CHAT.verdict)
                  .count()
                  .catch(() => 0),
              ),
            )
          ).filter((n) => n > 0).length,
        (n) => n === 2,
        'the editor chat to show the same report',
      );
      await wb.screenshot('chat-editor');
      // Keys typed while a webview has focus stay in its frame, so close the tab with its button.
      const tab = wb.page.locator('.tabs-container .tab', { hasText: 'Auditor Chat' });
      await tab.hover();
      await tab.locator('.tab-actions .action-label').click();
      await tab.waitFor({ state: 'detached' });
    }),
  );

  it('goes on without a tool the person denies', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('chat-deny', async () => {
      await newChat(wb.page, frame);
      await send(frame, 'Audit acme/gadget');
      await wb.page.locator(SELECTORS.dialog).waitFor();
      await clickDialogButton(wb.page, 'Deny');
      await waitForCardState(frame, 'get-env', 'denied');
      await frame.locator(CHAT.verdict).waitFor();
      assert.match(await lastAssistant(frame).innerText(), new RegExp(ANSWER_GADGET.slice(0, 40)));
      await wb.screenshot('chat-denied');
    }),
  );

  it('stops mid-stream with Escape and can be sent to again', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('chat-stop', async () => {
      await newChat(wb.page, frame);
      const before = model.requests.length;
      await send(frame, 'Audit acme/slow');
      await waitUntil(
        async () =>
          (
            await lastAssistant(frame)
              .innerText()
              .catch(() => '')
          ).length,
        (n) => n > 60,
        'the answer to stream',
      );
      await frame.locator(CHAT.stop).waitFor();
      await wb.screenshot('chat-streaming');
      await frame.locator(CHAT.composer).press('Escape');
      await frame.locator(CHAT.notice).last().waitFor();
      assert.match(await frame.locator(CHAT.notice).last().innerText(), /Stopped/);
      assert.equal(await model.requests[before].closed, 'aborted', 'the model stream was cancelled, not read to the end');
      assert.ok(!(await lastAssistant(frame).innerText()).includes('word399'));
      await frame.locator(CHAT.send).waitFor();
      await wb.screenshot('chat-stopped');
    }),
  );

  it('shows a hostile answer as inert text: nothing runs, nothing is fetched', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('chat-xss', async () => {
      const dialogs: string[] = [];
      wb.page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await newChat(wb.page, frame);
      await send(frame, 'Audit acme/xss');
      await frame.locator(CHAT.verdict).waitFor();
      // Give any image, iframe or script a moment to try.
      await wb.page.waitForTimeout(1500);
      const executed = await Promise.all(
        wb.page.frames().map((f) => f.evaluate(() => (window as unknown as { __xss?: unknown }).__xss).catch(() => undefined)),
      );
      assert.deepEqual(
        executed.filter((v) => v !== undefined),
        [],
        'no payload ran in any frame',
      );
      assert.deepEqual(dialogs, [], 'no alert/confirm/prompt');
      assert.deepEqual(leaks, [], 'no request reached the attacker server');
      const messages = frame.locator('.messages');
      const bad = await messages.evaluate((root) => ({
        elements: root.querySelectorAll('script, iframe, object, embed, form, meta, style, link, base').length,
        handlers: [...root.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).length,
        links: [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '').filter((h) => !/^(https?:|mailto:)/i.test(h)),
        images: [...root.querySelectorAll('img')].map((i) => i.getAttribute('src') ?? '').filter((s) => !s.startsWith('data:')),
      }));
      assert.deepEqual(bad, { elements: 0, handlers: 0, links: [], images: [] });
      assert.match(await messages.innerText(), /<script>/, 'the payload is shown as text');
      await wb.screenshot('chat-xss');
    }),
  );
});
