// Entry point of the integration suites, run inside a real VS Code extension host.
// - @vscode/test-electron (scripts/run-desktop-tests.mjs) loads this as extensionTestsPath and calls run().
// - The code-server runner (scripts/run-integration.mjs) calls runSuites() from a small runner
//   extension and writes the returned report to a file.
// The suites are the *.test.js files next to this file once bundled (scripts/lib/integration-bundle.mjs).
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export interface TestOutcome {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

export interface SuiteReport {
  passes: number;
  failures: number;
  pending: number;
  tests: TestOutcome[];
  /** Human-readable, spec-reporter-like output. */
  output: string;
}

/** Runs every suite and resolves with a report; never rejects for failing tests. */
export async function runSuites(): Promise<SuiteReport> {
  // Stack traces through the bundles' inline sourcemaps (applies to files loaded from now on).
  process.setSourceMapsEnabled?.(true);
  const report: SuiteReport = { passes: 0, failures: 0, pending: 0, tests: [], output: '' };
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  mocha.reporter(collectingReporter(report));
  for (const file of fs
    .readdirSync(__dirname)
    .filter((f) => /\.test\.[jt]s$/.test(f))
    .sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  await mocha.loadFilesAsync();
  await new Promise<void>((resolve) => mocha.run(() => resolve()));
  return report;
}

/** The @vscode/test-electron contract: resolve when all passed, reject otherwise. */
export async function run(): Promise<void> {
  const report = await runSuites();
  if (report.failures > 0) throw new Error(`${report.failures} integration test(s) failed`);
}

/** A reporter that prints like mocha's "spec" reporter (to the console, which test-electron shows)
 *  and also fills `report`, because the code-server extension host's console is not ours to read. */
function collectingReporter(report: SuiteReport) {
  const { EVENT_SUITE_BEGIN, EVENT_SUITE_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  return class CollectingReporter extends Mocha.reporters.Base {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      const lines: string[] = [];
      const failed: { title: string; err: Error }[] = [];
      let depth = 0;
      const say = (line: string) => {
        lines.push(line);
        console.log(line);
      };
      const indent = () => '  '.repeat(depth);
      runner.on(EVENT_SUITE_BEGIN, (suite: Mocha.Suite) => {
        if (!suite.root) say(`${indent()}${suite.title}`);
        depth++;
      });
      runner.on(EVENT_SUITE_END, () => {
        depth--;
      });
      runner.on(EVENT_TEST_PASS, (test: Mocha.Test) => {
        report.passes++;
        report.tests.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration });
        say(`${indent()}✓ ${test.title} (${test.duration ?? 0} ms)`);
      });
      runner.on(EVENT_TEST_PENDING, (test: Mocha.Test) => {
        report.pending++;
        report.tests.push({ title: test.fullTitle(), state: 'pending' });
        say(`${indent()}- ${test.title} (skipped)`);
      });
      runner.on(EVENT_TEST_FAIL, (test: Mocha.Test, err: Error) => {
        report.failures++;
        failed.push({ title: test.fullTitle(), err });
        report.tests.push({ title: test.fullTitle(), state: 'failed', error: err?.stack ?? String(err) });
        say(`${indent()}✗ ${failed.length}) ${test.title}`);
      });
      runner.once(EVENT_RUN_END, () => {
        say('');
        say(`  ${report.passes} passing, ${report.failures} failing, ${report.pending} pending`);
        failed.forEach(({ title, err }, i) => {
          say('');
          say(`  ${i + 1}) ${title}:`);
          say(String(err?.stack ?? err).replace(/^/gm, '     '));
        });
        report.output = lines.join('\n');
      });
    }
  };
}
