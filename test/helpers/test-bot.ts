import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.js';
import { createMovieBot } from '../../src/app.js';
import type { MovieBot } from '../../src/core/bot.js';
import type { BotStore } from '../../src/core/bot-store.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { FakePosterPredictor, FakeReviewPredictor } from './fake-predictors.js';

/** Everything a test logger wrote, to assert on (e.g. that no secret was logged). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];

  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter((line) => line !== ''));
    done();
  }

  get text(): string {
    return this.lines.join('\n');
  }
}

export interface TestBot {
  readonly bot: MovieBot;
  readonly config: Config;
  readonly logger: Logger;
  readonly logs: LogCapture;
  readonly posterPredictor: FakePosterPredictor;
  readonly reviewPredictor: FakeReviewPredictor;
}

/**
 * A real MovieBot (real downloads, cache, limits, queue) around fake models, configured from `env` like the
 * process is. Loopback downloads need `DOWNLOAD_ALLOW_HOSTS=127.0.0.1:<port>` in `env`.
 */
export function createTestBot(env: Record<string, string> = {}, { store }: { store?: BotStore } = {}): TestBot {
  const config = loadConfig({ LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '1000', BATCH_WINDOW_MS: '0', ...env });
  const logs = new LogCapture();
  const logger = createLogger(config.logLevel, logs);
  const posterPredictor = new FakePosterPredictor();
  const reviewPredictor = new FakeReviewPredictor();
  const bot = createMovieBot({ config, logger, posterPredictor, reviewPredictor, modelVersion: 'test', store });
  return { bot, config, logger, logs, posterPredictor, reviewPredictor };
}
