import type { SocketModeReceiver } from '@slack/bolt';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';

type SocketModeClient = SocketModeReceiver['client'];

const RETRY_MS = 5_000;
const MAX_RETRY_MS = 60_000;

/**
 * Watches the Socket Mode client's own reconnections. @slack/socket-mode 2.0.x starts them without observing
 * the result (slackapi/node-slack-sdk#2656): a reconnection that fails (Slack refusing `apps.connections.open`)
 * or that `disconnect()` interrupts rejects unobserved and ends the process, and one whose
 * `apps.connections.open` was in flight during `disconnect()` connects anyway. Here a failure is logged and
 * retried with backoff, and a connection that opens after stop is closed again.
 * Install it after the first `start()`, whose errors the caller wants to see.
 */
export function superviseReconnects(client: SocketModeClient, logger: Logger, isStopping: () => boolean): void {
  const start = client.start.bind(client);
  let failures = 0;
  const supervised = async (): Promise<unknown> => {
    try {
      const opened = await start();
      failures = 0;
      if (isStopping()) await client.disconnect();
      return opened;
    } catch (error) {
      if (isStopping()) return undefined;
      failures += 1;
      const delay = Math.min(RETRY_MS * failures, MAX_RETRY_MS);
      logger.warn({ err: errorFields(error), retryInMs: delay }, 'slack socket mode reconnection failed');
      setTimeout(() => {
        if (!isStopping()) void supervised();
      }, delay).unref();
      return undefined;
    }
  };
  client.start = supervised as typeof client.start;
}
