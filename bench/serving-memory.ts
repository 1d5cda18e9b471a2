import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import sharp from 'sharp';
import { freePort } from '../test/helpers/ports.js';
import { registerBench } from './registry.js';

const POSTERS = 200;
const CONCURRENT = 20;
const SETTLE_MS = 3_000;
const START_TIMEOUT_MS = 120_000;
/** Settings a run may vary to compare against the defaults (e.g. `INFERENCE_WORKERS=2 npm run bench ...`). */
const PASSED_THROUGH = ['INFERENCE_WORKERS', 'WASM_THREADS', 'MAX_BATCH', 'NODE_OPTIONS'];

/** VmRSS (now) and VmHWM (the peak so far) of a process, in MiB. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rss: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
}

/** The bot's own pid: `npm start` execs node, so it is npm's only child. */
function botPid(npm: ChildProcess): number {
  const children = readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, 'utf8').trim().split(/\s+/);
  if (children.length !== 1 || children[0] === '') throw new Error(`npm start has children "${children.join(' ')}"`);
  return Number(children[0]);
}

async function waitForHealth(url: string, npm: ChildProcess): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < START_TIMEOUT_MS) {
    if (npm.exitCode !== null) throw new Error(`npm start exited with ${npm.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then((response) => response.ok, () => false);
    if (ok) return performance.now() - started;
    await delay(100);
  }
  throw new Error('the bot did not become healthy in time');
}

/** Distinct poster-sized JPEGs (no two alike, so the result cache never answers). */
const poster = async (n: number): Promise<Uint8Array<ArrayBuffer>> => new Uint8Array(await
  sharp({ create: { width: 400, height: 600, channels: 3, background: { r: (n * 37) % 256, g: (n * 91) % 256, b: (n * 13) % 256 }, noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer());

async function burst(url: string): Promise<{ ok: number; postersPerSecond: number }> {
  const images = await Promise.all(Array.from({ length: POSTERS }, (_, n) => poster(n)));
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENT }, async () => {
    while (next < images.length) {
      const body = images[next++]!;
      const response = await fetch(`${url}/api/poster?force=1`, { method: 'POST', body });
      await response.arrayBuffer();
      if (response.ok) ok += 1;
    }
  }));
  return { ok, postersPerSecond: Math.round((POSTERS / (performance.now() - started)) * 1000 * 10) / 10 };
}

/**
 * The bot as a user starts it (`npm start`, local mode, default settings): its memory once ready, then at the
 * peak of 200 posters sent 20 at a time through the API.
 */
registerBench({
  name: 'serving-memory',
  async run({ log }) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '100000', DATA_DIR: mkdtempSync(join(tmpdir(), 'moviebot-bench-')),
      ...Object.fromEntries(PASSED_THROUGH.flatMap((name) => (process.env[name] === undefined ? [] : [[name, process.env[name]]]))),
    };
    const npm = spawn('npm', ['start', '--silent'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      const startMs = await waitForHealth(url, npm);
      await delay(SETTLE_MS);
      const pid = botPid(npm);
      const afterStart = memoryOf(pid);
      log(`ready in ${Math.round(startMs)} ms (npm start: build and model load), ${afterStart.rss} MiB`);
      const { ok, postersPerSecond } = await burst(url);
      const afterBurst = memoryOf(pid);
      return {
        serving_start_ms: Math.round(startMs),
        serving_rss_after_start_mib: afterStart.rss,
        serving_rss_peak_burst_mib: afterBurst.peak,
        serving_rss_after_burst_mib: afterBurst.rss,
        serving_burst_posters_ok: ok,
        serving_burst_posters_per_s: postersPerSecond,
      };
    } finally {
      npm.kill('SIGTERM');
    }
  },
});
