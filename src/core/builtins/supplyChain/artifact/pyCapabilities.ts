/**
 * Capabilities of Python code (setup.py runs at install; a .pth file runs at every interpreter
 * start), found with a small tokenizer rather than a grep: comments are dropped and strings are
 * read as strings, so `# subprocess` or a docstring that mentions os.system is not a call, while
 * a path inside a string still counts as a path. It recognises the calls GuardDog's PyPI rules
 * look for: subprocess and os.system, urllib/requests/socket, exec/eval/compile of decoded data,
 * the whole os.environ, host details, and an overridden install command (cmdclass).
 */
import { CREDENTIAL_PATH, EXECUTABLE_URL, EXFIL_ENDPOINT, excerptOf, type Capability, type CapabilityHit } from './capabilities';

export interface PyToken {
  kind: 'name' | 'string' | 'op' | 'number';
  value: string;
  line: number;
}

export interface PyScan {
  hits: CapabilityHit[];
  /** setup(cmdclass={…}): the install command is replaced by the package's own code. */
  overridesInstall: boolean;
}

const MAX_TOKENS = 500_000;

export function tokenizePython(text: string): PyToken[] {
  const out: PyToken[] = [];
  let i = 0;
  let line = 1;
  while (i < text.length && out.length < MAX_TOKENS) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (/\s/.test(c) || c === '\\') {
      i++;
      continue;
    }
    const prefix = /^([rRbBuUfF]{0,2})(['"])/.exec(text.slice(i, i + 3));
    if (prefix && (prefix[1] === '' || /^[A-Za-z]/.test(c))) {
      const start = line;
      const quote = prefix[2];
      const raw = /r/i.test(prefix[1]);
      let j = i + prefix[1].length;
      const triple = text.startsWith(quote.repeat(3), j);
      const close = triple ? quote.repeat(3) : quote;
      j += close.length;
      let value = '';
      while (j < text.length && !text.startsWith(close, j)) {
        if (text[j] === '\n') {
          if (!triple) break; // an unterminated single-quoted string ends at the line
          line++;
        }
        if (text[j] === '\\' && !raw && j + 1 < text.length) {
          if (text[j + 1] === '\n') line++;
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j];
        j++;
      }
      out.push({ kind: 'string', value, line: start });
      i = Math.min(text.length, j + close.length);
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (name) {
      out.push({ kind: 'name', value: name[0], line });
      i += name[0].length;
      continue;
    }
    const num = /^[0-9][0-9a-fA-FxXoObB_.]*/.exec(text.slice(i, i + 100));
    if (num) {
      out.push({ kind: 'number', value: num[0], line });
      i += num[0].length;
      continue;
    }
    out.push({ kind: 'op', value: c, line });
    i++;
  }
  return out;
}

const NETWORK_MODULES = new Set(['urllib', 'urllib2', 'urllib3', 'requests', 'httpx', 'http', 'socket', 'aiohttp', 'ftplib', 'smtplib', 'telnetlib']);
const SUBPROCESS_CALLS = new Set(['Popen', 'call', 'run', 'check_output', 'check_call', 'getoutput', 'getstatusoutput']);
const OS_PROCESS_CALLS = new Set(['system', 'popen', 'execv', 'execve', 'execl', 'execvp', 'spawnv', 'spawnl', 'startfile']);
const DECODERS = new Set(['b64decode', 'b32decode', 'b16decode', 'a85decode', 'urlsafe_b64decode', 'fromhex', 'decompress', 'loads', 'unhexlify', 'rot13']);
const HOST = [
  ['platform', 'node'],
  ['socket', 'gethostname'],
  ['getpass', 'getuser'],
  ['os', 'uname'],
  ['os', 'getlogin'],
];

export function scanPython(file: string, text: string): PyScan {
  const t = tokenizePython(text);
  const hits: CapabilityHit[] = [];
  const add = (capability: Capability, line: number) => {
    if (!hits.some((h) => h.capability === capability && h.line === line)) hits.push({ capability, file, line, excerpt: excerptOf(text, line) });
  };
  const is = (k: number, value: string) => t[k]?.value === value && t[k]?.kind !== 'string';
  const dotted = (k: number, a: string, b: string) => is(k, a) && is(k + 1, '.') && is(k + 2, b);
  let overridesInstall = false;
  for (let k = 0; k < t.length; k++) {
    const tok = t[k];
    if (tok.kind === 'string') {
      if (EXFIL_ENDPOINT.test(tok.value)) add('exfil-endpoint', tok.line);
      if (CREDENTIAL_PATH.test(tok.value)) add('credential-read', tok.line);
      if (EXECUTABLE_URL.test(tok.value.trim())) add('executable-write', tok.line);
      continue;
    }
    if (tok.kind !== 'name') continue;
    // import x / from x import y
    if ((tok.value === 'import' || tok.value === 'from') && t[k + 1]?.kind === 'name') {
      const mod = t[k + 1].value;
      if (NETWORK_MODULES.has(mod)) add('network', tok.line);
      if (mod === 'subprocess' || mod === 'pty') add('process', tok.line);
      if (mod === 'base64' || mod === 'codecs' || mod === 'marshal' || mod === 'zlib') add('encode', tok.line);
      continue;
    }
    if (tok.value === 'subprocess' && is(k + 1, '.') && SUBPROCESS_CALLS.has(t[k + 2]?.value ?? '')) add('process', tok.line);
    if (tok.value === 'os' && is(k + 1, '.') && OS_PROCESS_CALLS.has(t[k + 2]?.value ?? '')) add('process', tok.line);
    if (
      tok.value === 'urlopen' ||
      tok.value === 'urlretrieve' ||
      dotted(k, 'requests', 'get') ||
      dotted(k, 'requests', 'post') ||
      dotted(k, 'socket', 'socket')
    )
      add('network', tok.line);
    if (HOST.some(([a, b]) => dotted(k, a, b))) add('host-info', tok.line);
    if (dotted(k, 'os', 'environ') && !is(k + 3, '[') && !(is(k + 3, '.') && /^(get|setdefault|pop)$/.test(t[k + 4]?.value ?? '')))
      add('env-collection', tok.line);
    if (tok.value === 'chmod' && is(k + 1, '(')) add('executable-write', tok.line);
    if (tok.value === 'b64encode' || tok.value === 'hexlify') add('encode', tok.line);
    if (tok.value === 'cmdclass') overridesInstall = true;
    if (
      (tok.value === 'exec' || tok.value === 'eval' || tok.value === 'compile' || tok.value === '__import__') &&
      is(k + 1, '(') &&
      !is(k - 1, '.') &&
      !is(k - 1, 'def')
    ) {
      const args = argumentTokens(t, k + 1);
      add(args.some((a) => a.kind === 'name' && DECODERS.has(a.value)) ? 'decoded-exec' : 'dynamic-code', tok.line);
    }
  }
  return { hits: hits.sort((a, b) => a.line - b.line), overridesInstall };
}

/** The tokens between a call's parentheses (k is the opening one). */
function argumentTokens(t: readonly PyToken[], k: number): PyToken[] {
  let depth = 0;
  const out: PyToken[] = [];
  for (let j = k; j < t.length && j < k + 5_000; j++) {
    const v = t[j].kind === 'op' ? t[j].value : '';
    if (v === '(') depth++;
    if (v === ')' && --depth === 0) break;
    if (j > k) out.push(t[j]);
  }
  return out;
}

/**
 * A .pth file in site-packages: lines starting with `import` are executed at every Python start
 * (the site module), which is how a wheel runs code without being imported.
 */
export function pthExecutableLines(text: string): number[] {
  return text
    .split('\n')
    .map((l, i) => ({ l: l.trim(), n: i + 1 }))
    .filter(({ l }) => /^import[\s\t]/.test(l))
    .map(({ n }) => n);
}
