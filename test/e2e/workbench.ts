// Reusable steps for driving VS Code (code-server) in headless Chromium with playwright-core.
// scripts/run-e2e.mjs starts code-server and passes E2E_URL, E2E_THEME and E2E_SCREENSHOTS.
// All VS Code DOM knowledge (selectors) lives here, so a change in the workbench or in the
// extension's wording is fixed in one place.
import * as fs from 'fs';
import * as path from 'path';
import type { Locator, Page } from 'playwright-core';

/** Generous: the first expand of a connector starts an MCP server, and CI machines are slow. */
export const TIMEOUT = 60_000;

export const SELECTORS = {
  workbench: '.monaco-workbench',
  activityBarItem: (title: string) => `.activitybar .action-item a.action-label[aria-label^=${css(title)}]`,
  sidebar: '[id="workbench.parts.sidebar"]',
  sidebarTitle: '[id="workbench.parts.sidebar"] .composite.title h2',
  listRow: '.monaco-list-row',
  twistie: '.monaco-tl-twistie',
  quickInput: '.quick-input-widget',
  quickInputTitle: '.quick-input-widget .quick-input-title',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputMessage: '.quick-input-widget .quick-input-message',
  quickInputRow: '.quick-input-widget .quick-input-list .monaco-list-row',
  dialog: '.monaco-dialog-box',
  dialogButton: '.monaco-dialog-box .monaco-button',
  contextMenuItem: '.context-view .monaco-menu .action-item a.action-menu-item',
  notificationToast: '.notification-toast',
  paneHeader: (view: string) => `[id="workbench.parts.sidebar"] .pane-header[aria-label^=${css(view)}]`,
};

/** A CSS string literal (for attribute selectors). */
function css(s: string): string {
  return JSON.stringify(s);
}

