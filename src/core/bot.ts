import type { Keyv } from 'keyv';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { BatchQueue } from './batch-queue.js';
import { createResultCache, normaliseReview, sha256 } from './cache.js';
import type { BotServices, ImageSource, RateReviewOptions, Requester } from './command.js';
import { decodePoster } from './image.js';
import { BotMetrics } from './metrics.js';
import type { PosterPredictor, PosterResult, ReviewPredictor } from './predictions.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.js';
import { RedisRateLimiter } from './redis-rate-limit.js';
import { notice, UserFacingError, type Reply } from './reply.js';

/** Fetches the bytes of a poster, enforcing the download policy (see src/core/download.ts). */
export type Downloader = (source: ImageSource) => Promise<Uint8Array>;

export interface MovieBotOptions {
  readonly config: Config;
  readonly logger: Logger;
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  readonly download: Downloader;
  /** Part of every cache key, so a new model never serves an old model's answers. */
  readonly modelVersion: string;
  readonly cache?: Keyv;
  readonly rateLimiter?: RateLimiter;
  readonly metrics?: BotMetrics;
}

/** Reviews longer than this are cut: the model reads a few hundred tokens at most. */
const MAX_REVIEW_CHARS = 20_000;
const CACHE_TTL_MS = 30 * 24 * 3600 * 1000;

/**
 * The platform-neutral bot: rate limits, downloads, caches and queues work for the models, and turns every
 * outcome into a {@link Reply}. Errors meant for the user become notices; anything else is thrown to the
 * adapter's error boundary.
 *
 * @example
 * const reply = await bot.analyzePoster({ kind: 'url', url, origin: 'user' }, { platform: 'discord', userId });
 */
export class MovieBot implements BotServices {
  readonly metrics: BotMetrics;
  private readonly cache: Keyv;
  private readonly rateLimiter: RateLimiter;
  private readonly posterQueue: BatchQueue<Uint8Array, PosterResult>;
  private readonly reviewQueue: BatchQueue<string, number>;
  /** Posters being downloaded, decoded or inferred: bounded, so a burst cannot hold unbounded image bytes. */
  private postersInFlight = 0;

  constructor(private readonly options: MovieBotOptions) {
    const { config } = options;
    this.metrics = options.metrics ?? new BotMetrics();
    this.cache = options.cache ?? createResultCache(config.cacheUrl);
    this.cache.on('error', (error: unknown) => options.logger.warn({ err: error }, 'result cache unavailable'));
    this.rateLimiter =
      options.rateLimiter ??
      (config.cacheUrl === undefined
        ? new MemoryRateLimiter(config.limits.ratePerMinute)
        : new RedisRateLimiter(config.cacheUrl, config.limits.ratePerMinute, (error) =>
            options.logger.warn({ err: error }, 'rate limits unavailable: letting requests through'),
          ));
    const queueOptions = (model: string) => ({
      windowMs: config.limits.batchWindowMs,
      maxBatch: config.limits.maxBatch,
      maxConcurrent: config.limits.maxConcurrentInferences,
      maxQueue: config.limits.maxQueue,
      onDepthChange: (depth: number) => this.metrics.queueDepth.set({ model }, depth),
    });
    this.posterQueue = new BatchQueue(
      (images) => this.timed('poster', images.length, () => options.posterPredictor.predict(images)),
      queueOptions('poster'),
    );
    this.reviewQueue = new BatchQueue(
      (texts) => this.timed('review', texts.length, () => options.reviewPredictor.predict(texts)),
      queueOptions('review'),
    );
  }

  async analyzePoster(source: ImageSource, requester: Requester): Promise<Reply> {
    return this.answer(requester, 'poster', async () => {
      await this.checkRate(requester);
      if (this.postersInFlight >= this.options.config.limits.maxQueue) {
        throw new UserFacingError("I'm busy with other posters right now: try again in a few seconds.", 'busy', 5);
      }
      this.postersInFlight += 1;
      try {
        return await this.analyzeAdmitted(source);
      } finally {
        this.postersInFlight -= 1;
      }
    });
  }

