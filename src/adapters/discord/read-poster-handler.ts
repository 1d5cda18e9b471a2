import type { MessageContextMenuCommandInteraction } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import { notice } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { attachmentSource, isImageAttachment } from './attachments.js';
import { replyToInteraction } from './interaction-reply.js';
import { requesterOf } from './requester.js';

/** The message command's name as people see it under Apps when they right-click a message. */
export const READ_POSTER = 'Read poster';

/**
 * "Read poster" on a message: reads its images as if they had been posted with a mention. It needs no Message
 * Content intent: Discord sends the target message, attachments included, with the interaction.
 */
export function createReadPosterHandler({ bot, logger }: { readonly bot: BotServices; readonly logger: Logger }) {
  return async (interaction: MessageContextMenuCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: READ_POSTER, requestId: interaction.id });
    const images = [...interaction.targetMessage.attachments.values()].filter(isImageAttachment);
    const requester = requesterOf(interaction);
    const send = (reply: Parameters<typeof replyToInteraction>[1]) => replyToInteraction(interaction, reply, log);
    if (images.length === 0) {
      await answerSafely(log, READ_POSTER, async () => notice('error', 'That message has no image I can read.'), send);
      return;
    }
    await answerSafely(log, READ_POSTER, async () => void (await interaction.deferReply()), send);
    for (const [index, image] of images.entries()) {
      await answerSafely(log, READ_POSTER, () => bot.analyzePoster(attachmentSource(image), { ...requester, requestId: `${interaction.id}:${index}` }), send);
    }
  };
}
