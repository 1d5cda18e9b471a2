import { replyForError, UserFacingError, type Reply } from '../core/reply.js';
import type { Logger } from '../logger.js';
import { errorFields } from '../util/error-message.js';

export { errorFields };

/**
 * The adapter's one error boundary: `compute` builds the answer, `send` delivers it. A thrown error becomes the
 * user's notice or the apology (logged once, unless it was meant for the user), and a failed delivery is logged;
 * nothing escapes to the event emitter.
 */
export async function answerSafely(
  log: Logger,
  what: string,
  compute: () => Promise<Reply | undefined>,
  send: (reply: Reply) => Promise<unknown>,
): Promise<void> {
  const reply = await replySafely(log, what, compute);
  if (reply !== undefined) await sendSafely(log, what, () => send(reply));
}

/** {@link answerSafely}'s first half: the answer, or what the person is told when building it failed. */
export async function replySafely(log: Logger, what: string, compute: () => Promise<Reply | undefined>): Promise<Reply | undefined> {
  try {
    return await compute();
  } catch (error) {
    if (!(error instanceof UserFacingError)) log.error({ err: errorFields(error) }, `${what} failed`);
    return replyForError(error);
  }
}

/** {@link answerSafely}'s second half: a delivery whose failure is logged. */
export async function sendSafely(log: Logger, what: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (error) {
    log.error({ err: errorFields(error) }, `${what}: reply undeliverable`);
  }
}
