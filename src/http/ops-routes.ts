import type { Registry } from 'prom-client';
import { send, sendJson } from './respond.js';
import type { Route } from './routes.js';

/** What main knows about the process's health: models loaded, each platform connection up. */
export interface HealthReport {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, boolean>>;
}

export type HealthCheck = () => HealthReport;

const NO_STORE = { 'cache-control': 'no-store' };

/** `GET /healthz` and `GET /metrics`, served in every mode. */
export function opsRoutes(health: HealthCheck, registry: Registry): Route[] {
  return [
    {
      method: 'GET',
      path: '/healthz',
      quiet: true,
      handle(_req, res) {
        const { ok, checks } = health();
        sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable', checks }, NO_STORE);
      },
    },
    {
      method: 'GET',
      path: '/metrics',
      quiet: true,
      async handle(_req, res) {
        send(res, 200, registry.contentType, await registry.metrics(), NO_STORE);
      },
    },
  ];
}
