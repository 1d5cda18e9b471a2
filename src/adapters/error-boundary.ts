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
  let reply: Reply | undefined;
  try {
    reply = await compute();
  } catch (error) {
    if (!(error instanceof UserFacingError)) log.error({ err: errorFields(error) }, `${what} failed`);
    reply = replyForError(error);
  }
  if (reply === undefined) return;
  try {
    await send(reply);
  } catch (error) {
    log.error({ err: errorFields(error) }, `${what}: reply undeliverable`);
  }
}
