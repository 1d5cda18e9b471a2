import { afterEach, describe, expect, it } from 'vitest';
import { posterPng, startLocalServer, type LocalServer } from './local-server.js';

let local: LocalServer | undefined;

afterEach(async () => {
  await local?.close();
  local = undefined;
});

describe('GET /healthz', () => {
  it('answers 200 with the checks while everything is up', async () => {
    local = await startLocalServer();
    local.health = { checks: { models: true, discord: true } };
    const response = await fetch(`${local.url}/healthz`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok', checks: { models: true, discord: true } });
  });

  it('answers 503 naming the failed check when a connection is down', async () => {
    local = await startLocalServer();
    local.health = { checks: { models: true, discord: false } };
    const response = await fetch(`${local.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: 'unavailable', checks: { models: true, discord: false } });
  });

  it('answers 207 "degraded" naming the dependency when the bot answers without Redis', async () => {
    local = await startLocalServer();
    local.health = { checks: { models: true }, dependencies: { redis: false } };
    const response = await fetch(`${local.url}/healthz`);
    expect(response.status).toBe(207);
    expect(await response.json()).toEqual({ status: 'degraded', degraded: ['redis'], checks: { models: true }, dependencies: { redis: false } });
  });
});

describe('GET /metrics', () => {
  it('serves the Prometheus text with replies and inference latency after a poster', async () => {
    local = await startLocalServer();
    await fetch(`${local.url}/api/poster`, { method: 'POST', body: await posterPng([90, 0, 0], [0, 0, 90]) });
    const response = await fetch(`${local.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(local.bot.metrics.registry.contentType);
    const text = await response.text();
    expect(text).toContain('moviebot_replies_total{platform="local",outcome="result"} 1');
    expect(text).toMatch(/moviebot_inference_seconds_count\{model="poster"\} 1/);
    expect(text).toContain('moviebot_cache_lookups_total');
  });
});
