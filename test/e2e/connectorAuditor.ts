// Connector Auditor's own UI flows, built from the generic steps in workbench.ts. When the
// extension's wording or wizard changes, this file (and workbench.ts SELECTORS) is what to fix.
import * as assert from 'assert';
import type { Page } from 'playwright-core';
import {
  answerInputBox,
  clickDialogButton,
  collapseRow,
  contextMenu,
  openActivityBarItem,
  pickQuickItem,
  quickPickLabels,
  runCommand,
  SELECTORS,
  treeRow,
  waitForNextStep,
  waitForQuickInputTitle,
} from './workbench';

export const VIEW_CONTAINER_TITLE = 'Connector Auditor';
export const COMMANDS = {
  addConnector: 'Connector Auditor: Add Connector',
};

/** server-everything 2026.8.31 over stdio (checked with the MCP SDK's tools/list). */
export const EVERYTHING_TOOLS = [
  'echo',
  'get-annotated-message',
  'get-env',
  'get-resource-links',
  'get-resource-reference',
  'get-structured-content',
  'get-sum',
  'get-tiny-image',
  'gzip-file-as-resource',
  'toggle-simulated-logging',
  'toggle-subscriber-updates',
  'trigger-long-running-operation',
  'simulate-research-query',
];

export function openConnectorsView(page: Page): Promise<void> {
  return openActivityBarItem(page, VIEW_CONTAINER_TITLE);
}

/** Folds the Built-in group, so a test about the person's own connectors has the view's height. */
export async function foldBuiltins(page: Page): Promise<void> {
  await openConnectorsView(page);
  await collapseRow(treeRow(page, 'Built-in'));
}

export interface NewStdioConnector {
  name: string;
  commandLine: string;
  visibility: 'Private' | 'Workspace';
}

/** Add Connector wizard for a stdio server: name → transport → command line → [auth] → visibility. */
export async function addStdioConnector(page: Page, c: NewStdioConnector): Promise<void> {
  await runCommand(page, COMMANDS.addConnector);

  let step = await waitForQuickInputTitle(page, /^Add Connector/);
  await answerInputBox(page, c.name);

  step = await waitForNextStep(page, step);
  const transports = await quickPickLabels(page);
  assert.deepStrictEqual(
    transports.map((l) => l.split(/\s/)[0]),
    ['stdio', 'http', 'sse'],
    `transport choices: ${transports.join(' | ')}`,
  );
  await pickQuickItem(page, 'stdio');

  step = await waitForNextStep(page, step);
  await answerInputBox(page, c.commandLine);

  step = await waitForNextStep(page, step);
  let choices = await quickPickLabels(page);
  // An auth step (None first) may come before visibility; the current wizard skips it for stdio.
  if (choices[0] === 'None') {
    await pickQuickItem(page, 'None');
    await waitForNextStep(page, step);
    choices = await quickPickLabels(page);
  }
  assert.ok(choices.includes(c.visibility), `visibility choices: ${choices.join(' | ')}`);
  await pickQuickItem(page, c.visibility);
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'hidden' });
}

/** Removes a connector through its context menu and the modal confirmation; returns the dialog
 *  text. `onDialog` runs while the dialog is up (e.g. to take a screenshot). */
export async function removeConnector(page: Page, name: string, onDialog?: () => Promise<unknown>): Promise<string> {
  await contextMenu(treeRow(page, name), 'Remove');
  await page.locator(SELECTORS.dialog).waitFor({ state: 'visible' });
  await onDialog?.();
  const message = await clickDialogButton(page, 'Remove');
  await treeRow(page, name).waitFor({ state: 'detached' });
  return message;
}
