import type { ButtonInteraction } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import type { Logger } from '../../logger.js';
import { parseWhyId } from '../button-ids.js';
import { answerSafely } from '../error-boundary.js';
import { replyToInteraction } from './interaction-reply.js';
import { requesterOf } from './requester.js';

/**
 * "Why?" under a poster answer: a reply with the top genre's heat map over the poster. Deferred at once, since
 * the backward pass behind it can outlast Discord's 3 s when the models are busy.
 */
export function createWhyHandler({ bot, logger }: { readonly bot: BotServices; readonly logger: Logger }) {
  return async (interaction: ButtonInteraction): Promise<void> => {
    const posterId = parseWhyId(interaction.customId);
    if (posterId === undefined) return;
    const log = logger.child({ platform: 'discord', requestId: interaction.id, button: 'why' });
    await answerSafely(
      log,
      'why',
      async () => {
        await interaction.deferReply();
        return bot.explainAnswer(posterId, requesterOf(interaction));
      },
      (reply) => replyToInteraction(interaction, reply, log),
    );
  };
}
