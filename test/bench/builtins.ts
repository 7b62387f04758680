// What a GitHub-backed audit costs in rate limit: one full audit of the fixture repository
// through the real CLI (in-process), then the same audit again. GitHub does not count 304 Not
// Modified against the limit, so the second audit should cost 0 requests answered 200.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { auditScript, FULL_AUDIT_TOOL_CALLS } from '../fixtures/auditScript';
import { startFakeModel } from '../fixtures/fakeModel/server';
import { startGitHubFixture } from '../fixtures/github/server';
import { startSupplyChainFixture } from '../fixtures/supplyChain/server';

export async function benchBuiltins(): Promise<void> {
  const [github, supply, model] = await Promise.all([
    startGitHubFixture(),
    startSupplyChainFixture(),
    startFakeModel(auditScript(FULL_AUDIT_TOOL_CALLS), { dialect: 'openai' }),
  ]);
  const home = mkdtempSync(join(tmpdir(), 'ca-bench-builtins-'));
  const env = {
    PATH: process.env.PATH,
    CONNECTOR_AUDITOR_HOME: home,
    CONNECTOR_AUDITOR_GITHUB_API_URL: github.url,
    CONNECTOR_AUDITOR_OSV_URL: supply.url,
    CONNECTOR_AUDITOR_DEPS_DEV_URL: supply.url,
    CONNECTOR_AUDITOR_SCORECARD_URL: supply.url,
    OPENAI_API_KEY: 'sk-bench-0123456789',
  };
  const argv = [
    'audit',
    'acme/widget',
    '--provider',
    'openai',
    '--base-url',
    model.baseUrl,
    '--model',
    'fake-auditor',
    '--connectors',
    'github,supply_chain',
    '--format',
    'json',
  ];
  const run = async (label: string) => {
    const before = github.counts();
    const t = performance.now();
    let err = '';
    const code = await main(argv, { out: () => {}, err: (s) => (err += s), env, cwd: home, tty: { stdin: false, stderr: false } });
    const ms = performance.now() - t;
    const after = github.counts();
    if (code !== 0) throw new Error(`audit exited ${code}: ${err}`);
    console.log(
      `${label.padEnd(58)} ${String(after.ok200 - before.ok200).padStart(3)} × 200, ${String(after.notModified304 - before.notModified304).padStart(3)} × 304  (${ms.toFixed(0)} ms)`,
    );
  };
  try {
    console.log(`GitHub requests of one audit (${FULL_AUDIT_TOOL_CALLS.length} tool calls; target for the repeat: 0 × 200)`);
    await run('first audit of acme/widget');
    await run('the same audit again');
  } finally {
    await Promise.all([github.close(), supply.close(), model.close()]);
    rmSync(home, { recursive: true, force: true });
  }
}
