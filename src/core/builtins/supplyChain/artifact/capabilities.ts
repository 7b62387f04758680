/**
 * What code can do, as the detectors that work weigh it (GuardDog, Socket): one capability shows
 * no intent — most packages use the network or spawn a process — but a CHAIN in one file does:
 * collect secrets or host details and send them, or download something and run it. The
 * language readers (jsCapabilities.ts, pyCapabilities.ts) find the capabilities; this file names
 * them and forms the chains.
 */

export type Capability =
  /** http/https/net/dns/fetch, a networking library */
  | 'network'
  /** a webhook or collector address (Discord, Slack, Telegram, interactsh, webhook.site, …) */
  | 'exfil-endpoint'
  /** a path of a credential store: ~/.ssh, ~/.aws, .npmrc, .pypirc, browser or Discord token folders */
  | 'credential-read'
  /** the whole environment (process.env serialised, copied, listed; os.environ read whole) */
  | 'env-collection'
  /** host details: hostname, user info, network interfaces */
  | 'host-info'
  /** child_process, shell, os.system, subprocess */
  | 'process'
  /** eval, Function, vm, exec, compile */
  | 'dynamic-code'
  /** dynamic code fed from a decoded string (base64, hex, char codes) */
  | 'decoded-exec'
  /** base64 or hex encoding of data (what exfiltration does before it sends) */
  | 'encode'
  /** makes a file executable, or names an executable to download */
  | 'executable-write';

export interface CapabilityHit {
  capability: Capability;
  file: string;
  line: number;
  /** The line, trimmed and capped. */
  excerpt: string;
}

export type ChainKind = 'exfiltration' | 'download-execute' | 'decoded-execution';

export interface Chain {
  kind: ChainKind;
  file: string;
  /** The capabilities that make the chain, in order of the chain. */
  capabilities: Capability[];
  /** One line per link, for the person reading the report. */
  lines: number[];
  excerpt: string;
}

const EXCERPT_MAX = 120;

export function excerptOf(text: string, line: number): string {
  const raw = (text.split('\n')[line - 1] ?? '').trim();
  return raw.length > EXCERPT_MAX ? `${raw.slice(0, EXCERPT_MAX)}…` : raw;
}

/** Collector and webhook hosts malware sends to; a benign package rarely names them. */
export const EXFIL_ENDPOINT =
  /discord(app)?\.com\/api\/webhooks|hooks\.slack\.com|api\.telegram\.org\/bot|webhook\.site|pipedream\.net|requestbin|burpcollaborator|oast\.(fun|pro|live|site|online|me)|interact\.sh|ngrok(-free)?\.(io|app)|canarytokens/i;

/** Paths of credential stores and token folders (as path parts: "signed cookies" in a message is not one). */
export const CREDENTIAL_PATH =
  /(^|[\\/~"'`\s])\.ssh([\\/]|$)|id_rsa|id_ed25519|\.aws[\\/]credentials|\.npmrc|\.pypirc|\.git-credentials|\.docker[\\/]config\.json|\.kube[\\/]config|gcloud[\\/](credentials|application_default)|Local Storage[\\/]leveldb|discord[\\/]Local Storage|[\\/]Login Data\b|[\\/]Cookies\b|Slack[\\/](storage|Cookies)|\.config[\\/]solana|wallet\.dat|Keychains/i;

/** Files named as downloads to run. */
export const EXECUTABLE_URL = /^https?:\/\/\S+\.(exe|msi|dll|so|dylib|bin|sh|ps1|bat|cmd|elf)(\?\S*)?$/i;

/**
 * Chains in one file. `installTime`: the file runs at install, where network + process is
 * already enough (nothing at install time needs to download and run a program).
 */
export function chainsIn(file: string, hits: readonly CapabilityHit[], installTime: boolean): Chain[] {
  const mine = hits.filter((h) => h.file === file);
  const first = (...caps: Capability[]) => mine.find((h) => caps.includes(h.capability));
  const out: Chain[] = [];
  const collect = first('credential-read', 'env-collection', 'host-info');
  const send = first('exfil-endpoint', 'network');
  if (collect && send) {
    const encode = first('encode');
    const links = encode ? [collect, encode, send] : [collect, send];
    out.push({ kind: 'exfiltration', file, capabilities: links.map((h) => h.capability), lines: links.map((h) => h.line), excerpt: collect.excerpt });
  }
  const fetchHit = first('network');
  const run = installTime ? first('executable-write', 'decoded-exec', 'dynamic-code', 'process') : first('executable-write', 'decoded-exec', 'dynamic-code');
  if (fetchHit && run)
    out.push({ kind: 'download-execute', file, capabilities: [fetchHit.capability, run.capability], lines: [fetchHit.line, run.line], excerpt: run.excerpt });
  const decoded = first('decoded-exec');
  if (decoded && !out.some((c) => c.capabilities.includes('decoded-exec')))
    out.push({ kind: 'decoded-execution', file, capabilities: ['decoded-exec'], lines: [decoded.line], excerpt: decoded.excerpt });
  return out;
}
