import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { Events, Status, type Client } from 'discord.js';
import type { Config } from '../../config.js';
import type { BotServices, CommandDefinition } from '../../core/command.js';
import { AnsweredMessages } from '../../core/answered-messages.js';
import { LatePreviews } from '../../core/late-previews.js';
import type { BotMetrics } from '../../core/metrics.js';
import type { Logger } from '../../logger.js';
import type { PlatformConnection } from '../connection.js';
import { createClient } from './client.js';
import { errorFields } from '../../util/error-message.js';
import { createCommandHandler } from './command-handler.js';
import { createDeletionHandler } from './deletion-handler.js';
import { createFeedbackHandler } from './feedback-handler.js';
import { createMessageHandler } from './message-handler.js';
import { linkPreviews } from './link-previews.js';
import { createRateReviewHandler, RATE_REVIEW } from './rate-review-handler.js';
import { createReadPosterHandler, READ_POSTER } from './read-poster-handler.js';
import { createKeptImageButtonHandler, isKeptImageButton } from './kept-image-buttons.js';

/** Replies in flight get this long to be delivered before the socket closes (the process allows 10 s in all). */
const STOP_GRACE_MS = 8_000;

/** discord.js measures the ping on each heartbeat (about every 41 s); the gauge follows it. */
const PING_REPORT_MS = 10_000;

export interface DiscordOptions {
  readonly config: Config;
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
  /** Where to report each shard's heartbeat round trip, e.g. the bot's {@link BotMetrics}. */
  readonly metrics?: Pick<BotMetrics, 'gatewayPing'>;
}

/**
 * Connects to Discord's gateway (whose URL comes from `GET /gateway/bot` on `DISCORD_API_URL`) and answers
 * posters in messages and slash commands until stopped. Resolves once the client is ready.
 *
 * @example
 * const discord = await startDiscord({ config, bot, commands, logger });
 * process.once('SIGTERM', () => void discord.stop());
 */
export async function startDiscord({ config, bot, commands, logger, metrics }: DiscordOptions): Promise<PlatformConnection> {
  if (config.discord === undefined) throw new Error('startDiscord needs DISCORD_TOKEN');
  const log = logger.child({ platform: 'discord' });
  const client = createClient(config.discord);
  const inFlight = new Set<Promise<void>>();
  let accepting = true;
  /** Handlers answer inside the error boundary and never reject; tracking them lets `stop` wait for replies. */
  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const latePreviews = new LatePreviews();
  const answered = new AnsweredMessages();
  const handleMessage = createMessageHandler({ bot, logger, latePreviews, answered });
  const handleDeletion = createDeletionHandler({ answered, logger });
  const handleCommand = createCommandHandler({ bot, commands, logger });
  const handleReadPoster = createReadPosterHandler({ bot, logger, answered });
  const handleRateReview = createRateReviewHandler({ bot, logger, answered });
  const handleFeedback = createFeedbackHandler({ bot, logger });
  const handleKeptImageButton = createKeptImageButtonHandler({ bot, logger, answered });
  client.on(Events.MessageCreate, (message) => {
    if (accepting) track(handleMessage(message));
  });
  client.on(Events.MessageUpdate, (_before, message) => latePreviews.add(message.id, linkPreviews(message)));
  client.on(Events.MessageDelete, (message) => track(handleDeletion(message)));
  client.on(Events.MessageBulkDelete, (messages) => messages.forEach((message) => track(handleDeletion(message))));
  client.on(Events.InteractionCreate, (interaction) => {
    if (!accepting) return;
    if (interaction.isChatInputCommand()) track(handleCommand(interaction));
    else if (interaction.isMessageContextMenuCommand() && interaction.commandName === READ_POSTER) track(handleReadPoster(interaction));
    else if (interaction.isMessageContextMenuCommand() && interaction.commandName === RATE_REVIEW) track(handleRateReview(interaction));
    else if (interaction.isButton() && isKeptImageButton(interaction.customId)) track(handleKeptImageButton(interaction));
    else if (interaction.isButton() || interaction.isStringSelectMenu()) track(handleFeedback(interaction));
  });
  logConnectionEvents(client, log);

  const ready = once(client, Events.ClientReady);
  try {
    await client.login(config.discord.token);
    await ready;
  } catch (error) {
    await client.destroy();
    throw error;
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: client.ws.shards.size }, 'connected to Discord');
  const pingReporter = metrics === undefined ? undefined : reportPing(client, metrics);

  return {
    name: 'discord',
    isHealthy: () => client.isReady() && client.ws.shards.every((shard) => shard.status === Status.Ready),
    async stop() {
      accepting = false;
      clearInterval(pingReporter);
      await Promise.race([Promise.all(inFlight), delay(STOP_GRACE_MS, undefined, { ref: false })]);
      await client.destroy();
      log.info('disconnected from Discord');
    },
  };
}

function reportPing(client: Client, metrics: Pick<BotMetrics, 'gatewayPing'>): NodeJS.Timeout {
  const report = () => {
    for (const shard of client.ws.shards.values()) if (shard.ping >= 0) metrics.gatewayPing.set({ shard: String(shard.id) }, shard.ping / 1000);
  };
  report();
  return setInterval(report, PING_REPORT_MS).unref();
}

function logConnectionEvents(client: Client, log: Logger): void {
  client.on(Events.ShardReady, (shardId) => log.info({ shardId }, 'shard ready'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'shard resumed'));
  client.on(Events.ShardReconnecting, (shardId) => log.warn({ shardId }, 'shard reconnecting'));
  client.on(Events.ShardDisconnect, ({ code }, shardId) => log.error({ shardId, code }, 'shard disconnected for good'));
  client.on(Events.ShardError, (error, shardId) => log.warn({ shardId, err: errorFields(error) }, 'shard connection error'));
  client.on(Events.Error, (error) => log.error({ err: errorFields(error) }, 'discord client error'));
  client.rest.on('rateLimited', ({ route, retryAfter, global, scope }) => log.warn({ route, retryAfter, global, scope }, 'rate limited by Discord'));
}
