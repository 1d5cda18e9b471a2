import sharp from 'sharp';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../../src/http/server.js';
import type { HealthReport } from '../../src/http/ops-routes.js';
import { createTestBot, type TestBot } from '../helpers/test-bot.js';

export interface LocalServer extends TestBot {
  readonly server: RunningHttpServer;
  readonly url: string;
  health: HealthReport;
  close(): Promise<void>;
}

/** A test bot behind the real HTTP server on a free loopback port, in local mode unless told otherwise. */
export async function startLocalServer(env: Record<string, string> = {}, options: Partial<HttpServerOptions> = {}): Promise<LocalServer> {
  const testBot = createTestBot({ PORT: '0', ...env });
  const local = { ...testBot, health: { checks: { models: true } } as HealthReport };
  const server = await startHttpServer({
    config: testBot.config,
    bot: testBot.bot,
    logger: testBot.logger,
    localMode: true,
    health: () => local.health,
    lateRequestMs: 0,
    ...options,
  });
  return Object.assign(local, {
    server,
    url: server.url,
    close: async () => {
      await server.close();
      await testBot.bot.close();
    },
  });
}

/** A small poster-like PNG: a vertical gradient between two colours, so each pair gives different bytes. */
export async function posterPng(top: readonly [number, number, number], bottom: readonly [number, number, number]): Promise<Uint8Array<ArrayBuffer>> {
  const width = 120;
  const height = 180;
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    const t = y / (height - 1);
    const colour = top.map((value, channel) => Math.round(value + ((bottom[channel] ?? 0) - value) * t));
    for (let x = 0; x < width; x++) pixels.set(colour, (y * width + x) * 3);
  }
  // A copy on its own ArrayBuffer, which fetch accepts as a body.
  return new Uint8Array(await sharp(pixels, { raw: { width, height, channels: 3 } }).png().toBuffer());
}
