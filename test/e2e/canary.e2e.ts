// Issue 7 in the real extension: a canary as the OpenAI-compatible model key and a canary in a
// connector header (`${secret:…}`), both typed by a person into VS Code's own prompts, a full
// chat audit that uses them — the fake model answers only to that key, the MCP server only to
// that header — and then a sweep for both canaries through everything the run left behind:
// every file under code-server's user-data dir (the extension's output channels, every
// connector log, globalStorage/workspaceStorage with the chat history, state.vscdb, byte for
// byte), the private registry, the workspace, code-server's own log, the text of the modal
// confirmation, every frame's DOM (notifications and error text included), the opened report,
// and every message the host posted to the chat webview, recorded inside the webview itself (a
// listener on its window's message events: production code is not touched to record them).
import * as assert from 'assert';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import type { AuditReport } from '../../src/core/audit/report';
import { startRecordingProxy, type RecordingProxy } from '../fixtures/canary/recordingProxy';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import { startEverything } from '../helpers/everythingServer';
import { CHAT, chatFrame, lastAssistant, newChat, useFakeModel, waitForCardState } from './auditorChat';
import { openConnectorsView } from './connectorAuditor';
import {
  answerInputBox,
  clickDialogButton,
  collapseView,
  openWorkbench,
  pickQuickItem,
  plainText,
  runCommand,
  SELECTORS,
  TIMEOUT,
  waitForQuickInputTitle,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const MASK = '••••••';
const CONNECTOR = 'canarymcp';
const HEADER_SECRET = 'canary-header';

// Not token-shaped: only masking by known value can hide them.
const modelKey = `canary-model-${randomUUID()}`;
const header = `canary-header-${randomUUID()}`;
const canaries = [modelKey, header];

const REPORT: AuditReport = {
  target: 'acme/widget',
  verdict: 'ADOPT WITH CAUTION',
  // The model repeats what a person pasted: the report is shown, stored in the history and opened.
  summary: `Configured with key ${modelKey} and header ${header}.`,
  findings: [{ analysis: 'security', severity: 'low', claim: `The echo service repeated ${header}.`, sources: [`tool ${CONNECTOR}__echo`] }],
};

/** Every regular file under `dir`, with its bytes (state.vscdb is SQLite: a byte search still finds text in it). */
function filesUnder(dir: string): { path: string; bytes: Buffer }[] {
  if (!existsSync(dir)) return [];
  const found: { path: string; bytes: Buffer }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // The workspace links the repository's node_modules (see copySampleWorkspace): not the run's output.
    if (entry.name === 'node_modules') continue;
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) found.push({ path, bytes: readFileSync(path) });
  }
  return found;
}

/** Where a canary was found, with what surrounds it. */
function hits(content: string | Buffer, where: string): string[] {
  const text = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
  const found: string[] = [];
  for (const canary of canaries) {
    const at = text.indexOf(canary);
    if (at >= 0) found.push(`${where}: …${text.subarray(Math.max(0, at - 160), at + canary.length + 60).toString('utf8')}…`);
  }
  return found;
}