  private async analyzeAdmitted(source: ImageSource): Promise<Reply> {
    const bytes = await this.options.download(source);
    const result = await this.cached(`poster:${this.options.modelVersion}:${sha256(bytes)}`, 'poster', async () => {
      const pixels = await decodePoster(bytes, this.options.posterPredictor.inputSize);
      return this.posterQueue.run(pixels);
    });
    const publicUrl = source.kind === 'url' && source.headers === undefined ? source.url : undefined;
    return { kind: 'poster', result, imageUrl: publicUrl, fileName: source.name };
  }

  /** With `explain`, the reply also says which words drove the rating (one model call that re-rates variants). */
  async rateReview(text: string, requester: Requester, options: RateReviewOptions = {}): Promise<Reply> {
    return this.answer(requester, 'review', async () => {
      const review = text.trim().slice(0, MAX_REVIEW_CHARS);
      if (review === '') throw new UserFacingError('Give me a review to rate, e.g. `/rate-review A slow start, then wonderful.`');
      if (!/\p{L}/u.test(review)) throw new UserFacingError("I couldn't find any words in that review, so I can't rate it.");
      await this.checkRate(requester);
      const explain = options.explain === true;
      const key = `review:${this.options.modelVersion}:${explain ? 'explain:' : ''}${sha256(normaliseReview(review))}`;
      const result = await this.cached(key, 'review', async () => explain
        ? this.timed('review-explain', 1, () => this.options.reviewPredictor.explain(review))
        : { rating: await this.reviewQueue.run(review) });
      return { kind: 'review', result, text: review.length > 300 ? `${review.slice(0, 297)}...` : review };
    });
  }

  /** True while no poster or review is being worked on: shutdown waits for this. */
  get idle(): boolean {
    return this.postersInFlight === 0 && this.posterQueue.idle && this.reviewQueue.idle;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.cache.disconnect(), this.rateLimiter.close?.()]);
  }

  private async answer(requester: Requester, kind: string, work: () => Promise<Reply>): Promise<Reply> {
    const log = this.options.logger.child({ requestId: requester.requestId, platform: requester.platform, kind });
    try {
      const reply = await work();
      this.metrics.replies.inc({ platform: requester.platform, outcome: 'result' });
      log.info({ outcome: 'result' }, `${kind} answered`);
      return reply;
    } catch (error) {
      if (!(error instanceof UserFacingError)) {
        this.metrics.replies.inc({ platform: requester.platform, outcome: 'failure' });
        throw error;
      }
      this.metrics.replies.inc({ platform: requester.platform, outcome: error.tone });
      log.info({ outcome: error.tone, reason: error.message }, `${kind} refused`);
      return notice(error.tone, error.message, error.retryAfterSeconds);
    }
  }

  private async checkRate(requester: Requester): Promise<void> {
    const verdict = await this.rateLimiter.take(`${requester.platform}:${requester.userId}`);
    if (!verdict.allowed) {
      const seconds = verdict.retryAfterSeconds;
      throw new UserFacingError(`Slow down a little: you can ask again in ${seconds} s.`, 'busy', seconds);
    }
  }

  private async cached<T>(key: string, kind: string, compute: () => Promise<T>): Promise<T> {
    const hit = (await this.cache.get(key)) as T | undefined;
    this.metrics.cacheLookups.inc({ kind, outcome: hit === undefined ? 'miss' : 'hit' });
    if (hit !== undefined) return hit;
    const value = await compute();
    await this.cache.set(key, value, CACHE_TTL_MS);
    return value;
  }

  private async timed<T>(model: string, size: number, run: () => Promise<T>): Promise<T> {
    const stop = this.metrics.inferenceSeconds.startTimer({ model });
    this.metrics.batchSize.observe({ model }, size);
    try {
      return await run();
    } finally {
      stop();
    }
  }
}
