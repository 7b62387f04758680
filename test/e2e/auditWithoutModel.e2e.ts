// Audits without a model, end to end: no model is configured (automatic choice, no key, no URL),
// so the empty chat's "Audit this workspace" runs on the evidence rules with the workspace and
// supply_chain built-ins (OSV answered by the fixture, scripts/run-e2e.mjs). The sample
// workspace's lockfile pins lodash 4.17.15: the report shows the rules' verdict and checks, and
// the finding's "package-lock.json:N" opens the lockfile at line N. Then "Audit Connector…" from
// the palette audits server-everything's tool list into a report of its own.
import * as assert from 'assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { CHAT, chatFrame, newChat, useNoModel, waitForCardState } from './auditorChat';
import { openConnectorsView } from './connectorAuditor';
import { collapseView, openWorkbench, pickQuickItem, plainText, runCommand, TIMEOUT, waitUntil, type Workbench } from './workbench';

const theme = process.env.E2E_THEME ?? 'light';

/** Scrolls the chat so the element's top is at the top of the view (the card is taller than the sidebar). */
async function scrollToTop(frame: Frame, selector: string): Promise<void> {
  await frame
    .locator(selector)
    .first()
    .evaluate((el) => el.scrollIntoView({ block: 'start' }));
}

describe(`Audits without a model (${theme} theme)`, () => {
  let wb: Workbench;
  let frame: Frame;
  const workspace = process.env.E2E_WORKSPACE ?? '';

  before(async () => {
    assert.ok(workspace, 'E2E_WORKSPACE is set by run-e2e.mjs');
    useNoModel();
    wb = await openWorkbench();
    await openConnectorsView(wb.page);
    await collapseView(wb.page, 'Connectors');
  });
  after(async () => wb?.close());

  it(
    'audits the workspace from the empty chat: tool cards, a report with the rules’ evidence, a location that opens the lockfile',
    { timeout: 5 * TIMEOUT },
    () =>
      wb.guard('no-model-workspace', async () => {
        frame = await chatFrame(wb.page);
        await frame.locator(CHAT.emptyState).waitFor();
        await frame.locator(CHAT.auditWorkspace).waitFor({ state: 'visible' });
        await wb.screenshot('no-model-empty');

        await frame.locator(CHAT.auditWorkspace).click();
        await waitUntil(
          () => frame.locator(CHAT.notice).allInnerTexts(),
          (texts) => texts.some((t) => /No model is configured.*A model adds explanation/.test(plainText(t))),
          'the notice that the rules audit alone',
        );
        assert.equal(await frame.locator(`${CHAT.notice} button.fix`).first().innerText(), 'Set Up a Model…');
        for (const tool of ['read_dependencies', 'audit_dependencies']) await waitForCardState(frame, tool, 'done');
        const verdict = frame.locator(CHAT.verdict);
        await verdict.waitFor({ timeout: TIMEOUT });
        // lodash 4.17.15 has known advisories: never SAFE TO ADOPT.
        assert.match(
          plainText(await frame.locator(CHAT.evidenceRules).innerText()),
          /^Evidence rules: (AVOID|ADOPT WITH CAUTION) · score [\d.]+\/10 · (high|medium|low) confidence$/,
        );
        assert.match(await frame.locator(`${CHAT.report} .report-target`).innerText(), /the open workspace/);
        await scrollToTop(frame, CHAT.report);
        await wb.screenshot('no-model-workspace-report');

        await frame.locator(`${CHAT.checks} summary`).click();
        await frame.locator(`${CHAT.checks} .check`).first().waitFor();
        await scrollToTop(frame, CHAT.checks);
        await wb.screenshot('no-model-workspace-checks');

        // The lodash finding names the lockfile line of its entry.
        const link = frame.locator(CHAT.locationLink, { hasText: /^package-lock\.json:\d+$/ }).first();
        await link.scrollIntoViewIfNeeded();
        const [, lineText] = /:(\d+)$/.exec(await link.innerText())!;
        const line = Number(lineText);
        const lockLines = readFileSync(join(workspace, 'package-lock.json'), 'utf8').split('\n');
        assert.match(lockLines[line - 1] ?? '', /node_modules\/lodash/, `line ${line} of the lockfile is lodash's entry`);
        await link.click();
        await waitUntil(
          () =>
            wb.page
              .locator('.tabs-container .tab.active')
              .getAttribute('aria-label')
              .catch(() => ''),
          (label) => /package-lock\.json/.test(label ?? ''),
          'the lockfile to open',
        );
        await waitUntil(
          () =>
            wb.page
              .locator('[id="status.editor.selection"]')
              .innerText()
              .catch(() => ''),
          (text) => new RegExp(`Ln ${line},`).test(text),
          `the cursor on line ${line}`,
        );
        await wb.screenshot('no-model-location-opened');
      }),
  );

  it('audits a connector from the palette: its tool list, without calling a tool, into a report', { timeout: 4 * TIMEOUT }, () =>
    wb.guard('no-model-audit-connector', async () => {
      await runCommand(wb.page, 'View: Close All Editors');
      await runCommand(wb.page, 'Connector Auditor: Audit Connector');
      await pickQuickItem(wb.page, 'everything');
      frame = await chatFrame(wb.page);
      await waitUntil(
        () =>
          frame
            .locator(`${CHAT.report} .report-target`)
            .innerText()
            .catch(() => ''),
        (text) => /everything/.test(text),
        'the connector report',
      );
      assert.equal(await frame.locator(CHAT.anyToolCard).count(), 0, 'no tool of the connector (or any other) was called');
      assert.match(plainText(await frame.locator(CHAT.evidenceRules).innerText()), /^Evidence rules: /);
      assert.equal(
        await frame
          .locator(CHAT.chip)
          .filter({ hasText: /^everything$/ })
          .count(),
        0,
        'the audited connector is not attached',
      );
      await scrollToTop(frame, CHAT.report);
      await wb.screenshot('no-model-connector-report');
      // The files after this one start from an empty chat.
      await newChat(wb.page, frame);
    }),
  );
});
