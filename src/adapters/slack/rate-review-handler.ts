import type { App, MessageShortcut, webApi } from '@slack/bolt';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { BotServices } from '../../core/command.js';
import { notice, NO_TEXT_TO_RATE } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { respondWith } from './command-handler.js';
import { postInThread, threadOf } from './deliver.js';
import { messageText } from './message-text.js';
import { isPrivate } from './render.js';
import { shortcutRequester } from './requester.js';

/** The message shortcut's callback id, as the manifest declares it. */
export const RATE_REVIEW_CALLBACK = 'rate_review';

/**
 * "Rate review" in a message's ⋮ menu: rates what someone wrote as `/rate-review` would, the card in the message's
 * thread (through the shortcut's response URL where the bot may not post there); a notice ("that reads like a
 * question") goes privately to the person who asked.
 */
export function registerRateReviewShortcut(
  app: App,
  deps: { readonly bot: BotServices; readonly client: webApi.WebClient; readonly logger: Logger; readonly answered?: AnsweredMessages },
): void {
  app.shortcut<MessageShortcut>(RATE_REVIEW_CALLBACK, async ({ shortcut, ack, respond }) => {
    await ack();
    const requester = shortcutRequester(shortcut);
    const text = messageText(shortcut.message.text ?? '');
    const thread = threadOf(shortcut.channel.id, shortcut.message, respond);
    const log = deps.logger.child({ requestId: shortcut.trigger_id, shortcut: RATE_REVIEW_CALLBACK });
    await answerSafely(log, 'slack rate review', async () => (text === ''
      ? notice('error', NO_TEXT_TO_RATE)
      : deps.bot.rateReview(text, requester, { explain: true })), (reply) =>
      isPrivate(reply) ? respondWith(respond, reply) : postInThread(deps.client, thread, reply, log, deps.answered));
  });
}
