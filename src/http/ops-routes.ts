import type { Registry } from 'prom-client';
import { send, sendJson } from './respond.js';
import type { Route } from './routes.js';

/** What main knows about the process's health. */
export interface HealthReport {
  /** What the bot cannot answer without: the models and each platform connection. */
  readonly checks: Readonly<Record<string, boolean>>;
  /** What the bot answers without, less well (Redis): one down makes the bot degraded, not unavailable. */
  readonly dependencies?: Readonly<Record<string, boolean>>;
}

/**
 * 200 `ok`; 207 `degraded` (answering, but a dependency is down: a probe that restarts on non-2xx leaves the
 * bot running, one that wants 200 can tell); 503 `unavailable` (a model or platform connection is down).
 */
export function healthStatus({ checks, dependencies = {} }: HealthReport): { status: number; body: Record<string, unknown> } {
  const degraded = Object.keys(dependencies).filter((name) => !dependencies[name]);
  const parts = { checks, ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}) };
  if (!Object.values(checks).every(Boolean)) return { status: 503, body: { status: 'unavailable', ...parts } };
  if (degraded.length > 0) return { status: 207, body: { status: 'degraded', degraded, ...parts } };
  return { status: 200, body: { status: 'ok', ...parts } };
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
        const { status, body } = healthStatus(health());
        sendJson(res, status, body, NO_STORE);
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
