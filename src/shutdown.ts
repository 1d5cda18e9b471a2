import type { Logger } from './logger.js';

export interface ShutdownOptions {
  /** The drain's hard limit: past it the process exits 1 with whatever is still in flight. */
  readonly limitMs?: number;
  /**
   * Signals this soon after the first are echoes of one stop request (Ctrl-C or `docker stop` signal the whole
   * process group, and a wrapper such as npm relays the same signal again): they do not cut the drain short.
   */
  readonly repeatWindowMs?: number;
  /**
   * Also stop when the parent process exits. `npm start` stays between a supervisor and the bot, and npm exits on
   * SIGTERM without passing it on: without this, stopping the service would leave the bot running, orphaned.
   */
  readonly stopWithParent?: boolean;
}

const PARENT_CHECK_MS = 250;

/**
 * First SIGTERM/SIGINT: drain (stop taking work, answer what is in flight, close connections) and exit 0, or 1 if
 * stopping failed or outlasted `limitMs`. A signal within `repeatWindowMs` of the first is logged and ignored; one
 * after it means the operator insists, and the process exits at once (130).
 */
export function exitOnSignals(stop: () => Promise<void>, logger: Logger, options: ShutdownOptions = {}): void {
  const { limitMs = 10_000, repeatWindowMs = 3_000, stopWithParent = false } = options;
  let firstSignalAt: number | undefined;
  const onSignal = (signal: NodeJS.Signals | 'parent exited') => {
    if (firstSignalAt !== undefined) {
      const sinceFirstMs = Date.now() - firstSignalAt;
      if (sinceFirstMs < repeatWindowMs) {
        logger.info({ signal, sinceFirstMs }, 'signal repeated while stopping: still finishing work in flight');
        return;
      }
      logger.warn({ signal, sinceFirstMs }, 'signal while stopping: exiting now');
      process.exit(130);
    }
    firstSignalAt = Date.now();
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
  if (stopWithParent) {
    const parent = process.ppid;
    const watch = setInterval(() => {
      if (process.ppid === parent) return;
      clearInterval(watch);
      onSignal('parent exited');
    }, PARENT_CHECK_MS).unref();
  }
}
