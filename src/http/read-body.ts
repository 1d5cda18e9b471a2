import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-error.js';

/**
 * Reads the whole request body, refusing it as soon as it passes `maxBytes` (Content-Length is checked first
 * but not trusted: it may lie or be absent). A refused body is left unread and the connection is closed after
 * the answer, so an oversized upload costs no memory.
 */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const tooLarge = new HttpError(413, `The request body is over the ${formatSize(maxBytes)} limit.`, { connection: 'close' });
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.reject(tooLarge);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      chunks.length = 0;
      reject(tooLarge);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, total)));
    req.once('error', reject);
    req.once('close', () => reject(new HttpError(400, 'The upload was cut off before it ended.')));
  });
}

/** True when the request says its body is JSON (`application/json`, any parameters). */
export function isJsonRequest(req: IncomingMessage): boolean {
  return /^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '');
}

/** True when the request is a form upload (`multipart/form-data`, as `curl -F` and HTML forms send). */
export function isFormRequest(req: IncomingMessage): boolean {
  return /^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '');
}

/** Parses a JSON body into an object, with a 4xx naming what was wrong. */
export async function readJsonObject(req: IncomingMessage, maxBytes: number): Promise<Record<string, unknown>> {
  if (!isJsonRequest(req)) throw new HttpError(415, 'Send a JSON body with Content-Type: application/json.');
  const body = await readBody(req, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'The request body is not valid JSON.');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'The request body must be a JSON object.');
  return value as Record<string, unknown>;
}

export function formatSize(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['MiB', bytes / (1024 * 1024)] : bytes >= 1024 ? ['KiB', bytes / 1024] : ['bytes', bytes];
  return `${Number(size.toFixed(1))} ${unit}`;
}
