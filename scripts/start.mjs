// `npm start`: try the extension on the sample workspace, no API key needed.
// - With a desktop VS Code (`code` on PATH): an Extension Development Host on sample-workspace.
// - Otherwise (servers, containers, CI boxes): code-server with the packaged VSIX installed,
//   served on http://127.0.0.1:PORT (PORT env, else 8080, else any free port); open the printed
//   URL in a browser (forward the port when remote). Ctrl+C stops it.
// Options: --code-server  use code-server even if `code` is available
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ensureCodeServer, freePort, installVsix, portIsFree, repoRoot, startCodeServer } from './lib/code-server.mjs';

const workspace = join(repoRoot, 'sample-workspace');

const pkg = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'package.mjs')], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
if (pkg.status !== 0) process.exit(pkg.status || 1);
const vsix = pkg.stdout.trim().split('\n').pop();

const hasDesktopCode = !process.argv.includes('--code-server') && spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0;
if (hasDesktopCode) {
  // The development host loads dist/ directly; a dev build adds sourcemaps for debugging.
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status || 1);
  console.log(`Opening ${workspace} in VS Code with the extension from ${repoRoot}`);
  const code = spawn('code', [`--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit' });
  code.on('exit', (c) => process.exit(c ?? 0));
} else {
  ensureCodeServer();
  const dir = join(repoRoot, '.cache', 'start');
  const userDataDir = join(dir, 'user-data');
  const extensionsDir = join(dir, 'extensions');
  installVsix({ vsix, userDataDir, extensionsDir });

  const wanted = Number(process.env.PORT ?? 8080);
  const port = (await portIsFree(wanted)) ? wanted : await freePort();
  if (port !== wanted) console.log(`port ${wanted} is busy; using ${port}`);
  const server = await startCodeServer({
    folder: workspace,
    userDataDir,
    extensionsDir,
    port,
    keepSettings: true,
    settings: { 'workbench.colorTheme': 'Default Dark Modern' },
  });

  const line = '='.repeat(64);
  console.log(
    `\n${line}\n  Connector Auditor is running in VS Code (code-server):\n\n      ${server.url}/\n\n` +
      `  Open it in a browser, then click the Connector Auditor icon in the activity bar.\n` +
      `  Log: ${server.logFile}\n  Press Ctrl+C to stop.\n${line}\n`,
  );

  let stopping = false;
  const shutdown = async (signal) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping code-server…`);
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGHUP', () => void shutdown('SIGHUP'));
  await server.exited;
  if (!stopping) {
    console.error(`code-server exited unexpectedly; see ${server.logFile}`);
    process.exit(1);
  }
}
