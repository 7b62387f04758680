/** Where GitHub's REST API and web pages live, for github.com and for GitHub Enterprise Server. */

export const PUBLIC_GITHUB_API = 'https://api.github.com';

/**
 * The REST base for a GitHub host: nothing → github.com's API; an Enterprise Server address
 * (`https://ghe.acme.com`, with or without a trailing slash) → its `/api/v3`. People paste either
 * the web address or the API address, so an address that already ends in `/api/v3` is kept.
 */
export function githubApiBaseUrl(enterpriseUrl?: string): string {
  const trimmed = (enterpriseUrl ?? '').trim().replace(/\/+$/, '');
  if (trimmed === '') return PUBLIC_GITHUB_API;
  if (/\/api\/v3$/i.test(trimmed)) return trimmed;
  if (/^https?:\/\/(www\.)?github\.com$/i.test(trimmed) || /^https?:\/\/api\.github\.com$/i.test(trimmed)) return PUBLIC_GITHUB_API;
  return `${trimmed}/api/v3`;
}

/**
 * The web address that matches an API base, for links the API does not hand out itself (the
 * commit-activity graph, the tags page): api.github.com → github.com, HOST/api/v3 → HOST.
 */
export function githubWebUrl(apiBaseUrl: string): string {
  const base = apiBaseUrl.replace(/\/+$/, '');
  if (/^https?:\/\/api\.github\.com$/i.test(base)) return 'https://github.com';
  return base.replace(/\/api\/v3$/i, '');
}

/** `https://github.com/owner/repo` on the host that `apiBaseUrl` belongs to. */
export function repositoryWebUrl(apiBaseUrl: string, owner: string, repo: string): string {
  return `${githubWebUrl(apiBaseUrl)}/${owner}/${repo}`;
}