describe(`Canary secrets in the extension (${theme} theme)`, () => {
  let wb: Workbench;
  let model: FakeModelServer;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let proxy: RecordingProxy;
  let registry: string;
  let original: string | undefined;

  before(async () => {
    const home = process.env.CONNECTOR_AUDITOR_HOME;
    const workspace = process.env.E2E_WORKSPACE;
    assert.ok(home && workspace && process.env.E2E_USER_DATA, 'run-e2e.mjs sets CONNECTOR_AUDITOR_HOME, E2E_WORKSPACE and E2E_USER_DATA');
    everything = await startEverything('streamableHttp');
    proxy = await startRecordingProxy({ target: `http://127.0.0.1:${everything.port}`, requireHeader: { name: 'X-Canary', value: header } });
    model = await startFakeModel(
      [
        {
          text: `Checking with key ${modelKey} and header ${header}.`,
          toolCalls: [
            { name: `${CONNECTOR}__echo`, arguments: { message: `header ${header} key ${modelKey}` } },
            { name: 'github__get_repository', arguments: { owner: 'acme', repo: 'widget' } },
          ],
        },
        { text: 'Submitting.', toolCalls: [{ name: 'submit_audit_report', arguments: REPORT as unknown as Record<string, unknown> }] },
      ],
      { dialect: 'openai', requireKey: modelKey },
    );
    useFakeModel(model.baseUrl);
    // The person's private registry: the header holds only a reference; echo asks first, so the
    // modal shows its arguments.
    registry = join(home, 'connectors.json');
    original = existsSync(registry) ? readFileSync(registry, 'utf8') : undefined;
    const connectors = original ? ((JSON.parse(original) as { connectors?: unknown[] }).connectors ?? []) : [];
    writeFileSync(
      registry,
      JSON.stringify({
        connectors: [
          ...connectors,
          {
            name: CONNECTOR,
            transport: 'http',
            url: `${proxy.url}/mcp`,
            headers: { 'X-Canary': `\${secret:${HEADER_SECRET}}` },
            toolConfiguration: { requiresConfirmation: ['echo'] },
          },
        ],
      }),
    );
    wb = await openWorkbench();
    await openConnectorsView(wb.page);
    await collapseView(wb.page, 'Connectors');
  });
  after(async () => {
    await wb?.close();
    if (registry) {
      if (original === undefined) writeFileSync(registry, JSON.stringify({ connectors: [] }));
      else writeFileSync(registry, original);
    }
    await model?.close();
    await proxy?.close();
    await everything?.stop();
  });

  it('the canaries are typed in, used by a full audit, and found nowhere afterwards', { timeout: 6 * TIMEOUT }, () =>
    wb.guard('canary', async () => {
      const { page } = wb;
      const frame: Frame = await chatFrame(page);
      const chip = frame.locator(`${CHAT.chip}[data-id$=${JSON.stringify(CONNECTOR)}]`);
      await chip.waitFor();

      // A person sets both secrets through the extension's commands; the connector then starts.
      await runCommand(page, 'Connector Auditor: Set Secret');
      await pickQuickItem(page, HEADER_SECRET);
      await waitForQuickInputTitle(page, /Set Secret/);
      await answerInputBox(page, header);
      await page.locator('.notifications-toasts', { hasText: `Secret "${HEADER_SECRET}" saved` }).waitFor();
      await runCommand(page, 'Connector Auditor: Set OpenAI-Compatible API Key');
      await waitForQuickInputTitle(page, /API Key/);
      await answerInputBox(page, modelKey);
      await page.locator('.notifications-toasts', { hasText: 'API key saved' }).waitFor();
      await wb.screenshot('canary-secrets-set');

      // Record every message the host posts to the chat webview, from inside the webview.
      await frame.evaluate(() => {
        const w = window as unknown as { __posted: unknown[] };
        w.__posted = [];
        window.addEventListener('message', (e) => w.__posted.push(e.data));
      });

      await runCommand(page, 'Connector Auditor: Audit Repository');
      await waitForQuickInputTitle(page, /Audit/);
      await answerInputBox(page, 'acme/widget');

      const dialog = page.locator(SELECTORS.dialog);
      await dialog.waitFor({ timeout: TIMEOUT });
      const dialogText = await dialog.innerText();
      assert.match(dialogText, /echo/);
      await wb.screenshot('canary-confirm-modal');
      await clickDialogButton(page, 'Allow');

      await waitForCardState(frame, 'echo', 'done');
      await frame.locator(CHAT.verdict).waitFor({ timeout: TIMEOUT });
      assert.equal((await frame.locator(CHAT.verdict).innerText()).trim().toUpperCase(), 'ADOPT WITH CAUTION');
      await wb.screenshot('canary-report');

      // They were really used: the model server saw the key, the MCP server the header.
      assert.ok(
        model.requests.length >= 2 && model.requests.every((r) => r.headers.authorization === `Bearer ${modelKey}`),
        'every model request carried the key',
      );
      assert.ok(
        proxy.seen.some((h) => h['x-canary'] === header),
        'the connector sent the header',
      );
      // The echo ran with the header in its argument, and the mask stands where it was said.
      const told = JSON.stringify(model.requests[1].body);
      assert.ok(told.includes(`Echo: header ${MASK} key ${MASK}`), 'the echo result reached the model, masked');

      await frame.locator(CHAT.openReport).click();
      const editor = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
      const reportText = await waitUntil(
        async () => plainText(await editor.innerText().catch(() => '')),
        (t) => /ADOPT WITH CAUTION/.test(t),
        'the report opened as Markdown',
      );

      const found: string[] = [];
      found.push(...hits(dialogText, 'the confirmation modal'));
      found.push(...hits(reportText, 'the opened report'));
      const posted = await frame.evaluate(() => JSON.stringify((window as unknown as { __posted: unknown[] }).__posted));
      found.push(...hits(posted, 'a message posted to the chat webview'));
      for (const f of page.frames()) found.push(...hits(await f.content().catch(() => ''), `the DOM of frame ${f.name() || f.url()}`));
      found.push(...hits(await lastAssistant(frame).innerText(), 'the chat transcript'));

      // Give the history store its debounce, then close the chat so it writes.
      await page.waitForTimeout(1500);
      const dirs = [process.env.E2E_USER_DATA!, process.env.CONNECTOR_AUDITOR_HOME!, process.env.E2E_WORKSPACE!];
      let logFiles = 0;
      for (const dir of dirs) {
        for (const file of filesUnder(dir)) {
          if (/\.log$/.test(file.path) && /Connector Auditor/.test(file.path)) logFiles++;
          found.push(...hits(file.bytes, file.path));
        }
      }
      assert.ok(logFiles >= 2, `the extension's and the connector's output channels were written to files (${logFiles})`);
      assert.deepEqual(found, [], `no canary anywhere, but:\n${found.join('\n')}`);
      // … and the sweep looked at the right text: where a canary was said, the mask stands.
      assert.match(reportText, new RegExp(`Configured with key ${MASK} and header ${MASK}`));
      assert.match(dialogText, new RegExp(`header ${MASK} key ${MASK}`));
      assert.ok(posted.includes('ADOPT WITH CAUTION') && posted.includes(`Configured with key ${MASK}`), 'the recorder saw the run, masks included');

      // Leave the window as the next spec expects it: no editors, an empty chat.
      await runCommand(page, 'View: Close All Editors');
      await newChat(page, frame);
    }),
  );
});
