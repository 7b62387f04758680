// Studio mode of the Auditor Chat end to end: code-server runs the packaged extension with
// CONNECTOR_AUDITOR_MISTRAL_URL pointing at the fake Mistral API (test/fixtures/mistralStudio,
// started by run-e2e.mjs, whose "everything" Studio connector relays to a real server-everything).
// A person sets the Mistral key through "Set Mistral API Key…", switches the chat to Mistral
// Studio from its header, and audits: Mistral holds the Studio connector's tool for confirmation,
// the same native modal asks (naming the tool and the Studio connector), the answer reaches the
// fake as `tool_confirmations`, and the run ends with a report card. Then the Deny path.
import * as assert from 'assert';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { CHAT, chatFrame, newChat, send, waitForCardState } from './auditorChat';
import { openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
  collapseView,
  openWorkbench,
  pickQuickItem,
  quickPickLabels,
  runCommand,
  SELECTORS,
  TIMEOUT,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const FIXTURE_KEY = 'fixture-valid-key';

interface FixtureRequest {
  method: string;
  path: string;
  body: string;
}

/** What the fake Mistral API received, as it recorded it. */
async function studioRequests(): Promise<FixtureRequest[]> {
  const base = process.env.E2E_STUDIO_FIXTURE;
  assert.ok(base, 'run-e2e.mjs sets E2E_STUDIO_FIXTURE');
  const res = await fetch(`${base}/__fixture/requests`);
  return (await res.json()) as FixtureRequest[];
}

/** The tool_confirmations answers the fake received after `since` requests. */
async function confirmationsSent(since: number): Promise<string[]> {
  const bodies = (await studioRequests()).slice(since).filter((r) => r.path.startsWith('/v1/conversations'));
  return bodies
    .flatMap((r) => (JSON.parse(r.body) as { tool_confirmations?: Array<{ confirmation: string }> }).tool_confirmations ?? [])
    .map((c) => c.confirmation);
}

/**
 * Every tool asks first (server-everything marks echo read-only): the fake agent then calls echo,
 * held for confirmation. Returns how to put the settings back for the files that run after this one.
 */
function askBeforeEveryTool(workspace: string): () => void {
  const file = join(workspace, '.vscode', 'settings.json');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  const original = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const current = original ? (JSON.parse(original) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...current, 'connectorAuditor.confirmation.default': 'always' }, null, 2));
  return () => (original === undefined ? rmSync(file, { force: true }) : writeFileSync(file, original));
}

/** Scrolls the message list (only it: the header stays put) so the last `selector` starts at its top. */
async function scrollToTop(frame: Frame, selector: string): Promise<void> {
  await frame
    .locator(selector)
    .last()
    .evaluate((el) => {
      const list = el.closest('.messages');
      if (list) list.scrollTop += el.getBoundingClientRect().top - list.getBoundingClientRect().top;
    });
}

/** Allows every further modal (local tools) until the report card shows; returns their questions. */
async function allowUntilVerdict(wb: Workbench, frame: Frame): Promise<string[]> {
  const questions: string[] = [];
  const dialog = wb.page.locator(SELECTORS.dialog);
  await waitUntil(
    async () => {
      if (await dialog.isVisible().catch(() => false)) questions.push(await clickDialogButton(wb.page, 'Allow'));
      return frame.locator(CHAT.verdict).count();
    },
    (n) => n > 0,
    'the report card',
  );
  return questions;
}

