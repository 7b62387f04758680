// The Auditor Chat as a person drives it: its webview lives in two nested iframes
// (iframe.webview → iframe#active-frame); everything here finds the chat's frame and talks to
// the DOM the webview draws (src/webview). When the webview's markup changes, fix it here.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Frame, Locator, Page } from 'playwright-core';
import { SELECTORS, TIMEOUT, waitUntil } from './workbench';

export const CHAT = {
  header: '.chat-header',
  modelButton: 'button.model-button',
  modeButton: 'button.mode-button',
  modeLabel: 'button.mode-button .mode-label',
  studioChip: (kind: string) => `.studio-chip[data-kind=${JSON.stringify(kind)}]`,
  chip: '.connector-chip',
  newChat: 'button.new-chat',
  history: 'button.history',
  emptyState: '.empty-state',
  auditButton: 'button.audit-repository',
  composer: '.composer textarea',
  send: 'button.send',
  stop: 'button.stop',
  user: '.message.user',
  assistant: '.message.assistant',
  toolCard: (tool: string) => `.tool-card[data-tool=${JSON.stringify(tool)}]`,
  anyToolCard: '.tool-card',
  notice: '.notice',
  error: '.error-item',
  report: '.report-card',
  verdict: '.report-card .verdict-badge',
  openReport: 'button.open-report',
  saveReport: 'button.save-report',
  undetermined: '.undetermined',
  auditWorkspace: 'button.audit-workspace',
  auditDependencies: 'button.audit-dependencies',
  evidenceRules: '.report-card .evidence-rules',
  checks: '.report-card details.evidence-checks',
  notChecked: '.report-card .not-checked',
  locationLink: '.report-card button.location-link',
};

/** The chat's frame: the one webview frame that has drawn the chat header. */
export async function chatFrame(page: Page, timeout = TIMEOUT): Promise<Frame> {
  let found: Frame | undefined;
  await waitUntil(
    async () => {
      for (const frame of page.frames()) {
        if (frame.name() !== 'active-frame' && !frame.url().includes('fake.html')) continue;
        if (
          await frame
            .locator(CHAT.header)
            .count()
            .catch(() => 0)
        )
          return (found = frame);
      }
      return undefined;
    },
    (f) => f !== undefined,
    'the Auditor Chat webview',
    timeout,
  );
  return found!;
}

/** New Chat from the chat view's title bar (in the sidebar the webview leaves it to the title bar). */
export async function newChat(page: Page, frame: Frame): Promise<void> {
  const header = page.locator(SELECTORS.paneHeader('Auditor Chat'));
  await header.hover();
  await header.locator('.actions a.action-label[aria-label^="New Chat"]').click();
  await frame.locator(CHAT.emptyState).waitFor();
}

/** A card's state, from its data-state attribute. */
export function cardState(frame: Frame, tool: string): Promise<string | null> {
  return frame.locator(CHAT.toolCard(tool)).last().getAttribute('data-state');
}

export async function waitForCardState(frame: Frame, tool: string, state: string): Promise<void> {
  await waitUntil(
    () => cardState(frame, tool).catch(() => null),
    (s) => s === state,
    `the ${tool} card to be ${state}`,
  );
}

export async function send(frame: Frame, text: string): Promise<void> {
  const box = frame.locator(CHAT.composer);
  await box.click();
  await box.fill(text);
  await box.press('Enter');
}

export function lastAssistant(frame: Frame): Locator {
  return frame.locator(CHAT.assistant).last();
}

/** Points the extension at the fake OpenAI-compatible model through the user settings. */
export function useFakeModel(baseUrl: string): void {
  // The person's own settings: a model URL from the workspace's settings would be asked about
  // first (workspaceModelUrl.ts), which is not what these tests are about.
  const file = process.env.E2E_USER_SETTINGS;
  if (!file) throw new Error('run-e2e sets E2E_USER_SETTINGS');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(
    file,
    JSON.stringify(
      { ...current, 'connectorAuditor.model.provider': 'openai', 'connectorAuditor.model.baseUrl': baseUrl, 'connectorAuditor.model.name': 'fake-auditor' },
      null,
      2,
    ),
  );
}

/** No model configured: the model settings other tests wrote are taken out of the user settings. */
export function useNoModel(): void {
  const file = process.env.E2E_USER_SETTINGS;
  if (!file) throw new Error('run-e2e sets E2E_USER_SETTINGS');
  const current = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const kept = Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('connectorAuditor.model.')));
  writeFileSync(file, JSON.stringify(kept, null, 2));
}