export interface Workbench {
  page: Page;
  theme: string;
  /** Saves test-results/screenshots/<theme>/<name>.png and returns its path. */
  screenshot(name: string): Promise<string>;
  /** Runs fn; on failure saves a FAILED-<name> screenshot, then rethrows. */
  guard<T>(name: string, fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens the workbench in a fresh browser and waits until it has rendered. */
export async function openWorkbench(options: { folder?: string } = {}): Promise<Workbench> {
  const base = process.env.E2E_URL;
  if (!base) throw new Error('E2E_URL is not set: run the e2e tests with `npm run test:e2e`');
  const target = new URL(base);
  // code-server opens whichever folder the URL names, so a spec can use its own workspace.
  if (options.folder) target.searchParams.set('folder', options.folder);
  const url = target.toString();
  const theme = process.env.E2E_THEME ?? 'light';
  const shots = process.env.E2E_SCREENSHOTS ?? path.join('test-results', 'screenshots', theme);
  fs.mkdirSync(shots, { recursive: true });
  // Shared with npm start and the integration runner: one place for Chromium's path and flags.
  const { launchBrowser } = await import('../../scripts/lib/code-server.mjs');
  const browser = await launchBrowser();
  const { page } = browser;
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(url);
  await page.locator(SELECTORS.workbench).waitFor();
  await page.locator('.activitybar').waitFor();
  const screenshot = async (name: string) => {
    const file = path.join(shots, `${name.replace(/[^\w.-]+/g, '-')}.png`);
    await page.screenshot({ path: file });
    return file;
  };
  return {
    page,
    theme,
    screenshot,
    async guard(name, fn) {
      try {
        return await fn();
      } catch (err) {
        await screenshot(`FAILED-${name}`).catch(() => undefined);
        throw err;
      }
    },
    close: () => browser.close(),
  };
}

/** Clicks the activity-bar item whose title starts with `title` (unless it is already open:
 *  clicking the active item would close the sidebar), and waits for its view container. */
export async function openActivityBarItem(page: Page, title: string): Promise<void> {
  const item = page.locator(SELECTORS.activityBarItem(title));
  await item.waitFor();
  const checked = await item.evaluate((a) => a.closest('.action-item')?.classList.contains('checked') ?? false);
  if (!checked) await item.click();
  await page.locator(SELECTORS.sidebarTitle, { hasText: title }).waitFor();
}

/** The sidebar tree row labelled `label`. Rows' aria-labels are the item label, or for items with
 *  accessibility information "label, status…", so both forms match. */
export function treeRow(page: Page, label: string): Locator {
  return page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}:is([aria-label=${css(label)}], [aria-label^=${css(`${label}, `)}])`).first();
}

/** Expands a tree row (no-op if already expanded) and waits until it reports expanded. The row is
 *  re-resolved on every poll: the tree re-renders rows as a connector's status changes. */
export async function expandRow(row: Locator): Promise<void> {
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) !== 'true') {
    await row.locator(SELECTORS.twistie).click();
  }
  await waitUntil(
    () => row.getAttribute('aria-expanded').catch(() => null),
    (v) => v === 'true',
    'the row to expand',
  );
}

/** Collapses a tree row (no-op if already collapsed): e.g. a group that would push rows out of view. */
export async function collapseRow(row: Locator): Promise<void> {
  await row.waitFor();
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator(SELECTORS.twistie).click();
  await waitUntil(
    () => row.getAttribute('aria-expanded').catch(() => null),
    (v) => v === 'false',
    'the row to collapse',
  );
}

/** Labels of the direct children of the sidebar row labelled `parent`, in tree order. Only
 *  rendered rows count (the list is virtual); the sidebar is tall enough for a few dozen. */
export async function childLabels(page: Page, parent: string): Promise<string[]> {
  const rows = await page.locator(`${SELECTORS.sidebar} ${SELECTORS.listRow}`).evaluateAll((els) =>
    els
      .map((el) => ({
        index: Number(el.getAttribute('data-index')),
        level: Number(el.getAttribute('aria-level')),
        aria: el.getAttribute('aria-label') ?? '',
        label: el.querySelector('.label-name')?.textContent?.trim() ?? '',
      }))
      .sort((a, b) => a.index - b.index),
  );
  const at = rows.findIndex((r) => r.label === parent || r.aria === parent || r.aria.startsWith(`${parent}, `));
  if (at < 0) return [];
  const children: string[] = [];
  for (const r of rows.slice(at + 1)) {
    if (r.level <= rows[at].level) break;
    if (r.level === rows[at].level + 1) children.push(r.label);
  }
  return children;
}

/** Polls `probe` until `done(value)` holds; returns the last value. */
export async function waitUntil<T>(probe: () => Promise<T>, done: (v: T) => boolean, what: string, timeout = TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeout;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout / 1000} s waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
    value = await probe();
  }
  return value;
}

/** Waits until the row `parent` shows exactly `count` children (or any if count is omitted). */
export function waitForChildren(page: Page, parent: string, count?: number): Promise<string[]> {
  return waitUntil(
    () => childLabels(page, parent),
    (c) => (count === undefined ? c.length > 0 : c.length === count),
    `${count ?? 'some'} children under "${parent}"`,
  );
}

/** Opens the command palette (F1), types `title` and runs the matching command with Enter. */
export async function runCommand(page: Page, title: string): Promise<void> {
  // Only a visible palette counts (a closed picker stays in the DOM, inert); a keypress that
  // lands while the workbench is still settling focus is simply tried again.
  const box = page.locator(`${SELECTORS.quickInputBox}:visible`);
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('F1');
    try {
      await box.waitFor({ timeout: 5_000 });
      break;
    } catch (err) {
      if (attempt >= 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
  await box.fill(`>${title}`);
  // Enter runs the first row: wait until that is the command, not a stale or recent entry.
  await page.locator(SELECTORS.quickInputRow).first().filter({ hasText: title }).waitFor();
  await page.keyboard.press('Enter');
}

/** The visible QuickInput's title (wizards use it for the step, e.g. "Add Connector (2/4)"). */
export async function quickInputTitle(page: Page): Promise<string> {
  await page.locator(SELECTORS.quickInput).waitFor({ state: 'visible' });
  return ((await page.locator(SELECTORS.quickInputTitle).textContent()) ?? '').trim();
}

/** Waits until the visible QuickInput's title matches, e.g. the first step of a wizard (the command
 *  palette that started it uses the same widget, without a title). */
export function waitForQuickInputTitle(page: Page, title: RegExp): Promise<string> {
  return waitUntil(
    () => quickInputTitle(page).catch(() => ''),
    (t) => title.test(t),
    `a QuickInput titled ${title}`,
  );
}

/** Waits until the QuickInput shows a step other than `previousTitle` (wizards reuse the widget).
 *  If the step doesn't change because the InputBox refused the value, the error says why. */
export async function waitForNextStep(page: Page, previousTitle: string): Promise<string> {
  try {
    return await waitUntil(
      () => quickInputTitle(page).catch(() => previousTitle),
      (t) => t !== previousTitle,
      `the step after "${previousTitle}"`,
    );
  } catch (err) {
    const validation = await page
      .locator(SELECTORS.quickInputMessage)
      .textContent({ timeout: 1_000 })
      .catch(() => '');
    if (validation?.trim()) (err as Error).message += `; the QuickInput says: ${validation.trim()}`;
    throw err;
  }
}

/** Types `text` into the visible InputBox and accepts it. Fails with the validation message if
 *  the box refuses the value. */
export async function answerInputBox(page: Page, text: string): Promise<void> {
  const box = page.locator(`${SELECTORS.quickInputBox}:visible`);
  await box.waitFor();
  await box.fill(text);
  await page.keyboard.press('Enter');
}

/** Labels of the items in the visible QuickPick (each row's first label; its detail line is a
 *  second icon label, which is left out). */
export async function quickPickLabels(page: Page): Promise<string[]> {
  const rows = page.locator(`${SELECTORS.quickInputRow}:visible`);
  await rows.first().waitFor();
  return rows.evaluateAll((rows) => rows.map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? ''));
}

/** Picks the QuickPick item whose label starts with `label`. Only the visible widget counts: a
 *  picker that just closed can linger hidden in the DOM with rows of its own. */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  const row = page
    .locator(`${SELECTORS.quickInputRow}:visible`)
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }) })
    .first();
  try {
    await row.waitFor({ timeout: 10_000 });
  } catch {
    const labels = await quickPickLabels(page).catch(() => [] as string[]);
    throw new Error(`no QuickPick item starting with "${label}" in: ${labels.join(' | ')}`);
  }
  await row.click();
}

/** Opens the context menu of a tree row and clicks the item whose label starts with `item`. */
export async function contextMenu(row: Locator, item: string): Promise<void> {
  const page = row.page();
  await row.click({ button: 'right' });
  const entry = page
    .locator(SELECTORS.contextMenuItem)
    .filter({ hasText: new RegExp(`^\\s*${escapeRegExp(item)}`) })
    .first();
  await entry.waitFor();
  // VS Code's menu ignores mouse-ups for its first 100 ms (so the right-click's own release can't
  // pick an item), and a fast click lands in that window. Click until the menu closes.
  for (let attempt = 0; ; attempt++) {
    await entry.click();
    try {
      await entry.waitFor({ state: 'hidden', timeout: 1_000 });
      return;
    } catch (err) {
      if (attempt >= 4) throw err;
    }
  }
}

/** Clicks the button labelled `label` in the modal dialog (window.showWarningMessage({ modal: true }))
 *  and waits for the dialog to close. Returns the dialog's message text. */
export async function clickDialogButton(page: Page, label: string): Promise<string> {
  const dialog = page.locator(SELECTORS.dialog);
  await dialog.waitFor({ state: 'visible' });
  const message = (
    (await dialog
      .locator('.dialog-message-text')
      .textContent()
      .catch(() => '')) ?? ''
  ).trim();
  await page
    .locator(SELECTORS.dialogButton, { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) })
    .first()
    .click();
  await dialog.waitFor({ state: 'hidden' });
  return message;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Hovers a tree row's label the way a mouse does (several moves: VS Code's hover waits for
 *  real mouse movement) and returns the hover widget once it shows. */
export async function hoverRow(row: Locator): Promise<Locator> {
  const page = row.page();
  const box = await row.locator('.label-name').boundingBox();
  if (!box) throw new Error('the row is not visible');
  await page.mouse.move(box.x + 4, box.y + 4, { steps: 5 });
  await page.mouse.move(box.x + 10, box.y + 6, { steps: 5 });
  const hover = page.locator('.workbench-hover-container .workbench-hover').last();
  await hover.waitFor();
  return hover;
}

/** Text as a person reads it: VS Code renders spaces in editors as non-breaking ones. */
export function plainText(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** Collapses a sidebar view section (e.g. "Connectors") so the views below it get the room. */
/** Expands a sidebar view by its header (no-op if already expanded). */
export async function expandView(page: Page, view: string): Promise<void> {
  const header = page.locator(SELECTORS.paneHeader(view));
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  await waitUntil(
    () => header.getAttribute('aria-expanded'),
    (v) => v === 'true',
    `the ${view} view to expand`,
  );
}

export async function collapseView(page: Page, view: string): Promise<void> {
  const header = page.locator(SELECTORS.paneHeader(view));
  await header.waitFor();
  if ((await header.getAttribute('aria-expanded')) === 'true') await header.click();
  await waitUntil(
    () => header.getAttribute('aria-expanded'),
    (v) => v === 'false',
    `the ${view} view to collapse`,
  );
}
