import { Routes, type Message, type PartialMessage } from 'discord.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';

/**
 * When someone deletes a message the bot answered, deletes the bot's answers to it (see {@link AnsweredMessages}).
 * The event carries only the ids: messages are not cached.
 */
export function createDeletionHandler({ answered, logger }: { readonly answered: AnsweredMessages; readonly logger: Logger }) {
  return async (message: Message | PartialMessage): Promise<void> => {
    const answers = answered.take(message.channelId, message.id);
    const log = logger.child({ platform: 'discord', channelId: message.channelId, deleted: message.id });
    await Promise.all(answers.map(async (answerId) => {
      try {
        await message.client.rest.delete(Routes.channelMessage(message.channelId, answerId));
        log.info({ answerId }, 'answer deleted with the message it answered');
      } catch (error) {
        // Already deleted by a moderator, or the bot lost access to the channel: nothing left to do.
        log.info({ answerId, err: errorFields(error) }, 'could not delete the answer to a deleted message');
      }
    }));
  };
}
