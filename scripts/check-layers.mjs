// core/ and protocol/ run in plain Node (CLI, unit tests, webview): they must never import 'vscode'.
// Fails the build with the offending lines (GitLens enforces the same with a lint rule).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src/core', 'src/protocol', 'src/cli'];
const pattern = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]vscode['"]/;
const offenders = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.(ts|tsx|js|mjs)$/.test(name)) {
      readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
        if (pattern.test(line)) offenders.push(`${p}:${i + 1}: ${line.trim()}`);
      });
    }
  }
};
for (const r of roots) if (existsSync(r)) walk(r);
if (offenders.length) {
  console.error(`These files must not import 'vscode' (core/, protocol/ and cli/ run without VS Code):\n${offenders.join('\n')}`);
  process.exit(1);
}
console.log(`layers ok: no 'vscode' import under ${roots.join(', ')}`);
