/** Masking of secrets for anything a person or a log sees. */

export const MASK = '••••••';

const SECRET_KEY = /(token|secret|password|passwd|pwd|api[-_]?key|apikey|auth|credential|session|signature|sig|key)$/i;
const PLACEHOLDER = /^\$\{(secret|env|input):[^}]+\}$/;

/** True when a header, env var or query parameter name usually carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_KEY.test(name.replace(/[^A-Za-z0-9_-]/g, ''));
}

/** Placeholders are references, not secrets, so they stay readable. */
export function maskValue(value: string): string {
  return PLACEHOLDER.test(value.trim()) ? value : MASK;
}

/** Masks userinfo credentials and secret-looking query parameters of a URL; other text stays as written. */
export function maskUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  let out = raw;
  if (url.password) out = out.replace(`:${url.password}@`, `:${MASK}@`);
  // A long user name with no password is a token in disguise (https://ghp_xxx@host).
  else if (url.username.length >= 20) out = out.replace(`${url.username}@`, `${MASK}@`);
  const q = out.indexOf('?');
  if (q < 0) return out;
  const hash = out.indexOf('#', q);
  const query = out.slice(q + 1, hash < 0 ? undefined : hash);
  const masked = query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const key = decodeURIComponent(pair.slice(0, eq));
      const value = decodeURIComponent(pair.slice(eq + 1));
      return isSecretName(key) && !PLACEHOLDER.test(value) ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join('&');
  return out.slice(0, q + 1) + masked + (hash < 0 ? '' : out.slice(hash));
}

/** Masks the value after `--token x`, `--api-key=x` and similar flags in a command line. */
export function maskArgs(args: readonly string[]): string[] {
  const out: string[] = [];
  let maskNext = false;
  for (const arg of args) {
    if (maskNext) {
      out.push(maskValue(arg));
      maskNext = false;
      continue;
    }
    const m = /^(--?[A-Za-z0-9_-]+)=(.*)$/.exec(arg);
    if (m && isSecretName(m[1])) {
      out.push(`${m[1]}=${maskValue(m[2])}`);
    } else {
      out.push(arg);
      maskNext = /^--?[A-Za-z0-9_-]+$/.test(arg) && isSecretName(arg);
    }
  }
  return out;
}

const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g;
const TOKEN_SHAPES = /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|sk-[A-Za-z0-9_-]{16,}|xox[abposr]-[A-Za-z0-9-]{10,})\b/g;

/** Removes known secret values and well-known token shapes from free text (log lines, errors). */
export function redactSecrets(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const secret of known) {
    if (secret && secret.length >= 4) out = out.split(secret).join(MASK);
  }
  return out.replace(BEARER, `$1 ${MASK}`).replace(TOKEN_SHAPES, MASK);
}

/**
 * Masks secrets in text that arrives in pieces (a model's streamed answer): a secret split
 * across two pieces is still caught, because the end of the text that could be the start of a
 * secret is held back until the next piece, or `flush()`.
 */
export class StreamRedactor {
  private pending = '';

  constructor(private readonly known: () => Iterable<string>) {}

  /** The text safe to show now. */
  push(piece: string): string {
    const secrets = [...this.known()].filter((s) => s.length >= 4);
    const longest = secrets.reduce((n, s) => Math.max(n, s.length), 0);
    const text = redactSecrets(this.pending + piece, secrets);
    const keep = longest > 0 ? Math.min(text.length, longest - 1) : 0;
    this.pending = text.slice(text.length - keep);
    return text.slice(0, text.length - keep);
  }

  /** The rest, at the end of the stream. */
  flush(): string {
    const rest = redactSecrets(this.pending, this.known());
    this.pending = '';
    return rest;
  }
}

/** A copy of a JSON-like value with every string passed through `redactSecrets`. */
export function redactDeep<T>(value: T, known: Iterable<string>): T {
  const secrets = [...known];
  const visit = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(visit);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, visit(x)]));
    return v;
  };
  return visit(value) as T;
}
