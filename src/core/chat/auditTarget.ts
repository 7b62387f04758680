import { parseAuditTarget, type AuditTarget } from '../audit/target';

/**
 * What "Audit Repository…" accepts: `owner/repo`, a repository URL (https), or a package name
 * (npm with or without a scope, PyPI, crates…, optionally `ecosystem:name` and `@version`).
 * Checked before an audit starts so a typo is caught in the input box, not by the model.
 */

const OWNER_REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;
const PACKAGE = /^(?:[a-z][a-z0-9+.-]{0,20}:)?(?:@[A-Za-z0-9][A-Za-z0-9._~-]*\/)?[A-Za-z0-9][A-Za-z0-9._~-]*(?:@[A-Za-z0-9^~<>=.*+_-]+)?$/;

export type TargetCheck = { ok: true; target: string } | { ok: false; problem: string };

export function checkAuditTarget(input: string): TargetCheck {
  const value = input.trim();
  if (!value) return { ok: false, problem: 'Enter owner/repo, a repository URL or a package name.' };
  if (value.length > 300) return { ok: false, problem: 'That is too long for a repository or package name.' };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return checkUrl(value);
  if (/\s/.test(value)) return { ok: false, problem: 'A repository or package name has no spaces.' };
  if (OWNER_REPO.test(value)) return { ok: true, target: value.replace(/\.git$/, '') };
  if (PACKAGE.test(value)) return { ok: true, target: value };
  return { ok: false, problem: 'Not a repository (owner/repo or URL) or package name.' };
}

function checkUrl(value: string): TargetCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'That URL is not valid.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'Use an https:// repository URL.' };
  if (url.username || url.password) return { ok: false, problem: 'Leave credentials out of the URL.' };
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts.length < 1) return { ok: false, problem: 'The URL does not name a repository or package.' };
  // A GitHub repository URL is the repository, whatever page of it was copied.
  if (/^(www\.)?github\.com$/i.test(url.hostname)) {
    if (parts.length < 2) return { ok: false, problem: 'A GitHub URL needs both owner and repository: https://github.com/owner/repo' };
    return { ok: true, target: `https://github.com/${parts[0]}/${parts[1].replace(/\.git$/, '')}` };
  }
  return { ok: true, target: `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\.git$/, '')}` };
}

/**
 * The typed target of a chat message, when the message is one: "expressjs/express",
 * "Audit pkg:npm/lodash@4.17.20", "pypi:requests", "lodash@4.17.20". A bare word ("hello",
 * "why?", "thanks") is a message, not an npm package to audit, unless the person wrote "audit"
 * before it.
 */
export function chatAuditTarget(text: string, _followUp: boolean): AuditTarget | undefined {
  const trimmed = text.trim();
  const verb = /^audit\s+(\S+)\s*$/i.exec(trimmed);
  const target = parseAuditTarget(verb ? verb[1] : trimmed);
  if (!target) return undefined;
  if (!verb && target.kind === 'package' && target.assumedSystem && !target.version) return undefined;
  return target;
}
