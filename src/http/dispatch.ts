import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';
import { SOMETHING_WENT_WRONG } from '../core/reply.js';
import { HttpError } from './http-error.js';
import { refusalReason, sendJson } from './respond.js';
import type { Route } from './routes.js';

/**
 * Finds the route for a request and is the server's one error boundary: an {@link HttpError} becomes its
 * status and message, anything else a bare 500 and one log line. Logs one line per request, without the
 * query string or the body (either may carry what a user would not want kept).
 */
export function createDispatcher(routes: readonly Route[], logger: Logger) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const started = performance.now();
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const log = logger.child({ requestId });
    const candidates = routes.filter((route) => route.path === path);
    const route = candidates.find((candidate) => candidate.method === method);
    res.setHeader('x-request-id', requestId);
    res.once('close', () => {
      const line = { method, path, ...requestOutcome(res), ms: Math.round(performance.now() - started) };
      if (route?.quiet) log.debug(line, 'http request');
      else log.info(line, 'http request');
    });
    try {
      if (route === undefined) throw routeMissing(method, path, candidates);
      await route.handle(req, res, { requestId, remoteAddress: req.socket.remoteAddress ?? 'unknown', log });
    } catch (error) {
      if (res.headersSent) {
        log.warn({ err: error, method, path }, 'request failed after its answer started');
        res.destroy();
      } else if (error instanceof HttpError) {
        sendJson(res, error.status, { error: error.message }, error.headers);
      } else {
        log.error({ err: error, method, path }, 'request failed');
        sendJson(res, 500, { error: SOMETHING_WENT_WRONG });
      }
    }
  };
}

/** What happened to a request, for its log line: answered, refused (and why), failed, or abandoned by the client. */
function requestOutcome(res: ServerResponse): { outcome: string; status?: number; reason?: string } {
  if (!res.writableFinished) return { outcome: 'abandoned' };
  const status = res.statusCode;
  if (status < 400) return { outcome: 'answered', status };
  if (status >= 500) return { outcome: 'failed', status };
  return { outcome: 'refused', status, reason: refusalReason(res) };
}

function routeMissing(method: string, path: string, candidates: readonly Route[]): HttpError {
  if (candidates.length === 0) return new HttpError(404, `Nothing here: ${method} ${path.slice(0, 200)}`);
  const allow = candidates.map((candidate) => candidate.method).join(', ');
  return new HttpError(405, `${path} only answers ${allow}.`, { allow });
}
