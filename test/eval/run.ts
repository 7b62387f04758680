/**
 * `npm run eval`: every case of test/eval/cases through the one agent loop, offline, and a table
 * of how the auditor did (README.md beside this file says how to read it and add a case).
 *
 *   npm run eval                                  the evidence rules alone (no model); exits 1 below the thresholds
 *   npm run eval -- --case request-2.88.2         one case (repeat --case for several)
 *   npm run eval -- --provider openai --base-url http://127.0.0.1:11434/v1 --model llama3.1 --model qwen2.5
 *                                                 the rules and each model side by side (Ollama, LM Studio, vLLM…)
 *   MISTRAL_API_KEY=… npm run eval -- --provider mistral --model mistral-medium-latest
 *   npm run eval -- --json                        the results as JSON on stdout
 *   npm run eval -- --verbose                     each case's reasons, checks and gaps as well
 */
import { createModelClient } from '../../src/core/agent/models';
import { chooseModel } from '../../src/cli/audit/modelChoice';
import { loadCases } from './cases';
import { meetsThresholds, RULES_BACKEND, runCase, summarise, type CaseResult, type EvalBackend } from './harness';
import { renderDetails, renderSummary, renderTable } from './table';

interface Args {
  provider?: 'openai' | 'mistral';
  baseUrl?: string;
  models: string[];
  cases: string[];
  json: boolean;
  verbose: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { models: [], cases: [], json: false, verbose: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--provider') {
      const p = value();
      if (p !== 'openai' && p !== 'mistral') throw new Error('--provider is openai or mistral');
      args.provider = p;
    } else if (a === '--base-url') args.baseUrl = value();
    else if (a === '--model') args.models.push(value());
    else if (a === '--case') args.cases.push(value());
    else if (a === '--json') args.json = true;
    else if (a === '--verbose') args.verbose = true;
    else throw new Error(`unknown argument ${a} (see the top of test/eval/run.ts)`);
  }
  return args;
}

function modelBackends(args: Args): EvalBackend[] {
  if (!args.provider && !args.baseUrl && !args.models.length) return [];
  const names = args.models.length ? args.models : [undefined];
  return names.map((model) => {
    const choice = chooseModel({ provider: args.provider, model, baseUrl: args.baseUrl }, process.env);
    const client = () => createModelClient(choice.config);
    return { label: model ?? client().id, kind: 'model' as const, client };
  });
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const cases = loadCases(undefined, args.cases);
  const backends = [RULES_BACKEND, ...modelBackends(args)];
  const results = new Map<string, CaseResult[]>(backends.map((b) => [b.label, []]));
  for (const c of cases) {
    for (const b of backends) {
      if (!args.json) process.stderr.write(`${c.id} (${b.label})…\n`);
      results.get(b.label)!.push(await runCase(c, b));
    }
  }
  const summaries = backends.map((b) => summarise(b.label, results.get(b.label)!));
  if (args.json) {
    const plain = [...results.entries()].map(([backend, list]) => ({
      backend,
      results: list.map(({ report: _report, evidence, ...r }) => ({ ...r, checks: evidence?.checks.map((x) => `${x.id}:${x.status}`) })),
    }));
    process.stdout.write(`${JSON.stringify({ summaries, runs: plain }, null, 2)}\n`);
  } else {
    process.stdout.write(`${renderTable(cases, backends, results)}\n\n${renderSummary(summaries)}\n`);
    if (args.verbose) process.stdout.write(`\n${renderDetails(results)}\n`);
  }
  // Only the rules-only run is held to the thresholds: a model's figures are for comparing models.
  const misses = meetsThresholds(summaries[0]);
  if (misses.length) {
    process.stderr.write(`\nThe rules-only run misses the thresholds: ${misses.join('; ')}.\n`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`eval: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
