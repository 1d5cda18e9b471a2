import type { webApi } from '@slack/bolt';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../error-boundary.js';
import type { SharedMessage } from './message-handler.js';

/**
 * The message a `message` event says was deleted: `message_deleted`, or, for the first message of a thread (every
 * message the bot answered, as it answers in the thread), `message_changed` to the "This message was deleted." tombstone.
 */
export function deletedMessageTs(message: SharedMessage): string | undefined {
  if (message.subtype === 'message_deleted') return message.deleted_ts;
  return message.subtype === 'message_changed' && message.message?.subtype === 'tombstone' ? message.message.ts : undefined;
}

/** Slack's message timestamps are numbers; what the bot uploaded (a heat map, poster cut-outs) is recorded by file id. */
const isMessageTs = (answerId: string): boolean => /^\d+\.\d+$/.test(answerId);

/** When someone deletes a message the bot answered, deletes the bot's answers to it (see {@link AnsweredMessages}). */
export function createDeletionHandler({ answered, client, logger }: { readonly answered: AnsweredMessages; readonly client: webApi.WebClient; readonly logger: Logger }) {
  return async (channel: string, deletedTs: string): Promise<void> => {
    const log = logger.child({ channel, deleted: deletedTs });
    await Promise.all(answered.take(channel, deletedTs).map(async (answerId) => {
      try {
        await (isMessageTs(answerId) ? client.chat.delete({ channel, ts: answerId }) : client.files.delete({ file: answerId }));
        log.info({ answerId }, 'answer deleted with the message it answered');
      } catch (error) {
        // Already deleted by an admin, or the bot left the channel: nothing left to do.
        log.info({ answerId, err: errorFields(error) }, 'could not delete the answer to a deleted message');
      }
    }));
  };
}
