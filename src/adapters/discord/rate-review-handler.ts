import type { MessageContextMenuCommandInteraction } from 'discord.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { BotServices } from '../../core/command.js';
import { notice, NO_TEXT_TO_RATE } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { replyWhenReady } from './deferral.js';
import { messageText } from './message-text.js';
import { requesterOf } from './requester.js';

/** The message command's name as people see it under Apps when they right-click a message. */
export const RATE_REVIEW = 'Rate review';

/**
 * "Rate review" on a message: rates what someone wrote in the channel as `/rate-review` would, without retyping it.
 * Discord sends the target message's text with the interaction, so it needs no Message Content intent.
 */
export function createRateReviewHandler({ bot, logger, answered }: { readonly bot: BotServices; readonly logger: Logger; readonly answered: AnsweredMessages }) {
  return async (interaction: MessageContextMenuCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: RATE_REVIEW, requestId: interaction.id });
    const text = messageText(interaction.targetMessage.content);
    const { send } = replyWhenReady(interaction, log, { answered, messageId: interaction.targetId });
    await answerSafely(log, RATE_REVIEW, async () => (text === ''
      ? notice('error', NO_TEXT_TO_RATE)
      : bot.rateReview(text, requesterOf(interaction), { explain: true })), send);
  };
}
