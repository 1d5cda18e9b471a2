import { Client, GatewayIntentBits, Options, Partials, WorkerShardingStrategy, type ClientOptions } from 'discord.js';

export interface ClientSettings {
  readonly apiUrl: string;
  /** Ask for the privileged Message Content intent; without it only DMs and mentions carry attachments. */
  readonly messageContent: boolean;
  /** `auto`: as many shards as Discord's `GET /gateway/bot` recommends. */
  readonly shards: number | 'auto';
}

/**
 * A discord.js client pointed at `apiUrl` (REST, and the gateway URL it hands out). With more than one shard,
 * each shard's gateway connection runs in its own worker thread: heartbeats stay on time while the main thread
 * runs inference, and one process keeps one copy of the models, one cache and one queue.
 */
export function createClient({ apiUrl, shards, messageContent }: ClientSettings): Client {
  const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages];
  return new Client({
    intents: messageContent ? [...intents, GatewayIntentBits.MessageContent] : intents,
    // DM channels are not cached before their first message: without this partial, DMs never arrive. Messages are
    // not cached either: without theirs, the edit that adds a link's embed a moment after posting never arrives.
    partials: [Partials.Channel, Partials.Message],
    rest: { api: apiUrl },
    // Replies need only the incoming message, which every event carries: caching messages would only grow memory.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    ...shardingOptions(shards),
  });
}

function shardingOptions(shards: number | 'auto'): Partial<ClientOptions> {
  if (shards === 1) return {};
  return {
    ...(shards === 'auto' ? { shards: 'auto' } : { shards: Array.from({ length: shards }, (_, id) => id), shardCount: shards }),
    ws: { buildStrategy: (manager) => new WorkerShardingStrategy(manager, { shardsPerWorker: 1 }) },
  };
}
