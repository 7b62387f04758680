/**
 * Reads a response body: undoes its Content-Encoding (gzip, deflate, br) and stops at a byte limit
 * counted on the decoded bytes, so a small compressed answer cannot unpack into gigabytes. Past the
 * limit the rest is not downloaded: the connection is dropped and the body marked truncated.
 */
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type Readable } from 'node:stream';
import { constants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export interface BodyBytes {
  body: Buffer;
  truncated: boolean;
}

export async function readBody(res: IncomingMessage, maxBytes: number): Promise<BodyBytes> {
  const decoders = decodersFor(res.headers['content-encoding'], res);
  // pipeline destroys every stream when one fails or is destroyed, and returns the last one.
  const stream: Readable = decoders.length ? (pipeline([res, ...decoders], () => {}) as unknown as Readable) : res;
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (size + buf.length > maxBytes) {
      chunks.push(buf.subarray(0, maxBytes - size));
      size = maxBytes;
      truncated = true;
      break;
    }
    chunks.push(buf);
    size += buf.length;
  }
  if (truncated) res.destroy();
  return { body: Buffer.concat(chunks, size), truncated };
}

/** Decoders in the order to apply them: Content-Encoding lists codings in the order they were applied. */
function decodersFor(header: string | undefined, res: IncomingMessage): Transform[] {
  const codings = (header ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  return codings.reverse().map((coding) => {
    switch (coding) {
      case 'gzip':
      case 'x-gzip':
        // Servers that cut a gzip stream short still sent usable text; flush what arrived.
        return createGunzip({ finishFlush: constants.Z_SYNC_FLUSH });
      case 'deflate':
        return deflateDecoder();
      case 'br':
        return createBrotliDecompress();
      default:
        res.destroy();
        throw new Error(`The server sent the body in an encoding fetch_url cannot decode (${coding}).`);
    }
  });
}

/**
 * "deflate" is meant to be zlib-wrapped, but some servers send raw deflate; browsers accept both.
 * The first byte tells them apart: a zlib header's compression method nibble is 8.
 */
function deflateDecoder(): Transform {
  let inner: Transform | undefined;
  const outer = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        const options = { finishFlush: constants.Z_SYNC_FLUSH };
        inner = (chunk[0] & 0x0f) === 8 ? createInflate(options) : createInflateRaw(options);
        inner.on('data', (d: Buffer) => outer.push(d));
        inner.on('error', (e) => outer.destroy(e));
      }
      inner.write(chunk, () => done());
    },
    flush(done) {
      if (!inner) return done();
      inner.once('end', () => done());
      inner.end();
    },
  });
  return outer;
}
