import { availableParallelism } from 'node:os';

/**
 * The one place that reads the environment. Everything else receives a typed, frozen {@link Config}.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError listing every bad variable
 */

export type BackendName = 'gpu' | 'node' | 'wasm' | 'cpu';
/** Which images in a channel get an answer without a command: posters only, those that mention the bot, none. */
export type ImageReplyMode = 'auto' | 'mention' | 'off';
export const IMAGE_REPLY_MODES: readonly ImageReplyMode[] = ['auto', 'mention', 'off'];

export interface Config {
  readonly discord?: {
    readonly token: string;
    readonly apiUrl: string;
    readonly guildId?: string;
    readonly shards: number | 'auto';
    /** Whether the bot asks for the privileged Message Content intent (needed to see attachments without a mention). */
    readonly messageContent: boolean;
  };
  readonly slack?: {
    readonly botToken: string;
    readonly apiUrl: string;
    readonly signingSecret?: string;
    readonly appToken?: string;
  };
  readonly http: { readonly host: string; readonly port: number };
  readonly cacheUrl?: string;
  readonly backend?: BackendName;
  readonly modelsDir: string;
  readonly download: {
    readonly maxImageBytes: number;
    readonly timeoutMs: number;
    readonly allowHosts: readonly string[];
  };
  readonly limits: {
    /** Threads running the models; 0 runs them on the main thread. */
    readonly inferenceWorkers: number;
    readonly maxConcurrentInferences: number;
    readonly maxQueue: number;
    readonly ratePerMinute: number;
    readonly batchWindowMs: number;
    readonly maxBatch: number;
  };
  /** The default for channels whose admins chose nothing; DMs are always answered. */
  readonly imageReplies: ImageReplyMode;
  /** Settings and feedback: the embedded store's folder, or PostgreSQL when `databaseUrl` is set. */
  readonly storage: {
    readonly dataDir: string;
    readonly databaseUrl?: string;
  };
  readonly feedback: {
    /** Keep the bytes of images people gave feedback on, so corrected posters can be trained on. */
    readonly keepImages: boolean;
  };
  readonly logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const BACKENDS: readonly BackendName[] = ['gpu', 'node', 'wasm', 'cpu'];
const BOOLEANS = ['true', 'false'] as const;

/** Reads and checks every variable, collecting all problems before failing, so one run shows them all. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  };
  const url = (name: string, fallback: string): string => {
    const raw = read(name) ?? fallback;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      problems.push(`${name} must be an http(s) URL (got "${raw}")`);
    }
    return raw;
  };
  const choice = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
    const raw = read(name) ?? fallback;
    if (choices.includes(raw as T)) return raw as T;
    problems.push(`${name} must be one of ${choices.join(', ')} (got "${raw}")`);
    return fallback;
  };
  const withPrefix = (name: string, prefix: string): string | undefined => {
    const value = read(name);
    if (value !== undefined && !value.startsWith(prefix)) problems.push(`${name} must start with "${prefix}"`);
    return value;
  };

  const discordToken = read('DISCORD_TOKEN');
  const shardsRaw = read('DISCORD_SHARDS') ?? '1';
  let shards: number | 'auto' = 1;
  if (shardsRaw === 'auto') shards = 'auto';
  else if (/^\d+$/.test(shardsRaw) && Number(shardsRaw) >= 1) shards = Number(shardsRaw);
  else problems.push(`DISCORD_SHARDS must be "auto" or a whole number of at least 1 (got "${shardsRaw}")`);
  const discordApiUrl = url('DISCORD_API_URL', 'https://discord.com/api');
  const guildId = read('DISCORD_GUILD_ID');
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) problems.push('DISCORD_GUILD_ID must be a numeric Discord id');

  const slackBotToken = withPrefix('SLACK_BOT_TOKEN', 'xoxb-');
  const slackAppToken = withPrefix('SLACK_APP_TOKEN', 'xapp-');
  const slackSigningSecret = read('SLACK_SIGNING_SECRET');
  const slackApiUrl = url('SLACK_API_URL', 'https://slack.com/api/');
  if (slackBotToken !== undefined && slackAppToken === undefined && slackSigningSecret === undefined) {
    problems.push('SLACK_BOT_TOKEN is set, so set SLACK_SIGNING_SECRET (HTTP events on PORT) or SLACK_APP_TOKEN (Socket Mode)');
  }
  if (slackBotToken === undefined && (slackAppToken !== undefined || slackSigningSecret !== undefined)) {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN (xoxb-...)');
  }

  const backend = read('TF_BACKEND');
  if (backend !== undefined && !BACKENDS.includes(backend as BackendName)) {
    problems.push(`TF_BACKEND must be one of ${BACKENDS.join(', ')} (got "${backend}")`);
  }
  const cacheUrl = read('CACHE_URL');
  if (cacheUrl !== undefined && !/^rediss?:\/\//.test(cacheUrl)) {
    problems.push('CACHE_URL must be a redis:// or rediss:// URL (leave it unset for the embedded cache)');
  }
  const logLevel = read('LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);

  const allowHosts = (read('DOWNLOAD_ALLOW_HOSTS') ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  for (const host of allowHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) problems.push(`DOWNLOAD_ALLOW_HOSTS has a malformed entry "${host}" (want host or host:port)`);
  }

  const databaseUrl = read('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must be a postgres:// URL (leave it unset for the embedded store in DATA_DIR)');
  }

  const inferenceWorkers = integer('INFERENCE_WORKERS', Math.min(4, availableParallelism()), 0, 64);
  const config: Config = {
    discord:
      discordToken === undefined
        ? undefined
        : { token: discordToken, apiUrl: discordApiUrl, guildId, shards, messageContent: choice('DISCORD_MESSAGE_CONTENT', BOOLEANS, 'true') === 'true' },
    slack:
      slackBotToken === undefined
        ? undefined
        : { botToken: slackBotToken, apiUrl: slackApiUrl, signingSecret: slackSigningSecret, appToken: slackAppToken },
    http: { host: read('HOST') ?? '127.0.0.1', port: integer('PORT', 3000, 0, 65535) },
    cacheUrl,
    backend: backend as BackendName | undefined,
    modelsDir: read('MODELS_DIR') ?? 'models',
    download: {
      maxImageBytes: integer('MAX_IMAGE_BYTES', 10 * 1024 * 1024, 1024),
      timeoutMs: integer('DOWNLOAD_TIMEOUT_MS', 15_000, 100),
      allowHosts,
    },
    limits: {
      inferenceWorkers,
      maxConcurrentInferences: integer('MAX_CONCURRENT_INFERENCES', Math.max(1, inferenceWorkers), 1, 64),
      maxQueue: integer('MAX_QUEUE', 100, 1),
      ratePerMinute: integer('RATE_LIMIT_PER_MINUTE', 10, 1),
      batchWindowMs: integer('BATCH_WINDOW_MS', 5, 0, 1000),
      maxBatch: integer('MAX_BATCH', 16, 1, 256),
    },
    imageReplies: choice('IMAGE_REPLIES', IMAGE_REPLY_MODES, 'auto'),
    storage: { dataDir: read('DATA_DIR') ?? 'data', databaseUrl },
    feedback: { keepImages: choice('FEEDBACK_KEEP_IMAGES', BOOLEANS, 'false') === 'true' },
    logLevel,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Which platforms the process serves; none means local mode. */
export function platformsOf(config: Config): Array<'discord' | 'slack'> {
  return [...(config.discord ? (['discord'] as const) : []), ...(config.slack ? (['slack'] as const) : [])];
}
