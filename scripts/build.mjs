// Bundles the extension and the CLI with esbuild (separate entries), the chat webview for the
// browser (dist/webview/: chat.js, chat.css, and the codicon font it uses), and writes the JSON
// Schema of the connectors file from the zod schema so editors validate it. --release minifies and
// drops sourcemaps; --watch rebuilds on change.
// --cli-only --outdir DIR writes only the CLI's two bundles (cli.js, builtins.js) to DIR: what the
// npm package ships (scripts/pack-cli.mjs), built without touching dist/.
import * as esbuild from 'esbuild';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const release = process.argv.includes('--release');
const watch = process.argv.includes('--watch');
const cliOnly = process.argv.includes('--cli-only');
const outdirAt = process.argv.indexOf('--outdir');
const outdir = outdirAt > 0 ? process.argv[outdirAt + 1] : 'dist';
if (!outdir || outdir.startsWith('--')) throw new Error('build: --outdir needs a folder');
if (outdirAt > 0 && !cliOnly) throw new Error('build: --outdir goes with --cli-only (the full build writes dist/)');
if (cliOnly && watch) throw new Error('build: --cli-only does not watch');
/** The root package's version, stamped into the CLI for --version (also when not run by npm). */
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

/** What every bundle shares: minified without sourcemaps for a release, readable otherwise. */
const output = {
  bundle: true,
  minify: release,
  sourcemap: release ? false : 'linked',
  sourcesContent: false,
  legalComments: release ? 'none' : 'inline',
  logLevel: 'warning',
  metafile: true,
};

/** @type {import('esbuild').BuildOptions} */
const common = {
  ...output,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's 'main' is a UMD build that esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // @mistralai/mistralai loads its optional OpenTelemetry tracing with a guarded dynamic import;
  // leaving the (uninstalled) peer @opentelemetry/api unresolved makes that import fail at run
  // time, so tracing stays off as the SDK intends, instead of failing the build.
  external: ['@opentelemetry/api'],
};

/**
 * zod's error-message translations (~260 KiB) are reachable only through `z.locales`, which the
 * webview never uses (zod installs English itself); leaving them out keeps chat.js small.
 */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

/**
 * The built-in connectors' servers (Octokit, an HTML parser, …) are a bundle of their own,
 * dist/builtins.js: the extension and the CLI import it dynamically on a built-in's first
 * connect, so activation does not parse a megabyte it may never use.
 */
const BUILTINS_ENTRY = 'src/core/builtins/builtinServers.ts';
const splitBuiltins = {
  name: 'split-builtins',
  setup(build) {
    build.onResolve({ filter: /builtinServers(\.js)?$/ }, (args) => (args.kind === 'dynamic-import' ? { path: './builtins.js', external: true } : undefined));
  },
};

/** The chat webview runs in VS Code's browser frame under a strict CSP: no Node, no eval. */
const webview = {
  ...output,
  platform: 'browser',
  target: 'es2022',
  format: 'iife',
  outdir: 'dist/webview',
  entryPoints: { chat: 'src/webview/main.ts' },
  plugins: [noZodLocales],
};

/** The CLI and the built-ins it imports from beside itself (`./builtins.js`). */
const cliEntries = [
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir,
    banner: { js: '#!/usr/bin/env node' },
    define: { __VERSION__: JSON.stringify(version) },
    plugins: [splitBuiltins],
  },
  // fdir (tinyglobby's walker, used by the workspace connector) is ESM that calls
  // createRequire(import.meta.url) as it loads; in a CJS bundle import.meta is empty and that
  // throws, so the bundle hands it its own file URL.
  {
    ...common,
    entryPoints: { builtins: BUILTINS_ENTRY },
    outdir,
    define: { 'import.meta.url': '__bundleFileUrl' },
    banner: { js: "var __bundleFileUrl = require('node:url').pathToFileURL(__filename).href;" },
  },
];

const entries = cliOnly
  ? cliEntries
  : [
      { ...common, entryPoints: { extension: 'src/extension.ts' }, outdir: 'dist', external: ['vscode', ...common.external], plugins: [splitBuiltins] },
      ...cliEntries,
      webview,
      { ...webview, entryPoints: { chat: 'src/webview/chat.css' }, plugins: [], sourcemap: false },
    ];

/** The codicon font, next to chat.css; codicon.css finds codicon.ttf by a relative URL. */
async function copyCodicons() {
  await mkdir('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) await copyFile(`node_modules/@vscode/codicons/dist/${file}`, `dist/webview/${file}`);
}

async function writeSchema() {
  // Bundle the schema module to a temporary CommonJS file so this script needs no TypeScript loader.
  const tmp = '.cache/build/json-schema.cjs';
  await mkdir('.cache/build', { recursive: true });
  await esbuild.build({ entryPoints: ['src/core/connectors/jsonSchema.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: tmp, logLevel: 'warning' });
  const { connectorsFileJsonSchema } = createRequire(import.meta.url)(resolve(tmp));
  await mkdir('dist', { recursive: true });
  await writeFile('dist/connectors.schema.json', JSON.stringify(connectorsFileJsonSchema(), null, 2) + '\n');
}

if (watch) {
  for (const options of entries) await (await esbuild.context(options)).watch();
  await writeSchema();
  await copyCodicons();
  console.log('watching src/ …');
} else {
  const results = await Promise.all(entries.map((e) => esbuild.build(e)));
  // Executable, so the `bin` runs by its shebang whether npm linked it or not.
  await chmod(join(outdir, 'cli.js'), 0o755);
  if (!cliOnly) {
    await writeSchema();
    await copyCodicons();
  }
  for (const r of results) {
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (/\.(js|css)$/.test(file)) console.log(`${file.padEnd(24)} ${(info.bytes / 1024).toFixed(0).padStart(6)} KiB`);
    }
  }
}
