/**
 * Bytes to text the way a browser would pick the encoding: a byte-order mark first, then the
 * charset of the Content-Type header, then (HTML only) a <meta charset> near the start, else UTF-8.
 * Labels go through TextDecoder, which knows the WHATWG encodings (windows-1252, Shift_JIS, …).
 */

export interface MediaType {
  /** Lower case, without parameters: "text/html". Empty when the server sent none. */
  type: string;
  charset?: string;
}

export function parseContentType(header: string | undefined): MediaType {
  if (!header) return { type: '' };
  const [type, ...params] = header.split(';');
  let charset: string | undefined;
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === 'charset') {
      charset =
        p
          .slice(eq + 1)
          .trim()
          .replace(/^"(.*)"$/, '$1') || undefined;
    }
  }
  return { type: type.trim().toLowerCase(), charset };
}

export function decodeText(body: Buffer, charset: string | undefined, html: boolean): string {
  const label = bomEncoding(body) ?? charset ?? (html ? metaCharset(body) : undefined) ?? 'utf-8';
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    // An unknown label: UTF-8 is what the web mostly is, and replacement characters beat a refusal.
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(body);
}

function bomEncoding(body: Buffer): string | undefined {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return undefined;
}

/** `<meta charset="x">` or `<meta http-equiv="Content-Type" content="…; charset=x">` in the first 1024 bytes. */
function metaCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 1024).toString('latin1');
  const match = /<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)/i.exec(head);
  return match?.[1];
}
