import type { ButtonInteraction, StringSelectMenuInteraction } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { parseFeedbackId } from '../button-ids.js';
import { replyToInteraction } from './interaction-reply.js';
import { renderReply } from './render.js';
import { requesterOf } from './requester.js';

/**
 * 👍 and 👎 under a poster answer, and the genre menu a 👎 opens. Each answer goes only to the person who
 * clicked; picking genres replaces the menu with the thanks, so it cannot be sent twice by mistake.
 */
export function createFeedbackHandler({ bot, logger }: { readonly bot: BotServices; readonly logger: Logger }) {
  return async (interaction: ButtonInteraction | StringSelectMenuInteraction): Promise<void> => {
    const parsed = parseFeedbackId(interaction.customId);
    if (parsed === undefined) return;
    const log = logger.child({ platform: 'discord', requestId: interaction.id, feedback: parsed.action });
    const requester = requesterOf(interaction);
    await answerSafely(
      log,
      `feedback ${parsed.action}`,
      async () => {
        if (parsed.action !== 'genres') return bot.vote(parsed.answerId, requester, parsed.action);
        return bot.correct(parsed.answerId, requester, interaction.isStringSelectMenu() ? interaction.values : []);
      },
      async (reply: Reply) => {
        if (parsed.action === 'genres') await interaction.update({ ...renderReply(reply), components: [] });
        else await replyToInteraction(interaction, reply, log);
      },
    );
  };
}
