// Checks what the packaged VSIX ships: no sources, tests, caches, scripts, sample workspace,
// node_modules, TypeScript or sourcemaps, only the four chat webview files under dist/webview/,
// and at most 3 MB in all. Prints the file list and size.
// Usage: node scripts/check-vsix.mjs [path/to.vsix]   (default .cache/connector-auditor.vsix)
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listZip } from './lib/zip.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const vsix = process.argv[2] ?? join(root, '.cache', 'connector-auditor.vsix');
const MAX_BYTES = 3 * 1024 * 1024;
const FORBIDDEN = [
  [/^(src|test|\.cache|node_modules|scripts|sample-workspace|test-results|media\/screenshots)\//, 'development folder'],
  [/(^|\/)node_modules\//, 'node_modules'],
  [/\.map$/, 'sourcemap'],
  [/\.[cm]?ts$/, 'TypeScript source'],
  [/^dist\/webview\/(?!(chat\.js|chat\.css|codicon\.css|codicon\.ttf)$)/, 'not one of the webview files (chat.js, chat.css, codicon.css, codicon.ttf)'],
];
/** The chat webview cannot draw without these. */
const REQUIRED = [
  'dist/extension.js',
  'dist/cli.js',
  'dist/builtins.js',
  'dist/webview/chat.js',
  'dist/webview/chat.css',
  'dist/webview/codicon.css',
  'dist/webview/codicon.ttf',
];

const size = statSync(vsix).size;
// Extension files live under extension/ inside the VSIX; the manifest files sit beside it.
const files = listZip(vsix).filter((e) => !e.name.endsWith('/'));
const problems = [];
for (const e of files) {
  const rel = e.name.replace(/^extension\//, '');
  const hit = FORBIDDEN.find(([re]) => re.test(rel));
  console.log(`  ${String(e.size).padStart(9)}  ${e.name}${hit ? `   <-- ${hit[1]}` : ''}`);
  if (hit) problems.push(`${e.name} (${hit[1]})`);
}
if (!files.some((e) => e.name === 'extension/package.json')) problems.push('extension/package.json missing');
for (const required of REQUIRED) if (!files.some((e) => e.name === `extension/${required}`)) problems.push(`extension/${required} missing`);
console.log(`${vsix}: ${files.length} files, ${(size / 1024).toFixed(1)} KiB (limit ${MAX_BYTES / 1024 / 1024} MB)`);
if (size > MAX_BYTES) problems.push(`VSIX is ${(size / 1024 / 1024).toFixed(2)} MB, over the 3 MB limit`);
if (problems.length) {
  console.error(`check-vsix: FAILED\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('check-vsix: OK');
