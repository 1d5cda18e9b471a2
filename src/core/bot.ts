import type { Keyv } from 'keyv';
import { IMAGE_REPLY_MODES, type Config, type ImageReplyMode } from '../config.js';
import type { Logger } from '../logger.js';
import { errorFields } from '../util/error-message.js';
import { BatchQueue } from './batch-queue.js';
import { createResultCache, normaliseReview, sha256 } from './cache.js';
import type { BotStore, Verdict } from './bot-store.js';
import type { BotServices, ImageSource, Place, Platform, RateReviewOptions, Requester } from './command.js';
import type { DownloadedImage } from './download/index.js';
import { FeedbackDesk } from './feedback.js';
import { withoutLinks } from './message-links.js';
import { withoutPageLines } from './pasted-review.js';
import { inReadableFormat } from './heic.js';
import { cutPosterTiles, type DecodedPoster, decodePosterRegion, NO_TILES, type PictureSize, type PosterTiles, tooSmallForGate } from './image.js';
import { MIN_TILE_POSTERS } from './poster-tiles.js';
import { BotMetrics } from './metrics.js';
import { failsPosterGate, type PosterPredictor, type PosterResult, type ReviewPredictor } from './predictions.js';
import { PosterExplainer } from './poster-explainer.js';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.js';
import { RedisConnection } from './redis-connection.js';
import { RedisRateLimiter } from './redis-rate-limit.js';
import { RecentPosters } from './recent-posters.js';
import { notAPosterNotice, notice, type PosterReply, privateNotice, tileLabel, UserFacingError, type Reply } from './reply.js';
import { ASKED_ABOUT_A_FILM, isQuestionForTheBot } from './review-question.js';
import { hasReadableWords, withChatReading } from './review-text.js';
import { severalScores, statedReviewResult } from './stated-score.js';

/** Fetches a poster, enforcing the download policy (see src/core/download/index.ts). */
export type Downloader = (source: ImageSource) => Promise<DownloadedImage>;

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
  /** Channel settings and feedback; without it every channel has the default mode and no answer takes votes. */
  readonly store?: BotStore;
}

/** What `/settings` calls where it was used. */
const placeName = (place: Place): string => (place.parentChannelId === undefined ? 'channel' : 'thread');

const SETTINGS_OUTSIDE_A_CHANNEL = privateNotice('Use `/settings` in the channel it should apply to.', 'error');

const IMAGE_REPLY_MEANING: Readonly<Record<ImageReplyMode, string>> = {
  auto: 'I answer images that look like movie posters and stay quiet on the rest',
  mention: 'I answer images only in messages that mention me or reply to me',
  off: 'I answer images only through /poster and "Read poster"',
};


/** The gate's verdict that the image is not a movie poster, before it becomes a notice or silence. */
interface NotAPoster {
  readonly kind: 'not-a-poster';
  readonly poster: number;
  readonly bytes: Uint8Array;
  readonly imageSha256: string;
  readonly tooSmall: PictureSize | undefined;
}

export interface PosterRequestOptions {
  /** Answer with genres even when the gate says the image is not a movie poster (the API's `?force=1`). */
  readonly force?: boolean;
  /** Add the top genre's heat map and its overlay on the poster (the API's `?explain=1`). */
  readonly explain?: boolean;
}

/** Reviews longer than this are cut: the model reads a few hundred tokens at most. */
const MAX_REVIEW_CHARS = 20_000;
/** How much of a review its answer quotes back. */
const QUOTED_REVIEW_CHARS = 300;
const CACHE_TTL_MS = 30 * 24 * 3600 * 1000;
/** Images kept for "Why?" and "Read it anyway" in memory when there is no Redis: about 50 KB each. */
const RECENT_POSTERS_IN_MEMORY = 100;

const FORGOTTEN_IMAGE = 'I no longer have that image: send it again with /poster.';
const ALREADY_READ_ANYWAY = 'This button has already been pressed: I read the image anyway then, and posted its genres and rating.';

