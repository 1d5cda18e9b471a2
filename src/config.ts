/**
 * The one place that reads the environment. Everything else receives a typed, frozen {@link Config}.
 *
 * @example
 * const config = loadConfig(process.env); // throws ConfigError listing every bad variable
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';

export type BackendName = 'gpu' | 'node' | 'wasm' | 'cpu';
/** Which images in a channel get an answer without a command: posters only, those that mention the bot, none. */
export type ImageReplyMode = 'auto' | 'mention' | 'off';
export const IMAGE_REPLY_MODES: readonly ImageReplyMode[] = ['auto', 'mention', 'off'];
/** What runs the poster backbone: ONNX Runtime when installed ('auto'), always it ('onnxruntime'), or TensorFlow.js. */
export type PosterRuntimeChoice = 'auto' | 'onnxruntime' | 'tfjs';
export const POSTER_RUNTIMES: readonly PosterRuntimeChoice[] = ['auto', 'onnxruntime', 'tfjs'];

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
  readonly posterRuntime: PosterRuntimeChoice;
  readonly modelsDir: string;
  readonly download: {
    readonly maxImageBytes: number;
    readonly timeoutMs: number;
    readonly allowHosts: readonly string[];
  };
  readonly limits: {
    /** Threads running the models; 0 runs them on the main thread. */
    readonly inferenceWorkers: number;
    /**
     * XNNPACK threads per model thread on wasm: the cores shared out among the model threads, or 1 when ONNX
     * Runtime runs the poster backbone (tfjs then runs only the small heads and the review model).
     */
    readonly wasmThreads: number;
    /** ONNX Runtime's threads per model thread for the poster backbone: the cores shared out among the model threads. */
    readonly onnxThreads: number;
    /** wasm threads of the CLIs that compute in their own thread (evaluation, benchmarks): every core, or WASM_THREADS. */
    readonly scriptWasmThreads: number;
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
  /**
   * Stop when the parent process exits: set when npm (or a wrapper like it, which sets npm_lifecycle_event)
   * started the bot, since npm may exit on SIGTERM without passing it on.
   */
  readonly stopWithParent: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const BACKENDS: readonly BackendName[] = ['gpu', 'node', 'wasm', 'cpu'];
const BOOLEANS = ['true', 'false'] as const;

/** Reads variables and collects every problem, so one run names them all; never echoes a value that may be secret. */
class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  read(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const raw = this.read(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return Number(raw);
  }

  url(name: string, fallback: string): string {
    const raw = this.read(name) ?? fallback;
    try {
      const parsed = new URL(raw);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('scheme');
    } catch {
      this.problems.push(`${name} must be an http(s) URL (got "${raw}")`);
    }
    return raw;
  }

  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.read(name) ?? fallback;
    if (choices.includes(raw as T)) return raw as T;
    this.problems.push(`${name} must be one of ${choices.join(', ')} (got "${raw}")`);
    return fallback;
  }

  withPrefix(name: string, prefix: string): string | undefined {
    const value = this.read(name);
    if (value !== undefined && !value.startsWith(prefix)) this.problems.push(`${name} must start with "${prefix}"`);
    return value;
  }

  /** A URL whose scheme must match; `hint` says what to do instead. */
  schemeUrl(name: string, scheme: RegExp, hint: string): string | undefined {
    const value = this.read(name);
    if (value !== undefined && !scheme.test(value)) this.problems.push(`${name} ${hint}`);
    return value;
  }
}

function readDiscord(env: EnvReader): Config['discord'] {
  const token = env.read('DISCORD_TOKEN');
  const shardsRaw = env.read('DISCORD_SHARDS') ?? '1';
  let shards: number | 'auto' = 1;
  if (shardsRaw === 'auto') shards = 'auto';
  else if (/^\d+$/.test(shardsRaw) && Number(shardsRaw) >= 1) shards = Number(shardsRaw);
  else env.problems.push(`DISCORD_SHARDS must be "auto" or a whole number of at least 1 (got "${shardsRaw}")`);
  const apiUrl = env.url('DISCORD_API_URL', 'https://discord.com/api');
  const guildId = env.read('DISCORD_GUILD_ID');
  if (guildId !== undefined && !/^\d{5,25}$/.test(guildId)) env.problems.push('DISCORD_GUILD_ID must be a numeric Discord id');
  const messageContent = env.choice('DISCORD_MESSAGE_CONTENT', BOOLEANS, 'true') === 'true';
  return token === undefined ? undefined : { token, apiUrl, guildId, shards, messageContent };
}

