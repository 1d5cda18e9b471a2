import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one bot process, served at GET /metrics in every mode. */
export class BotMetrics {
  readonly registry = new Registry();
  readonly inferenceSeconds = new Histogram({
    name: 'moviebot_inference_seconds',
    help: 'Model inference time per batch',
    labelNames: ['model'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly batchSize = new Histogram({
    name: 'moviebot_inference_batch_size',
    help: 'Inputs per inference batch',
    labelNames: ['model'] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64],
    registers: [this.registry],
  });
  readonly queueDepth = new Gauge({
    name: 'moviebot_inference_queue_depth',
    help: 'Inputs waiting for inference',
    labelNames: ['model'] as const,
    registers: [this.registry],
  });
  readonly cacheLookups = new Counter({
    name: 'moviebot_cache_lookups_total',
    help: 'Result cache lookups by outcome',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly replies = new Counter({
    name: 'moviebot_replies_total',
    help: 'Replies by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly gatewayPing = new Gauge({
    name: 'moviebot_discord_gateway_ping_seconds',
    help: 'Discord gateway heartbeat round trip per shard',
    labelNames: ['shard'] as const,
    registers: [this.registry],
  });

  private readonly dependencies = new Map<string, () => boolean>();
  readonly dependencyUp = new Gauge({
    name: 'moviebot_dependency_up',
    help: 'Whether an optional dependency (Redis) is reachable: 0 means the bot answers without it',
    labelNames: ['dependency'] as const,
    registers: [this.registry],
    collect: () => {
      for (const [dependency, isUp] of this.dependencies) this.dependencyUp.set({ dependency }, isUp() ? 1 : 0);
    },
  });

  /** Reports `isUp()` as `moviebot_dependency_up{dependency=name}` at every scrape. */
  watchDependency(name: string, isUp: () => boolean): void {
    this.dependencies.set(name, isUp);
  }

  constructor({ processMetrics = true } = {}) {
    if (processMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'moviebot_' });
  }
}
