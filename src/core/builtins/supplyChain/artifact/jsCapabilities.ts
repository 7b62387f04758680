/**
 * Capabilities of a JavaScript file, found by PARSING it (acorn) rather than by grepping, so a
 * word in a comment or a README string is not a call. Code acorn cannot parse (a syntax from
 * the future, a deliberately broken file) falls back to a line scan, and the result says so.
 * Nothing is ever run: the file is text.
 */
import { parse } from 'acorn';
import { CREDENTIAL_PATH, EXECUTABLE_URL, EXFIL_ENDPOINT, excerptOf, type Capability, type CapabilityHit } from './capabilities';

export interface JsScan {
  hits: CapabilityHit[];
  /** false: acorn could not parse it and the line scan was used. */
  parsed: boolean;
}

type AstNode = { type: string; loc?: { start: { line: number } }; [key: string]: unknown };

const NETWORK_MODULES = new Set([
  'http',
  'https',
  'http2',
  'net',
  'tls',
  'dns',
  'dgram',
  'undici',
  'node-fetch',
  'axios',
  'got',
  'request',
  'superagent',
  'ws',
  'cross-fetch',
  'isomorphic-fetch',
  'needle',
  'phin',
]);
const PROCESS_MODULES = new Set(['child_process', 'execa', 'shelljs', 'cross-spawn']);
const NETWORK_GLOBALS = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']);
const HOST_CALLS = new Set(['hostname', 'userInfo', 'networkInterfaces']);
const ENV_LISTERS = new Set(['keys', 'entries', 'values', 'stringify', 'assign']);
const CHILD_CALLS = new Set(['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork', 'execa', 'execaSync']);
const VM_CALLS = new Set(['runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']);

export function scanJs(file: string, text: string): JsScan {
  let program: AstNode | undefined;
  for (const sourceType of ['module', 'script'] as const) {
    try {
      program = parse(text, {
        ecmaVersion: 'latest',
        sourceType,
        locations: true,
        allowHashBang: true,
        allowReturnOutsideFunction: true,
        allowAwaitOutsideFunction: true,
        allowImportExportEverywhere: true,
      }) as unknown as AstNode;
      break;
    } catch {
      // try the next source type, then the line scan
    }
  }
  if (!program) return { hits: lineScan(file, text), parsed: false };
  const hits: CapabilityHit[] = [];
  const add = (capability: Capability, node: AstNode) => {
    const line = node.loc?.start.line ?? 1;
    if (!hits.some((h) => h.capability === capability && h.line === line)) hits.push({ capability, file, line, excerpt: excerptOf(text, line) });
  };
  walk(program, [], (node, ancestors) => visit(node, ancestors, add));
  return { hits: hits.sort((a, b) => a.line - b.line), parsed: true };
}

function visit(node: AstNode, ancestors: readonly AstNode[], add: (c: Capability, n: AstNode) => void): void {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ImportExpression':
      moduleUse(stringOf(node['source'] as AstNode), node, add);
      return;
    case 'CallExpression':
    case 'NewExpression': {
      const callee = node['callee'] as AstNode;
      const args = (node['arguments'] as AstNode[]) ?? [];
      const name = calleeName(callee);
      if (name === 'require' && args[0]) moduleUse(stringOf(args[0]), node, add);
      if (callee.type === 'Identifier' && NETWORK_GLOBALS.has(name)) add('network', node);
      if (callee.type === 'MemberExpression' && HOST_CALLS.has(name)) add('host-info', node);
      if (name === 'eval' || name === 'Function' || (callee.type === 'MemberExpression' && VM_CALLS.has(name)) || isVmScript(node)) {
        const decoded = args.some(containsDecode);
        const literalOnly = args.every((a) => a.type === 'Literal' || a.type === 'TemplateLiteral');
        if (decoded) add('decoded-exec', node);
        else if (!literalOnly || name !== 'Function') add('dynamic-code', node);
      }
      if ((name === 'chmod' || name === 'chmodSync') && args[1] && executableMode(args[1])) add('executable-write', node);
      if (name === 'toString' && args[0] && /^(base64|hex)$/.test(stringOf(args[0]) ?? '')) add('encode', node);
      if (name === 'btoa') add('encode', node);
      return;
    }
    case 'MemberExpression':
      if (isProcessEnv(node) && wholeEnv(ancestors, node)) add('env-collection', node);
      return;
    case 'Literal':
    case 'TemplateElement': {
      const text = node.type === 'Literal' ? (typeof node['value'] === 'string' ? (node['value'] as string) : '') : cookedOf(node);
      if (!text) return;
      if (EXFIL_ENDPOINT.test(text)) add('exfil-endpoint', node);
      if (CREDENTIAL_PATH.test(text)) add('credential-read', node);
      if (EXECUTABLE_URL.test(text.trim())) add('executable-write', node);
      return;
    }
  }
}

function moduleUse(spec: string | undefined, node: AstNode, add: (c: Capability, n: AstNode) => void): void {
  if (!spec) return;
  const bare = spec.replace(/^node:/, '').split('/')[0];
  if (NETWORK_MODULES.has(bare)) add('network', node);
  if (PROCESS_MODULES.has(bare)) add('process', node);
  if (bare === 'vm') add('dynamic-code', node);
}

/** Every child node, depth first, with its ancestors (nearest last). */
function walk(node: AstNode, ancestors: AstNode[], fn: (n: AstNode, ancestors: readonly AstNode[]) => void): void {
  fn(node, ancestors);
  ancestors.push(node);
  for (const key of Object.keys(node)) {
    if (key === 'loc') continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (const child of value) if (isNode(child)) walk(child, ancestors, fn);
    } else if (isNode(value)) walk(value, ancestors, fn);
  }
  ancestors.pop();
}

