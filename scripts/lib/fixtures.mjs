// Fixture servers as child processes (the GitHub REST and supply-chain fixtures under
// test/fixtures/), for runs where the extension under test lives in another process and is
// pointed at them through CONNECTOR_AUDITOR_*_URL. Each prints one "listening on URL" line.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './code-server.mjs';

/** Starts `file` (relative to the repo) with tsx and resolves with its URL once it listens. */
export function startFixture(file) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, file), '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`${file} did not start within 30 s`));
    }, 30_000);
    child.stdout.setEncoding('utf8').on('data', (s) => {
      out += s;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', () => r()), child.kill()))) });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with code ${code} before listening`));
    });
  });
}
