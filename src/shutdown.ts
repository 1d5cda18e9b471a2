import type { Logger } from './logger.js';

/**
 * First SIGTERM/SIGINT: stop gracefully and exit 0 (or 1 if stopping failed) within `limitMs`;
 * a second signal exits at once.
 */
export function exitOnSignals(stop: () => Promise<void>, logger: Logger, limitMs = 10_000): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing work in flight');
    setTimeout(() => {
      logger.error('shutdown took too long: exiting');
      process.exit(1);
    }, limitMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