const shortened = (review: string): string => (review.length > QUOTED_REVIEW_CHARS ? `${review.slice(0, QUOTED_REVIEW_CHARS - 3)}...` : review);

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
  /** The process's one Redis connection when `CACHE_URL` is set; adapters share it and `/healthz` reports it. */
  readonly redis: RedisConnection | undefined;
  private readonly cache: Keyv;
  private readonly rateLimiter: RateLimiter;
  private readonly feedback: FeedbackDesk;
  private readonly explainer: PosterExplainer;
  /** Chat answers' images, kept small for a day for the buttons under them ("Why?", "Read it anyway"). */
  private readonly recentPosters: RecentPosters;
  private readonly posterQueue: BatchQueue<Uint8Array, PosterResult>;
  private readonly reviewQueue: BatchQueue<string, number>;
  /** Posters being downloaded, decoded or inferred: bounded, so a burst cannot hold unbounded image bytes. */
  private postersInFlight = 0;

  constructor(private readonly options: MovieBotOptions) {
    const { config } = options;
    this.metrics = options.metrics ?? new BotMetrics();
    this.redis = config.cacheUrl === undefined ? undefined : new RedisConnection(config.cacheUrl, options.logger);
    if (this.redis !== undefined) this.metrics.watchDependency('redis', () => this.redis!.isUp());
    this.cache = options.cache ?? createResultCache(this.redis);
    this.cache.on('error', (error: unknown) => options.logger.debug({ err: error }, 'result cache unavailable'));
    this.rateLimiter =
      options.rateLimiter ??
      (this.redis === undefined ? new MemoryRateLimiter(config.limits.ratePerMinute) : new RedisRateLimiter(this.redis, config.limits.ratePerMinute));
    this.feedback = new FeedbackDesk(options.store, options.logger, { modelVersion: options.modelVersion, keepImages: config.feedback.keepImages });
    const recentStore = createResultCache(this.redis, { capacity: RECENT_POSTERS_IN_MEMORY, namespace: 'moviebot-posters' });
    recentStore.on('error', (error: unknown) => options.logger.debug({ err: error }, 'recent posters unavailable'));
    this.recentPosters = new RecentPosters(recentStore);
    this.explainer = new PosterExplainer(options.posterPredictor, this.recentPosters);
    const queueOptions = (model: string) => ({
      windowMs: config.limits.batchWindowMs,
      maxBatch: config.limits.maxBatch,
      maxConcurrent: config.limits.maxConcurrentInferences,
      maxQueue: config.limits.maxQueue,
      onDepthChange: (depth: number) => this.metrics.queueDepth.set({ model }, depth),
    });
    // Where batches buy nothing, a poster goes as soon as it comes rather than after the batch window.
    const oneByOne = options.posterPredictor.batchesHelp === false ? { windowMs: 0, maxBatch: 1 } : {};
    this.posterQueue = new BatchQueue(
      (images) => this.timed('poster', images.length, () => options.posterPredictor.predict(images)),
      { ...queueOptions('poster'), ...oneByOne },
    );
    this.reviewQueue = new BatchQueue(
      (texts) => this.timed('review', texts.length, () => options.reviewPredictor.predict(texts)),
      queueOptions('review'),
    );
  }

  /**
   * Someone asked (`/poster`, the API): an image that is not a poster gets a notice saying so, which on chat
   * platforms offers "Read it anyway" (the gate is sometimes wrong, and the person asked).
   */
  async analyzePoster(source: ImageSource, requester: Requester, options: PosterRequestOptions = {}): Promise<Reply> {
    const reply = await this.posterReply(source, requester, options);
    if (reply.kind !== 'not-a-poster') return reply;
    const keptId = await this.keepForButton(reply.imageSha256, reply.bytes, requester);
    return notAPosterNotice({ poster: reply.poster, ...(keptId === undefined ? {} : { keptId }), ...(reply.tooSmall === undefined ? {} : { tooSmall: reply.tooSmall }) });
  }

  /** "Read it anyway" under a refusal: the genres and rating of the image it refused, with a caveat. */
  async readAnyway(posterId: string, requester: Requester, refusalId: string): Promise<Reply> {
    const bytes = await this.recentPosters.find(posterId).catch(() => undefined);
    if (bytes === undefined) return notice('error', FORGOTTEN_IMAGE);
    const button = `${requester.platform}:${requester.place?.channelId ?? ''}:${refusalId}`;
    if (!(await this.recentPosters.claimReadAnyway(posterId, button).catch(() => true))) return privateNotice(ALREADY_READ_ANYWAY);
    const reply = await this.analyzePoster({ kind: 'bytes', bytes }, requester, { force: true });
    if (reply.kind !== 'poster') await this.recentPosters.releaseReadAnyway(posterId, button).catch(() => undefined);
    return reply;
  }

  /**
   * An image posted where nobody asked: undefined (say nothing) when the gate says it is not a movie poster, or
   * when it could not be read or the bot is busy: silence, not noise, in a channel full of memes.
   */
  async answerPostedImage(source: ImageSource, requester: Requester): Promise<Reply | undefined> {
    const reply = await this.posterReply(source, requester, {});
    return reply.kind === 'not-a-poster' || reply.kind === 'notice' ? undefined : reply;
  }

  private posterReply(source: ImageSource, requester: Requester, options: PosterRequestOptions): Promise<Reply | NotAPoster> {
    return this.answer(requester, 'poster', async () => {
      await this.checkRate(requester);
      if (this.postersInFlight >= this.options.config.limits.maxQueue) {
        throw new UserFacingError("I'm busy with other posters right now: try again in a few seconds.", 'busy', 5);
      }
      this.postersInFlight += 1;
      try {
        return await this.analyzeAdmitted(source, requester, options);
      } finally {
        this.postersInFlight -= 1;
      }
    });
  }

  private async analyzeAdmitted(source: ImageSource, requester: Requester, options: PosterRequestOptions): Promise<Reply | NotAPoster> {
    const { bytes: downloaded, link } = await this.options.download(source);
    const bytes = await inReadableFormat(downloaded);
    const imageSha256 = sha256(bytes);
    // Decoded at most once per request, whether the models, the heat map or both need the pixels.
    let poster: Promise<DecodedPoster> | undefined;
    const decoded = () => (poster ??= decodePosterRegion(bytes, this.options.posterPredictor.inputSize));
    // The picture is read whole while posters side by side are looked for in it: most pictures are one poster. A
    // spoilered picture is read whole, as its cut-out posters would show it.
    const spoiler = source.kind === 'url' && source.spoiler === true;
    const lookForTiles = options.force !== true && !spoiler;
    const [result, { found, tiles }] = await Promise.all([this.posterResult(imageSha256, decoded), lookForTiles ? this.posterTiles(bytes) : NO_TILES]);
    const several = await this.tileReplies(tiles, found);
    if (several.length >= MIN_TILE_POSTERS) {
      return { kind: 'posters', posters: several, found, read: tiles.length, ...(source.name === undefined ? {} : { fileName: source.name }) };
    }
    if (options.force !== true && failsPosterGate(result)) {
      return { kind: 'not-a-poster', poster: result.poster, bytes, imageSha256, tooSmall: await tooSmallForGate(bytes) };
    }
    // A HEIC photo's link would show nothing as a card's thumbnail: chat clients and browsers don't display HEIC.
    const publicUrl = source.kind === 'url' && source.headers === undefined && bytes === downloaded && !spoiler ? link : undefined;
    const explanation = options.explain === true ? await this.explainer.explain(bytes, decoded) : undefined;
    const [answerId, whyId] = await Promise.all([
      this.feedback.remember(result, imageSha256, bytes, requester),
      // "Why?" would show the picture under its heat map: a spoilered one gets no such button.
      explanation === undefined && this.explainer.available && !spoiler ? this.keepForButton(imageSha256, bytes, requester) : undefined,
    ]);
    return {
      kind: 'poster', result, imageUrl: publicUrl, fileName: source.name,
      ...(answerId === undefined ? {} : { answerId }),
      ...(whyId === undefined ? {} : { whyId }),
      ...(explanation === undefined ? {} : { explanation }),
    };
  }

  private posterResult(imageSha256: string, decoded: () => Promise<DecodedPoster>): Promise<PosterResult> {
    return this.cached(`poster:${this.options.modelVersion}:${imageSha256}`, 'poster', async () => this.posterQueue.run((await decoded()).pixels));
  }

  /** The posters cut out of a picture of several side by side; none when it is one poster or cannot be cut. */
  private async posterTiles(bytes: Uint8Array): Promise<PosterTiles> {
    try {
      return await cutPosterTiles(bytes);
    } catch (error) {
      // The whole picture's read says what is wrong with it, to the user.
      this.options.logger.debug({ err: errorFields(error) }, 'could not look for several posters');
      return NO_TILES;
    }
  }

  /**
   * An answer for each tile the gate takes for a poster, labelled by its place among the `found` posters (the caller
   * reads the picture whole unless {@link MIN_TILE_POSTERS} pass).
   */
  private async tileReplies(tiles: readonly Uint8Array[], found: number): Promise<PosterReply[]> {
    const inputSize = this.options.posterPredictor.inputSize;
    try {
      const replies = await Promise.all(tiles.map(async (tile, index): Promise<PosterReply | undefined> => {
        const result = await this.posterResult(sha256(tile), () => decodePosterRegion(tile, inputSize));
        if (failsPosterGate(result)) return undefined;
        return { kind: 'poster', result, fileName: tileLabel(index, found), tile };
      }));
      return replies.filter((reply) => reply !== undefined);
    } catch (error) {
      // A full queue (ten tiles are ten passes) costs the person the cards, not the answer the picture already has.
      this.options.logger.debug({ err: errorFields(error) }, 'could not read the posters one by one: answering the picture whole');
      return [];
    }
  }

  /** "Why?" under a chat answer: the heat map of the top genre over the poster that answer was about. */
  async explainAnswer(posterId: string, requester: Requester): Promise<Reply> {
    return this.answer(requester, 'why', async () => {
      await this.checkRate(requester);
      return { kind: 'heatmap', explanation: await this.explainer.explainKept(posterId) };
    });
  }

  async imageReplyMode(platform: Platform, place: Place): Promise<ImageReplyMode> {
    return (await this.configuredMode(platform, place)).mode;
  }

  /** The place's image-reply mode, and whether it is a thread's that follows its channel's. */
  private async configuredMode(platform: Platform, place: Place): Promise<{ readonly mode: ImageReplyMode; readonly fromChannel: boolean }> {
    const fallback = { mode: this.options.config.imageReplies, fromChannel: false };
    const { store } = this.options;
    if (store === undefined) return fallback;
    try {
      const own = await store.imageReplyMode(platform, place.channelId);
      if (own !== undefined) return { mode: own, fromChannel: false };
      const channels = place.parentChannelId === undefined ? undefined : await store.imageReplyMode(platform, place.parentChannelId);
      return channels === undefined ? fallback : { mode: channels, fromChannel: true };
    } catch (error) {
      this.options.logger.warn({ err: error }, `settings unavailable: using the default image-reply mode "${fallback.mode}"`);
      return fallback;
    }
  }

  async setImageReplyMode(requester: Requester, mode: ImageReplyMode): Promise<Reply> {
    const { place } = requester;
    if (place === undefined || place.direct) return SETTINGS_OUTSIDE_A_CHANNEL;
    if (this.options.store === undefined) return privateNotice('Settings cannot be saved on this bot.', 'error');
    await this.options.store.setImageReplyMode(requester.platform, place.channelId, mode);
    return privateNotice(`Image replies in this ${placeName(place)}: **${mode}** (${IMAGE_REPLY_MEANING[mode]}).`);
  }

  /** `/settings` without a mode: the channel's mode, and the others to choose from. */
  async showImageReplyMode(requester: Requester): Promise<Reply> {
    const { place } = requester;
    if (place === undefined || place.direct) return SETTINGS_OUTSIDE_A_CHANNEL;
    const { mode, fromChannel } = await this.configuredMode(requester.platform, place);
    const others = IMAGE_REPLY_MODES.filter((other) => other !== mode).map((other) => `\`/settings ${other}\` (${IMAGE_REPLY_MEANING[other]})`);
    const whose = fromChannel ? ', as in its channel' : '';
    return privateNotice(`Image replies in this ${placeName(place)}: **${mode}**${whose} (${IMAGE_REPLY_MEANING[mode]}). Admins can change it: ${others.join(' or ')}.`);
  }

  vote(answerId: string, requester: Requester, verdict: Verdict): Promise<Reply> {
    return this.feedback.vote(answerId, requester, verdict);
  }

  correct(answerId: string, requester: Requester, genres: readonly string[]): Promise<Reply> {
    return this.feedback.correct(answerId, requester, genres);
  }

  forgetUser(requester: Requester): Promise<Reply> {
    return this.feedback.forget(requester);
  }

  /** With `explain`, the reply also says which words drove the rating (one model call that re-rates variants). */
  async rateReview(text: string, requester: Requester, options: RateReviewOptions = {}): Promise<Reply> {
    return this.answer(requester, 'review', async () => {
      const review = withoutPageLines(text.trim().slice(0, MAX_REVIEW_CHARS));
      if (review === '') throw new UserFacingError('Give me a review to rate, e.g. `/rate-review A slow start, then wonderful.`');
      if (isQuestionForTheBot(review)) {
        throw new UserFacingError(ASKED_ABOUT_A_FILM);
      }
      // The model would read one rating into a list of them, which none of the scores would bear out.
      const several = severalScores(review);
      if (several !== undefined) {
        throw new UserFacingError(`That gives several scores (${several.join(', ')}), so I can't tell which one is the review's: send one review at a time, with one score or none.`);
      }
      const explain = options.explain === true;
      // A stated score is enough on its own ("★★★½" has no word).
      const stated = statedReviewResult(review, explain);
      if (stated === undefined && !hasReadableWords(review)) throw new UserFacingError("I couldn't find any words in that review, so I can't rate it.");
      if (stated === undefined && !hasReadableWords(withoutLinks(review))) {
        throw new UserFacingError("That's a link, not a review: I don't open review pages, so paste the review's text and I'll rate it.");
      }
      await this.checkRate(requester);
      if (stated) return { kind: 'review', result: stated, text: shortened(review) };
      if (!this.options.reviewPredictor.canRead(review)) {
        throw new UserFacingError("That review doesn't look like English, and English is the only language I can rate: my answer would be a guess from the few words I know.");
      }
      const key = `review:${this.options.modelVersion}:${explain ? 'explain:' : ''}${sha256(normaliseReview(review))}`;
      const result = await this.cached(key, 'review', async () => explain
        ? this.timed('review-explain', 1, () => this.options.reviewPredictor.explain(review))
        : { rating: await this.reviewQueue.run(review) });
      return { kind: 'review', result: explain ? withChatReading(result, review) : result, text: shortened(review) };
    });
  }

  /** True while no poster or review is being worked on: shutdown waits for this. */
  get idle(): boolean {
    return this.postersInFlight === 0 && this.posterQueue.idle && this.reviewQueue.idle;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.cache.disconnect(), this.redis?.close()]);
  }

  private async answer<T extends Reply | NotAPoster>(requester: Requester, kind: string, work: () => Promise<T>): Promise<T | Reply> {
    const log = this.options.logger.child({ requestId: requester.requestId, platform: requester.platform, kind });
    try {
      const reply = await work();
      const outcome = reply.kind === 'not-a-poster' ? 'not-a-poster' : 'result';
      this.metrics.replies.inc({ platform: requester.platform, outcome });
      log.info({ outcome }, `${kind} answered`);
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

  /**
   * Keeps a chat answer's image (small, for a day) for a button under it; returns the id the button carries, or
   * undefined (no button) when it cannot be kept. The local page and API send the image again instead.
   */
  private async keepForButton(imageSha256: string, bytes: Uint8Array, requester: Requester): Promise<string | undefined> {
    if (requester.platform === 'local') return undefined;
    try {
      await this.recentPosters.keep(imageSha256, bytes);
      return imageSha256;
    } catch (error) {
      this.options.logger.warn({ err: errorFields(error) }, 'could not keep the image: no button under this answer');
      return undefined;
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