function readSlack(env: EnvReader): Config['slack'] {
  const botToken = env.withPrefix('SLACK_BOT_TOKEN', 'xoxb-');
  const appToken = env.withPrefix('SLACK_APP_TOKEN', 'xapp-');
  const signingSecret = env.read('SLACK_SIGNING_SECRET');
  const apiUrl = env.url('SLACK_API_URL', 'https://slack.com/api/');
  if (botToken !== undefined && appToken === undefined && signingSecret === undefined) {
    env.problems.push('SLACK_BOT_TOKEN is set, so set SLACK_SIGNING_SECRET (HTTP events on PORT) or SLACK_APP_TOKEN (Socket Mode)');
  }
  if (botToken === undefined && (appToken !== undefined || signingSecret !== undefined)) {
    env.problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set without SLACK_BOT_TOKEN (xoxb-...)');
  }
  return botToken === undefined ? undefined : { botToken, apiUrl, signingSecret, appToken };
}

function readDownload(env: EnvReader): Config['download'] {
  const allowHosts = (env.read('DOWNLOAD_ALLOW_HOSTS') ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter((host) => host !== '');
  for (const host of allowHosts) {
    if (!/^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.test(host)) env.problems.push(`DOWNLOAD_ALLOW_HOSTS has a malformed entry "${host}" (want host or host:port)`);
  }
  return {
    maxImageBytes: env.integer('MAX_IMAGE_BYTES', 10 * 1024 * 1024, 1024),
    timeoutMs: env.integer('DOWNLOAD_TIMEOUT_MS', 15_000, 100),
    allowHosts,
  };
}

/** Whether the optional onnxruntime-node package is installed (whether it loads is found out when the models load). */
function onnxRuntimeInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('onnxruntime-node');
    return true;
  } catch {
    return false;
  }
}

function readLimits(env: EnvReader, posterRuntime: PosterRuntimeChoice): Config['limits'] {
  const inferenceWorkers = env.integer('INFERENCE_WORKERS', 1, 0, 64);
  const coresPerModelThread = Math.min(8, Math.max(1, Math.floor(availableParallelism() / Math.max(1, inferenceWorkers))));
  const backboneOnOnnx = posterRuntime === 'onnxruntime' || (posterRuntime === 'auto' && onnxRuntimeInstalled());
  const wasmThreads = env.read('WASM_THREADS') === undefined ? undefined : env.integer('WASM_THREADS', 1, 1, 8);
  return {
    inferenceWorkers,
    wasmThreads: wasmThreads ?? (backboneOnOnnx ? 1 : coresPerModelThread),
    onnxThreads: env.integer('ONNXRUNTIME_THREADS', coresPerModelThread, 1, 8),
    scriptWasmThreads: wasmThreads ?? Math.min(8, availableParallelism()),
    maxConcurrentInferences: env.integer('MAX_CONCURRENT_INFERENCES', Math.max(1, inferenceWorkers), 1, 64),
    maxQueue: env.integer('MAX_QUEUE', 100, 1),
    ratePerMinute: env.integer('RATE_LIMIT_PER_MINUTE', 10, 1),
    batchWindowMs: env.integer('BATCH_WINDOW_MS', 5, 0, 1000),
    maxBatch: env.integer('MAX_BATCH', 16, 1, 256),
  };
}

/** Reads and checks every variable, collecting all problems before failing, so one run shows them all. */
export function loadConfig(variables: Env = process.env): Config {
  const env = new EnvReader(variables);
  const backend = env.read('TF_BACKEND');
  if (backend !== undefined && !BACKENDS.includes(backend as BackendName)) {
    env.problems.push(`TF_BACKEND must be one of ${BACKENDS.join(', ')} (got "${backend}")`);
  }
  const posterRuntime = env.choice('POSTER_RUNTIME', POSTER_RUNTIMES, 'auto');
  const config: Config = {
    discord: readDiscord(env),
    slack: readSlack(env),
    http: { host: env.read('HOST') ?? '127.0.0.1', port: env.integer('PORT', 3000, 0, 65535) },
    cacheUrl: env.schemeUrl('CACHE_URL', /^rediss?:\/\//, 'must be a redis:// or rediss:// URL (leave it unset for the embedded cache)'),
    backend: backend as BackendName | undefined,
    posterRuntime,
    modelsDir: env.read('MODELS_DIR') ?? 'models',
    download: readDownload(env),
    limits: readLimits(env, posterRuntime),
    imageReplies: env.choice('IMAGE_REPLIES', IMAGE_REPLY_MODES, 'auto'),
    storage: {
      dataDir: env.read('DATA_DIR') ?? 'data',
      databaseUrl: env.schemeUrl('DATABASE_URL', /^postgres(ql)?:\/\//, 'must be a postgres:// URL (leave it unset for the embedded store in DATA_DIR)'),
    },
    feedback: { keepImages: env.choice('FEEDBACK_KEEP_IMAGES', BOOLEANS, 'false') === 'true' },
    logLevel: env.choice('LOG_LEVEL', LOG_LEVELS, 'info'),
    stopWithParent: env.read('npm_lifecycle_event') !== undefined,
  };
  if (env.problems.length > 0) throw new ConfigError(env.problems);
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
