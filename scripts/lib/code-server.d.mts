// Types for code-server.mjs, so TypeScript callers (test/e2e) can import it under `tsc --noEmit`.
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const repoRoot: string;
export const QUIET_SETTINGS: Record<string, unknown>;
export const TEST_SETTINGS: Record<string, unknown>;
export const THEMES: { light: string; dark: string };
export const VIEWPORT: { width: number; height: number };
export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];

export function ensureCodeServer(): { nodeBin: string; nodeBinDir: string; entry: string };
export function installVsix(opts: { vsix: string | string[]; userDataDir: string; extensionsDir: string }): void;
export function copySampleWorkspace(dir: string): string;
export function freePort(): Promise<number>;
export function portIsFree(port: number): Promise<boolean>;
export function startCodeServer(opts: {
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  env?: Record<string, string>;
  settings?: Record<string, unknown>;
  keepSettings?: boolean;
  port?: number;
  logFile?: string;
  workspaceTrust?: boolean;
}): Promise<{ url: string; port: number; pid: number; logFile: string; stop(): Promise<void>; exited: Promise<void> }>;
export function launchBrowser(opts?: { headless?: boolean }): Promise<{
  browser: Browser;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}>;
export function sleep(ms: number): Promise<void>;