describe(`Auditor Chat on Mistral Studio (${theme} theme)`, () => {
  let wb: Workbench;
  let frame: Frame;
  let restoreSettings: (() => void) | undefined;

  before(async () => {
    const workspace = process.env.E2E_WORKSPACE;
    assert.ok(workspace, 'E2E_WORKSPACE is set by run-e2e.mjs');
    restoreSettings = askBeforeEveryTool(workspace);
    wb = await openWorkbench();
    await openConnectorsView(wb.page);
    await collapseView(wb.page, 'Connectors');
  });
  after(async () => {
    await wb?.close();
    restoreSettings?.();
  });

  it('sets the key, switches the chat to Studio, asks in the modal for the Studio tool, and finishes with a report', { timeout: 5 * TIMEOUT }, () =>
    wb.guard('studio-chat-allow', async () => {
      await runCommand(wb.page, 'Connector Auditor: Set Mistral API Key');
      await waitForQuickInputTitle(wb.page, /Mistral API Key/);
      await answerInputBox(wb.page, FIXTURE_KEY);

      frame = await chatFrame(wb.page);
      await frame.locator(CHAT.emptyState).waitFor();
      assert.equal(await frame.locator(CHAT.header).getAttribute('data-mode'), 'local', 'a new chat runs locally');
      await frame.locator(CHAT.modeButton).click();
      await waitForQuickInputTitle(wb.page, /Where This Chat Runs/);
      await pickQuickItem(wb.page, 'Run on Mistral Studio');

      // The header says where the chat runs and which Studio connectors it attaches.
      await frame.locator(`${CHAT.studioChip('studio')}:has-text("everything")`).waitFor({ timeout: TIMEOUT });
      assert.equal((await frame.locator(CHAT.modeLabel).innerText()).trim(), 'Mistral Studio');
      assert.equal(await frame.locator(CHAT.studioChip('studio')).filter({ hasText: 'issue-tracker' }).count(), 1);
      assert.equal(await frame.locator(CHAT.studioChip('web-search')).count(), 1);
      assert.match(await frame.locator(`${CHAT.modelButton} .model-label`).innerText(), /mistral/i);
      await wb.screenshot('studio-chat-header');

      const since = (await studioRequests()).length;
      await runCommand(wb.page, 'Connector Auditor: Audit Repository');
      await waitForQuickInputTitle(wb.page, /Audit/);
      await answerInputBox(wb.page, 'acme/widget');

      const dialog = wb.page.locator(SELECTORS.dialog);
      await dialog.waitFor({ timeout: TIMEOUT });
      const question = await dialog.innerText();
      assert.match(question, /"echo"/, 'the modal names the tool');
      assert.match(question, /everything \(Mistral Studio\)/, 'and the Studio connector');
      assert.equal(await frame.locator(CHAT.toolCard('echo')).last().getAttribute('data-state'), 'waiting');
      await wb.screenshot('studio-chat-modal');
      await clickDialogButton(wb.page, 'Allow');

      await waitForCardState(frame, 'echo', 'done');
      // The workspace's own connectors join as tools run here; under policy "always" the one the
      // Studio agent calls back asks in the same modal, naming the local connector this time.
      const later = await allowUntilVerdict(wb, frame);
      assert.ok(
        later.every((q) => !/Mistral Studio/.test(q)),
        `only the Studio tool was held by Mistral: ${later.join(' | ')}`,
      );
      assert.ok((await frame.locator(CHAT.verdict).innerText()).trim().length > 0, 'the verdict is shown');
      assert.ok((await frame.locator(`${CHAT.report} a[href^="http"]`).count()) > 0, 'the sources are links');
      // The verdict and the first findings in view (the card is taller than the sidebar).
      await scrollToTop(frame, CHAT.report);
      await wb.screenshot('studio-chat-report');

      assert.deepEqual(await confirmationsSent(since), ['allow'], 'Mistral was told to run the held call');
      const started = (await studioRequests()).slice(since).filter((r) => r.path === '/v1/conversations');
      assert.equal(started.length, 1, 'one Studio conversation for the audit');
    }),
  );

  it('denies the held call: Mistral is told so and the card says denied', { timeout: 4 * TIMEOUT }, () =>
    wb.guard('studio-chat-deny', async () => {
      await newChat(wb.page, frame);
      // A new chat after a Studio chat stays on Studio.
      assert.equal((await frame.locator(CHAT.modeLabel).innerText()).trim(), 'Mistral Studio');
      // Edit connectors lists Studio's connectors beside this machine's.
      await frame.locator('button.edit-connectors').click();
      await waitForQuickInputTitle(wb.page, /Connectors for This Chat/);
      const labels = await quickPickLabels(wb.page);
      assert.ok(labels.includes('everything') && labels.includes('issue-tracker') && labels.includes('github'), labels.join(' | '));
      await wb.screenshot('studio-chat-connectors');
      await wb.page.keyboard.press('Escape');

      const since = (await studioRequests()).length;
      await send(frame, 'Audit acme/gadget');
      await wb.page.locator(SELECTORS.dialog).waitFor({ timeout: TIMEOUT });
      await clickDialogButton(wb.page, 'Deny');
      await waitForCardState(frame, 'echo', 'denied');
      await allowUntilVerdict(wb, frame);
      // The scripted auditor's report says the held call was denied.
      assert.match(await frame.locator(CHAT.report).last().innerText(), /denied/i);
      assert.deepEqual(await confirmationsSent(since), ['deny']);
      await scrollToTop(frame, CHAT.toolCard('echo'));
      await wb.screenshot('studio-chat-denied');
    }),
  );
});
