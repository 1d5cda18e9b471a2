import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { RedisConnection } from '../../src/core/redis-connection.js';
import { createLogger } from '../../src/logger.js';
import { portOpen } from './ports.js';

export interface TestRedis {
  readonly url: string;
  stop(): Promise<void>;
}

/** Can this machine run its own redis-server (to stop and restart it under a bot)? */
export const redisServerInstalled = (): boolean => spawnSync('redis-server', ['--version']).status === 0;

/**
 * A private redis-server on `port`, stopped by `stop()`. Without a port it picks a random one, and picks again if
 * the server exits at once (the port was taken: 20000-40000 overlaps the ephemeral range), up to three times.
 */
export async function startRedisServer(port?: number): Promise<TestRedis & { port: number }> {
  for (let attempt = 1; ; attempt += 1) {
    const tryPort = port ?? 20_000 + Math.floor(Math.random() * 20_000);
    // Someone else listening there would answer for our server.
    if (port === undefined && (await portOpen(tryPort))) continue;
    const child: ChildProcess = spawn('redis-server', ['--port', String(tryPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const started = await Promise.race([waitForPort(tryPort).then(() => true), exited.then(() => false)]);
    if (started) {
      return {
        port: tryPort,
        url: `redis://127.0.0.1:${tryPort}`,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      };
    }
    if (port !== undefined || attempt === 3) throw new Error(`redis-server exited at start on port ${tryPort}`);
  }
}

/** Is there a Redis to test against: TEST_REDIS_URL (CI starts one) or a redis-server binary to start. */
export const redisAvailable = (): boolean =>
  process.env.TEST_REDIS_URL !== undefined || redisServerInstalled();

/** A fresh, empty Redis on loopback: a private server when possible, else database 1 of TEST_REDIS_URL, flushed. */
export async function startTestRedis(): Promise<TestRedis> {
  if (redisServerInstalled()) return startRedisServer();
  const { createClient } = await import('@keyv/redis');
  const url = `${process.env.TEST_REDIS_URL}/1`;
  const client = createClient({ url });
  await client.connect();
  await client.flushDb();
  await client.quit();
  return { url, stop: async () => {} };
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const open = await portOpen(port);
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`redis-server did not start on port ${port}`);
}

/** Starts a Redis before the suite's tests and stops it after; returns its URL once started. */
export function useTestRedis(): () => string {
  let redis: TestRedis | undefined;
  beforeAll(async () => {
    redis = await startTestRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  return () => {
    if (redis === undefined) throw new Error('useTestRedis: Redis is not started yet (call the getter inside a test)');
    return redis.url;
  };
}

/** A {@link RedisConnection} to `url` that has connected, logging into `logs` when given. */
export async function connectedRedis(url: string, logs?: NodeJS.WritableStream): Promise<RedisConnection> {
  const redis = new RedisConnection(url, createLogger('debug', logs ?? new PassThrough()));
  await vi.waitFor(() => expect(redis.isUp()).toBe(true), { timeout: 5_000 });
  return redis;
}
