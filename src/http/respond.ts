import type { ServerResponse } from 'node:http';

/** Why a request was refused, as its answer told the client: the request log line says it too. */
const refusals = new WeakMap<ServerResponse, string>();

export const refusalReason = (res: ServerResponse): string | undefined => refusals.get(res);

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const error = (body as { error?: unknown } | null)?.error;
  if (status >= 400 && typeof error === 'string') refusals.set(res, error);
  send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`, headers);
}

export function send(
  res: ServerResponse,
  status: number,
  contentType: string,
  body: string | Buffer,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, {
    'content-type': contentType,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}
