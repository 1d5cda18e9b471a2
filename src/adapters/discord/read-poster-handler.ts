import type { MessageContextMenuCommandInteraction } from 'discord.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { BotServices } from '../../core/command.js';
import { NOTHING_TO_READ } from '../../core/message-links.js';
import { notice } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { replyWhenReady } from './deferral.js';
import { answerPosters, posterSources } from './message-handler.js';
import { requesterOf } from './requester.js';

/** The message command's name as people see it under Apps when they right-click a message. */
export const READ_POSTER = 'Read poster';

/**
 * "Read poster" on a message: reads its images as if they had been posted with a mention, or its links when it
 * has none. It needs no Message Content intent: Discord sends the target message, attachments and text included,
 * with the interaction.
 */
export function createReadPosterHandler({ bot, logger, answered }: { readonly bot: BotServices; readonly logger: Logger; readonly answered: AnsweredMessages }) {
  return async (interaction: MessageContextMenuCommandInteraction): Promise<void> => {
    const log = logger.child({ platform: 'discord', command: READ_POSTER, requestId: interaction.id });
    // A message that links a poster (or a film's page) instead of attaching one: read its links, or what Discord's
    // embeds show of them where the site gives the bot no picture.
    const sources = posterSources(interaction.targetMessage);
    const requester = requesterOf(interaction);
    const { send } = replyWhenReady(interaction, log, { answered, messageId: interaction.targetId });
    if (sources.length === 0) {
      await answerSafely(log, READ_POSTER, async () => notice('error', NOTHING_TO_READ), send);
      return;
    }
    await answerPosters(sources, requester, { bot, log, what: READ_POSTER, send });
  };
}
