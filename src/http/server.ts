import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';
import type { Config } from '../config.js';
import type { BotServices } from '../core/command.js';
import type { Logger } from '../logger.js';
import { apiRoutes } from './api-routes.js';
import { createDispatcher } from './dispatch.js';
import { localPageRoutes } from './local-page.js';
import { opsRoutes, type HealthCheck } from './ops-routes.js';
import type { Route } from './routes.js';

const REQUEST_TIMEOUT_MS = 60_000;
const CLOSE_GRACE_MS = 5_000;
/** How long after a stop requests already on their way are still accepted. */
const LATE_REQUEST_MS = 1_000;

export interface HttpServerOptions {
  readonly config: Config;
  readonly bot: BotServices & { readonly metrics: { readonly registry: Registry } };
  readonly logger: Logger;
  /** No platform tokens: serve the page and its JSON API too. */
  readonly localMode: boolean;
  readonly health: HealthCheck;
  /** The Slack adapter's Events API handler, in Slack's HTTP mode; it reads the raw body itself. */
  readonly slackEvents?: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
  /** How long after a stop requests already on their way are still accepted (default 1 s). */
  readonly lateRequestMs?: number;
}

export interface RunningHttpServer {
  readonly url: string;
  /**
   * Stops accepting connections and resolves once the requests in flight have been answered, or after
   * `graceMs`, when the connections still open are cut.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * The process's one HTTP server: `/healthz` and `/metrics` always, `/slack/events` in Slack's HTTP mode, and
 * in local mode the page at `/` with `POST /api/poster` and `POST /api/review`.
 *
 * @example
 * const http = await startHttpServer({ config, bot, logger, localMode: platformsOf(config).length === 0, health });
 * logger.info(`open ${http.url}`);
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { config, bot, logger, slackEvents } = options;
  const routes: Route[] = [
    ...opsRoutes(options.health, bot.metrics.registry),
    ...(slackEvents === undefined ? [] : [{ method: 'POST', path: '/slack/events', handle: slackEvents } as const]),
    ...(options.localMode ? [...(await localPageRoutes()), ...apiRoutes(bot, config.download.maxImageBytes)] : []),
  ];
  const dispatch = createDispatcher(routes, logger);
  let closing = false;
  const unanswered = new Set<ServerResponse>();
  // Once closing, every answer ends its connection: keep-alive sockets would otherwise hold close() open.
  const endConnectionAfter = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader('connection', 'close');
  };
  const server = createServer((req, res) => {
    if (closing) endConnectionAfter(res);
    unanswered.add(res);
    res.once('close', () => unanswered.delete(res));
    void dispatch(req, res);
  });
  // A slow upload must not hold a socket (or shutdown) for the default five minutes.
  server.requestTimeout = REQUEST_TIMEOUT_MS;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.http.port, config.http.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    url: urlOf(server.address() as AddressInfo),
    close: (graceMs = CLOSE_GRACE_MS) =>
      new Promise<void>((resolve, reject) => {
        closing = true;
        unanswered.forEach(endConnectionAfter);
        // Requests sent just before the stop may still sit in the listen backlog or in a fresh socket's buffer:
        // they are work in flight, not new work, so the server keeps accepting them for a moment (every answer
        // now closes its connection) before it stops listening and drops idle connections.
        setTimeout(() => {
          const cut = setTimeout(() => server.closeAllConnections(), graceMs);
          server.close((error) => {
            clearTimeout(cut);
            if (error) reject(error);
            else resolve();
          });
        }, options.lateRequestMs ?? LATE_REQUEST_MS);
      }),
  };
}

function urlOf({ address, family, port }: AddressInfo): string {
  const unspecified = address === '0.0.0.0' || address === '::';
  const host = unspecified ? 'localhost' : family === 'IPv6' ? `[${address}]` : address;
  return `http://${host}:${port}`;
}
