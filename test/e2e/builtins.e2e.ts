// The built-in connectors end to end: code-server runs the packaged extension with the GitHub
// and supply-chain services answered by the fixture servers (scripts/run-e2e.mjs points
// CONNECTOR_AUDITOR_*_URL at them). The Built-in group lists github, web, supply_chain and workspace with
// their tools; an audit through the chat uses a GitHub tool and a supply-chain tool, and the
// report cites the URLs those tools returned.
import * as assert from 'assert';
import { after, before, describe, it } from 'node:test';
import type { Frame } from 'playwright-core';
import { startFakeModel, type FakeModelServer } from '../fixtures/fakeModel/server';
import { auditScript, AUDIT_TOOL_CALLS } from '../fixtures/auditScript';
import { CHAT, chatFrame, send, useFakeModel, waitForCardState } from './auditorChat';
import { openConnectorsView } from './connectorAuditor';
import {
  collapseView,
  expandRow,
  expandView,
  hoverRow,
  openWorkbench,
  plainText,
  TIMEOUT,
  treeRow,
  waitForChildren,
  waitUntil,
  type Workbench,
} from './workbench';

const theme = process.env.E2E_THEME ?? 'light';
const githubFixture = process.env.E2E_GITHUB_FIXTURE;

interface FixtureRequest {
  method: string;
  path: string;
  status: number;
}

async function fixtureRequests(): Promise<FixtureRequest[]> {
  const res = await fetch(`${githubFixture}/__fixture/requests`);
  return ((await res.json()) as { requests: FixtureRequest[] }).requests;
}

describe(`Built-in connectors (${theme} theme)`, () => {
  let wb: Workbench;
  let model: FakeModelServer;
  let frame: Frame;

  before(async () => {
    assert.ok(githubFixture, 'E2E_GITHUB_FIXTURE is set by run-e2e.mjs');
    model = await startFakeModel(auditScript(), { dialect: 'openai' });
    const workspace = process.env.E2E_WORKSPACE;
    assert.ok(workspace, 'E2E_WORKSPACE is set by run-e2e.mjs');
    useFakeModel(model.baseUrl);
    wb = await openWorkbench();
    await openConnectorsView(wb.page);
  });
  after(async () => {
    await wb?.close();
    await model?.close();
  });

  it('lists github, web, supply_chain and workspace under Built-in, each with its tools', { timeout: 3 * TIMEOUT }, () =>
    wb.guard('builtin-group', async () => {
      const group = await waitForChildren(wb.page, 'Built-in', 4);
      assert.deepStrictEqual(group, ['github', 'web', 'supply_chain', 'workspace']);

      await expandRow(treeRow(wb.page, 'supply_chain'));
      const supply = await waitForChildren(wb.page, 'supply_chain');
      for (const tool of ['osv_query', 'deps_dev_package', 'scorecard']) assert.ok(supply.includes(tool), `supply_chain lists ${tool}: ${supply.join(', ')}`);
      await expandRow(treeRow(wb.page, 'web'));
      assert.deepStrictEqual([...(await waitForChildren(wb.page, 'web', 2))].sort(), ['fetch_url', 'web_search']);
      await wb.screenshot('builtin-web-supply-chain');
      await treeRow(wb.page, 'supply_chain').locator('.monaco-tl-twistie').click();
      await treeRow(wb.page, 'web').locator('.monaco-tl-twistie').click();

      // Nineteen tools: give the Connectors view the sidebar's height.
      await collapseView(wb.page, 'Auditor Chat');
      await expandRow(treeRow(wb.page, 'github'));
      const github = await waitForChildren(wb.page, 'github', 19);
      for (const tool of ['get_repository', 'list_security_advisories', 'create_issue', 'delete_file'])
        assert.ok(github.includes(tool), `github lists ${tool}: ${github.join(', ')}`);
      await wb.screenshot('builtin-github-tools');

      // Write tools ask first (destructive, not read-only): the row says so.
      const deleteRow = treeRow(wb.page, 'delete_file');
      assert.match((await deleteRow.getAttribute('aria-label')) ?? '', /asks first/);

      // No GitHub account in this code-server: public repositories only, and the row offers Sign in.
      const tip = await waitUntil(
        async () => {
          await wb.page.mouse.move(900, 600);
          return plainText(await (await hoverRow(treeRow(wb.page, 'github'))).innerText());
        },
        (t) => /not signed in: public repositories only/.test(t),
        'the tooltip to say whether GitHub is signed in',
      );
      assert.match(tip, /in-process \(built in\)/);
      assert.equal(await treeRow(wb.page, 'github').locator('.actions a.action-label[aria-label="Sign in to GitHub"]').count(), 1);
      await wb.screenshot('builtin-github-tooltip');
      await wb.page.mouse.move(900, 600);
      await treeRow(wb.page, 'github').locator('.monaco-tl-twistie').click();
      await expandView(wb.page, 'Auditor Chat');
    }),
  );

  it('audits acme/widget with a GitHub and a supply-chain tool; the report cites their URLs', { timeout: 4 * TIMEOUT }, () =>
    wb.guard('builtin-audit', async () => {
      await collapseView(wb.page, 'Connectors');
      frame = await chatFrame(wb.page);
      const before = (await fixtureRequests()).length;
      await send(frame, 'Audit acme/widget with the built-in connectors');
      for (const call of AUDIT_TOOL_CALLS) await waitForCardState(frame, call.name.split('__')[1], 'done');
      await frame.locator(CHAT.verdict).waitFor({ timeout: TIMEOUT });

      const links = await frame.locator(`${CHAT.report} a[href]`).evaluateAll((els) => els.map((a) => a.getAttribute('href') ?? ''));
      assert.ok(links.includes('https://github.com/acme/widget'), `the report cites the repository: ${links.join(', ')}`);
      assert.ok(
        links.some((l) => l.startsWith('https://osv.dev/vulnerability/')),
        `the report cites an OSV advisory: ${links.join(', ')}`,
      );
      await wb.screenshot('builtin-audit-report');

      // The extension asked the fixture (not github.com): the repository was read from it.
      const asked = (await fixtureRequests()).slice(before);
      assert.ok(
        asked.some((r) => r.method === 'GET' && r.path.startsWith('/repos/acme/widget')),
        JSON.stringify(asked),
      );

      // What the audit cost shows on the connector: GitHub's budget for unauthenticated requests.
      await expandView(wb.page, 'Connectors');
      // The workbench shows no hovers while the chat's webview has focus: fold the chat.
      await collapseView(wb.page, 'Auditor Chat');
      const tip = await waitUntil(
        async () => {
          await wb.page.mouse.move(900, 600);
          return plainText(await (await hoverRow(treeRow(wb.page, 'github'))).innerText());
        },
        (t) => /Rate limit/.test(t),
        'the rate-limit budget in the tooltip',
      );
      assert.match(tip, /Rate limit:\s+\d+ of 60 requests left; resets at/);
      await wb.screenshot('builtin-github-budget');
      await wb.page.mouse.move(900, 600);
    }),
  );
});
