import { setTimeout as delay } from 'node:timers/promises';
import { DiscordAPIError, HTTPError } from 'discord.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';

/**
 * @discordjs/rest retries a 5xx three times back to back, so a Discord hiccup of a second would lose the reply.
 * These waits (15 s in all) carry a reply over a short outage; a 4xx is final and fails at once.
 */
const BACKOFF_MS = [1_000, 2_000, 4_000, 8_000];
const NETWORK_ERRORS = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']);

/** Sends a reply, retrying with backoff while Discord answers 5xx or cannot be reached. */
export async function deliver<T>(send: () => Promise<T>, log: Logger): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const wait = BACKOFF_MS[attempt];
      if (wait === undefined || !isTransient(error)) throw error;
      log.warn({ err: errorFields(error), attempt: attempt + 1, retryInMs: wait }, 'Discord unavailable; retrying the reply');
      await delay(wait);
    }
  }
}

function isTransient(error: unknown): boolean {
  if (error instanceof HTTPError || error instanceof DiscordAPIError) return error.status >= 500;
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  return error.name === 'AbortError' || (typeof code === 'string' && NETWORK_ERRORS.has(code));
}
