// core/ and protocol/ run in plain Node (CLI, unit tests, webview): they must never import 'vscode'.
// webview/ runs in a browser frame: no 'vscode', no Node built-ins, nothing from host/ or cli/.
// Fails the build with the offending lines (GitLens enforces the same with a lint rule).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative } from 'node:path';

const noVscodeRoots = ['src/core', 'src/protocol', 'src/cli'];
const webviewRoot = 'src/webview';
/** Every module specifier on a line: `from '…'`, `import('…')`, `require('…')`, `import '…'`. */
const specifiers = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/g;
const nodeBuiltins = new Set(builtinModules.flatMap((m) => [m, m.split('/')[0]]));

/** Why `spec` may not be imported by `file` under `root`, or undefined when it may. */
function problem(root, file, spec) {
  if (spec === 'vscode') return "imports 'vscode'";
  if (root !== webviewRoot) return undefined;
  if (spec.startsWith('node:') || nodeBuiltins.has(spec.split('/')[0])) return 'imports a Node built-in';
  if (spec.startsWith('.')) {
    const target = relative('src', join(dirname(file), spec)).split(/[\\/]/)[0];
    if (target === 'host' || target === 'cli') return `imports from src/${target}`;
  }
  return undefined;
}

const offenders = [];
const walk = (root, dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(root, p);
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) {
      readFileSync(p, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(specifiers)) {
            const why = problem(root, p, m[1]);
            if (why) offenders.push(`${p}:${i + 1}: ${why}: ${line.trim()}`);
          }
        });
    }
  }
};
for (const r of [...noVscodeRoots, webviewRoot]) if (existsSync(r)) walk(r, r);
if (offenders.length) {
  console.error(
    `Layering broken (core/, protocol/ and cli/ run without VS Code; webview/ runs in a browser without Node, host/ or cli/):\n${offenders.join('\n')}`,
  );
  process.exit(1);
}
console.log(`layers ok: no 'vscode' import under ${noVscodeRoots.join(', ')}; ${webviewRoot} uses no vscode, Node built-ins, host/ or cli/`);
