import type { App, MessageShortcut } from '@slack/bolt';
import { notice } from '../../core/reply.js';
import { answerSafely } from '../error-boundary.js';
import { answerFileShare, imageFilesOf, type FileShareDeps, type SharedMessage } from './message-handler.js';
import { renderReply } from './render.js';

/** The message shortcut's callback id, as the manifest declares it. */
export const READ_POSTER_CALLBACK = 'read_poster';

/** "Read poster" in a message's ⋮ menu: answers the message's images in its thread, as if the bot were mentioned. */
export function registerReadPosterShortcut(app: App, deps: Omit<FileShareDeps, 'botUserId'>): void {
  app.shortcut<MessageShortcut>(READ_POSTER_CALLBACK, async ({ shortcut, ack, respond }) => {
    await ack();
    // Whoever posted the message, the person who used the shortcut is the one asking.
    const fields = { channel: shortcut.channel.id, team: shortcut.team?.id, user: shortcut.user.id, bot_id: undefined, subtype: undefined };
    const message = { ...shortcut.message, ...fields } as unknown as SharedMessage;
    const log = deps.logger.child({ requestId: shortcut.trigger_id, shortcut: READ_POSTER_CALLBACK });
    if (imageFilesOf(message).length === 0) {
      await answerSafely(log, 'slack read poster', async () => notice('error', 'That message has no image I can read.'), (reply) =>
        respond({ ...renderReply(reply), response_type: 'ephemeral' }),
      );
      return;
    }
    await answerFileShare(message, shortcut.trigger_id, { ...deps, asked: true });
  });
}
