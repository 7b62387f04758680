/**
 * The tooltip of a link in the chat: where the link really goes, so hovering is a way to check it.
 * A Markdown title (`[docs](https://evil.example "https://github.com/…")`) or a source's label
 * is the author's claim and could name another site; it is kept only after the real destination,
 * in quotes. The host is shown as `URL` parses it (an internationalised name in punycode, so a
 * Cyrillic "а" in "аpple.com" shows as "xn--pple-43d.com"), and a user name or password before
 * the host is left out, so "https://github.com@evil.example/" reads as evil.example.
 */

/** Characters of the path, query and fragment shown; the host is never cut. */
const MAX_REST = 120;
const MAX_TITLE = 200;

/** scheme://host/path?query#fragment of `href` (middle of a long rest cut with "…"), or `href` itself if it does not parse. */
export function linkDestination(href: string): string {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return href;
  }
  // mailto: and other URLs without an authority have no host to show: the address is the whole story.
  if (!url.host) return shortenMiddle(url.href, MAX_REST + 40);
  return `${url.protocol}//${url.host}${shortenMiddle(`${url.pathname}${url.search}${url.hash}`, MAX_REST)}`;
}

/** The tooltip: the real destination, then the author's title (if it says something else) in quotes. */
export function linkTooltip(href: string, title?: string | null): string {
  const destination = linkDestination(href);
  const claim = (title ?? '').replace(/\s+/g, ' ').trim();
  if (!claim || claim === destination || claim === href) return destination;
  return `${destination} — "${shortenMiddle(claim, MAX_TITLE)}"`;
}

function shortenMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${text.slice(text.length - tail)}`;
}
