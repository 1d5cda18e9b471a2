import { commands } from '../commands/index.js';
import type { PlatformConnection } from './adapters/connection.js';
import { startDiscord } from './adapters/discord/index.js';
import { startSlack } from './adapters/slack/index.js';
import { platformsOf, type Config } from './config.js';
import { MovieBot, type MovieBotOptions } from './core/bot.js';
import type { BotStore } from './core/bot-store.js';
import { downloadImage } from './core/download/index.js';
import type { PosterPredictor, ReviewPredictor } from './core/predictions.js';
import { startHttpServer } from './http/server.js';
import type { Logger } from './logger.js';

export interface AppOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  readonly modelVersion: string;
  /** False while no model can answer (e.g. every inference worker is down); /healthz reports it. */
  readonly modelsReady?: () => boolean;
  /** Channel settings and feedback (see src/store/); closed by `stop` once the adapters have drained. */
  readonly store?: BotStore;
}

export interface RunningApp {
  readonly bot: MovieBot;
  readonly url: string;
  /** Stops taking work, waits up to `graceMs` for work in flight, then closes every connection. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * The bot core with its real downloader: the one place the app, the tests and the benches build a {@link MovieBot}.
 *
 * @example
 * const bot = createMovieBot({ config, logger, posterPredictor, reviewPredictor, modelVersion: 'test' });
 */
export function createMovieBot(options: Omit<MovieBotOptions, 'download'>): MovieBot {
  return new MovieBot({ ...options, download: (source) => downloadImage(source, options.config.download) });
}

/** Wires the core to the platforms the configuration names, or to the local page when it names none. */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger, posterPredictor, reviewPredictor, modelVersion, modelsReady = () => true, store } = options;
  const bot = createMovieBot({ config, logger, posterPredictor, reviewPredictor, modelVersion, store });
  const connections: PlatformConnection[] = [];
  let slackEvents: ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void) | undefined;
  if (config.discord) connections.push(await startDiscord({ config, bot, commands, logger, metrics: bot.metrics }));
  if (config.slack) {
    const slack = await startSlack({ config, bot, commands, logger, redis: bot.redis });
    connections.push(slack.connection);
    slackEvents = slack.handleHttp;
  }
  const localMode = platformsOf(config).length === 0;
  const http = await startHttpServer({
    config,
    bot,
    logger,
    localMode,
    slackEvents,
    health: () => ({
      checks: { models: modelsReady(), ...Object.fromEntries(connections.map((connection) => [connection.name, connection.isHealthy()])) },
      ...(bot.redis === undefined ? {} : { dependencies: { redis: bot.redis.isUp() } }),
    }),
  });
  logger.info({ url: http.url, platforms: platformsOf(config) }, localMode ? `local mode: open ${http.url}` : 'bot started');

  return {
    bot,
    url: http.url,
    async stop(graceMs = 8_000) {
      const closing = Promise.allSettled([...connections.map((connection) => connection.stop()), http.close()]);
      const deadline = Date.now() + graceMs;
      while (!bot.idle && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      await closing;
      await bot.close();
      await store?.close();
    },
  };
}
