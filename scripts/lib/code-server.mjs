// Shared plumbing for running the extension in a real VS Code on this machine:
// code-server (VS Code in the browser, from npm) plus Debian's Chromium driven by playwright-core.
// Used by `npm start`, the integration runner and the e2e runner. See DESIGN.md, "Facts checked".
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(repoRoot, '.cache', 'vscode-server');

/** Settings that keep a fresh profile quiet: no welcome page, walkthroughs, tips, update or telemetry
 *  prompts, chat/AI panels, or recommendations. Callers add their own (e.g. the theme) on top. */
export const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'git.autoRepositoryDetection': false,
  'editor.accessibilitySupport': 'off',
};

/** Settings the automated runs (e2e, integration) add: the start-consent modal would stop every
 *  test that starts a stdio connector, so it is off there and test/e2e/consent.e2e.ts turns it on.
 *  Not in QUIET_SETTINGS: `npm start` shows the question a person gets. */
export const TEST_SETTINGS = {
  'connectorAuditor.security.confirmServerStart': false,
};

export const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

/** Runs scripts/setup-code-server.sh (idempotent, fast when cached) and returns the Node 24 binary
 *  and code-server's entry script it prepared. Throws if setup fails. Runs once per process. */
let ensured;
export function ensureCodeServer() {
  return (ensured ??= runSetup());
}

function runSetup() {
  const setup = spawnSync('bash', [join(repoRoot, 'scripts', 'setup-code-server.sh')], {
    // setup's npm output goes to stderr too, so our stdout stays clean for callers that parse it.
    stdio: ['ignore', 2, 2],
  });
  if (setup.status !== 0) throw new Error(`scripts/setup-code-server.sh failed (exit ${setup.status ?? setup.signal})`);
  // env.sh is the setup script's contract: PATH with node24's bin first, and CODE_SERVER_BIN.
  const envSh = readFileSync(join(cacheDir, 'env.sh'), 'utf8');
  const nodeBinDir = /export PATH="([^":]+):/.exec(envSh)?.[1];
  const entry = /export CODE_SERVER_BIN="([^"]+)"/.exec(envSh)?.[1];
  if (!nodeBinDir || !entry) throw new Error(`cannot parse ${join(cacheDir, 'env.sh')}`);
  const nodeBin = join(nodeBinDir, 'node');
  if (!existsSync(nodeBin) || !existsSync(entry)) throw new Error('code-server setup is incomplete; delete .cache/vscode-server and rerun');
  return { nodeBin, nodeBinDir, entry };
}

/** Installs one VSIX (or an array of them) into the given profile dirs with code-server's CLI. */
export function installVsix({ vsix, userDataDir, extensionsDir }) {
  const { nodeBin, entry } = ensureCodeServer();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const installs = [vsix].flat().flatMap((v) => ['--install-extension', resolve(v)]);
  const r = spawnSync(nodeBin, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...installs, '--force'], { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`installing ${vsix} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Copies sample-workspace to <dir>/sample-workspace, so tests can change it freely, and returns that path.
 * The sample's connectors.json starts server-everything from "../node_modules/…" (relative to the
 * workspace), so <dir>/node_modules is linked to the repo's node_modules to keep that path working.
 */
export function copySampleWorkspace(dir) {
  const workspace = join(dir, 'sample-workspace');
  cpSync(join(repoRoot, 'sample-workspace'), workspace, { recursive: true });
  if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return workspace;
}

/** A TCP port nobody is listening on right now (the OS picks it). */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** True if `port` on 127.0.0.1 can be bound (used by `npm start` to honour PORT/8080 when possible). */
export function portIsFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

/**
 * Starts code-server on 127.0.0.1 opening `folder`, and resolves once its HTTP server answers.
 * `settings` (merged over QUIET_SETTINGS) are written to <userDataDir>/User/settings.json first;
 * with keepSettings, an existing settings.json is left alone (npm start keeps a person's changes).
 * `env` is added to the server's environment; the extension host inherits it (that's how tests pass
 * CONNECTOR_AUDITOR_HOME and result paths to code running in the extension host).
 * The server runs in its own process group so stop() also ends the extension host and anything
 * it spawned (MCP servers over stdio).
 * With workspaceTrust, workspace trust works as it does for people (no --disable-workspace-trust,
 * the trust setting on): the folder opens in Restricted Mode until trusted.
 */
export async function startCodeServer({
  folder,
  userDataDir,
  extensionsDir,
  env = {},
  settings = {},
  keepSettings = false,
  port,
  logFile,
  workspaceTrust = false,
}) {
  const { nodeBin, nodeBinDir, entry } = ensureCodeServer();
  port ??= await freePort();
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settingsFile = join(userDataDir, 'User', 'settings.json');
  if (!keepSettings || !existsSync(settingsFile)) {
    const trust = workspaceTrust ? { 'security.workspace.trust.enabled': true } : {};
    writeFileSync(settingsFile, JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...settings }, null, 2));
  }

  logFile ??= join(userDataDir, 'code-server.log');
  const log = createWriteStream(logFile, { flags: 'a' });
  const args = [
    entry,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    folder,
  ];
  const child = spawn(nodeBin, args, {
    detached: true, // own process group, see stop()
    stdio: ['ignore', 'pipe', 'pipe'],
    // Node 24 first on PATH: code-server and its extension host need it. VSCODE_* variables from
    // a surrounding VS Code terminal would confuse the server, so drop them.
    env: { ...withoutVscodeVars(process.env), PATH: `${nodeBinDir}:${process.env.PATH}`, ...env },
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  const exitPromise = new Promise((res) =>
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      res();
    }),
  );

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited early (${exited.code ?? exited.signal}); log: ${logFile}\n${tail(logFile)}`);
    try {
      const r = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      killGroup(child.pid, 'SIGKILL');
      throw new Error(`code-server did not answer on ${url} within 60 s; log: ${logFile}\n${tail(logFile)}`);
    }
    await sleep(250);
  }

  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      if (!exited) {
        killGroup(child.pid, 'SIGTERM');
        await Promise.race([exitPromise, sleep(5_000)]);
      }
      // Stragglers in the group (extension host, MCP servers) get no second chance.
      killGroup(child.pid, 'SIGKILL');
      log.end();
    })());
  return { url, port, pid: child.pid, logFile, stop, exited: exitPromise };
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

function withoutVscodeVars(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(VSCODE_|ELECTRON_RUN_AS_NODE$)/.test(k)));
}

function tail(file, lines = 20) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export const VIEWPORT = { width: 1400, height: 900 };
export const CHROMIUM = '/usr/bin/chromium';
// DESIGN.md's flags, plus --disable-dev-shm-usage: containers often give /dev/shm only 64 MB,
// which crashes Chromium's renderer on a page as big as the workbench.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];

/** Headless Debian Chromium through playwright-core, with one 1400x900 page ready.
 *  Returns { browser, context, page, close() }. */
export async function launchBrowser({ headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found; run npm run setup:code-server`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  return { browser, context, page, close: () => browser.close() };
}