function isNode(v: unknown): v is AstNode {
  return typeof v === 'object' && v !== null && typeof (v as { type?: unknown }).type === 'string';
}

function calleeName(callee: AstNode): string {
  if (callee.type === 'Identifier') return callee['name'] as string;
  if (callee.type === 'MemberExpression') {
    const prop = callee['property'] as AstNode;
    if (prop.type === 'Identifier' && !callee['computed']) return prop['name'] as string;
    return stringOf(prop) ?? '';
  }
  return '';
}

function stringOf(node: AstNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Literal' && typeof node['value'] === 'string') return node['value'] as string;
  if (node.type === 'TemplateLiteral' && (node['expressions'] as unknown[]).length === 0) return cookedOf((node['quasis'] as AstNode[])[0]);
  return undefined;
}

function cookedOf(el: AstNode | undefined): string {
  const value = el?.['value'] as { cooked?: string | null } | undefined;
  return value?.cooked ?? '';
}

function isVmScript(node: AstNode): boolean {
  return node.type === 'NewExpression' && calleeName(node['callee'] as AstNode) === 'Script';
}

/** Buffer.from(x, 'base64'|'hex'), atob, String.fromCharCode, decodeURIComponent, unescape anywhere in an argument. */
function containsDecode(arg: AstNode): boolean {
  let found = false;
  walk(arg, [], (n) => {
    if (found || (n.type !== 'CallExpression' && n.type !== 'NewExpression')) return;
    const name = calleeName(n['callee'] as AstNode);
    const args = (n['arguments'] as AstNode[]) ?? [];
    if (name === 'atob' || name === 'fromCharCode' || name === 'decodeURIComponent' || name === 'unescape') found = true;
    if (name === 'from' && args[1] && /^(base64|base64url|hex)$/.test(stringOf(args[1]) ?? '')) found = true;
    if (name === 'toString' && /^(utf-?8|latin1|binary|ascii)$/i.test(stringOf(args[0]) ?? '') && containsBufferFrom(n)) found = true;
  });
  return found;
}

function containsBufferFrom(n: AstNode): boolean {
  const callee = n['callee'] as AstNode;
  const obj = callee.type === 'MemberExpression' ? (callee['object'] as AstNode) : undefined;
  return !!obj && obj.type === 'CallExpression' && calleeName(obj['callee'] as AstNode) === 'from';
}

function executableMode(arg: AstNode): boolean {
  const v = arg['value'];
  const mode = typeof v === 'number' ? v : typeof v === 'string' ? parseInt(v, 8) : NaN;
  return Number.isFinite(mode) && (mode & 0o111) !== 0;
}

function isProcessEnv(node: AstNode): boolean {
  const obj = node['object'] as AstNode;
  const prop = node['property'] as AstNode;
  return obj.type === 'Identifier' && obj['name'] === 'process' && !node['computed'] && prop.type === 'Identifier' && prop['name'] === 'env';
}

/**
 * `process.env` taken whole: serialised, listed, copied or spread, assigned, put in an object.
 * Reading one variable (`process.env.HOME`) or handing the environment to a child process
 * (`spawn(cmd, args, { env: process.env })`) is not collection.
 */
function wholeEnv(ancestors: readonly AstNode[], node: AstNode): boolean {
  const parent = ancestors[ancestors.length - 1];
  if (!parent) return false;
  if (parent.type === 'MemberExpression' && parent['object'] === node) return false;
  if (parent.type === 'SpreadElement' || parent.type === 'VariableDeclarator' || parent.type === 'AssignmentExpression') return true;
  if (parent.type === 'CallExpression') return ENV_LISTERS.has(calleeName(parent['callee'] as AstNode)) || calleeName(parent['callee'] as AstNode) === 'from';
  if (parent.type === 'Property') {
    const call = ancestors[ancestors.length - 3];
    const toChild = call?.type === 'CallExpression' && CHILD_CALLS.has(calleeName(call['callee'] as AstNode));
    return !toChild;
  }
  return false;
}

/** For code acorn cannot parse: the same capabilities by line, cruder but never silent. */
function lineScan(file: string, text: string): CapabilityHit[] {
  const rules: [Capability, RegExp][] = [
    ['network', /require\(\s*['"](node:)?(https?|net|dns|tls|dgram|axios|node-fetch|got|request|undici)['"]|\bfetch\s*\(/],
    ['process', /require\(\s*['"](node:)?child_process['"]|\bexecSync\s*\(|\bspawn\s*\(/],
    ['env-collection', /JSON\.stringify\(\s*process\.env\s*\)|Object\.(keys|entries)\(\s*process\.env\s*\)/],
    ['host-info', /\.(hostname|userInfo|networkInterfaces)\s*\(/],
    ['decoded-exec', /\b(eval|Function)\s*\(.*(atob|base64|fromCharCode)/],
    ['dynamic-code', /\beval\s*\(/],
    ['exfil-endpoint', EXFIL_ENDPOINT],
    ['credential-read', CREDENTIAL_PATH],
  ];
  const hits: CapabilityHit[] = [];
  text.split('\n').forEach((line, i) => {
    for (const [capability, re] of rules) if (re.test(line)) hits.push({ capability, file, line: i + 1, excerpt: excerptOf(text, i + 1) });
  });
  return hits;
}
