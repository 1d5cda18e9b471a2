import type { App, MessageShortcut } from '@slack/bolt';
import { linkSources, NOTHING_TO_READ } from '../../core/message-links.js';
import { notice } from '../../core/reply.js';
import { answerSafely } from '../error-boundary.js';
import { threadOf } from './deliver.js';
import { answerImages, answerLinks, mayBeImage, type FileShareDeps, type SharedFile } from './message-handler.js';
import { linkPreviews, type Unfurl } from './link-previews.js';
import { shortcutRequester } from './requester.js';
import { renderReply } from './render.js';

/** The message shortcut's callback id, as the manifest declares it. */
export const READ_POSTER_CALLBACK = 'read_poster';

/**
 * "Read poster" in a message's ⋮ menu: answers the message's images in its thread, as if the bot were mentioned,
 * or its links when it shares no image; through the shortcut's response URL where the bot may not post in the thread.
 */
export function registerReadPosterShortcut(app: App, deps: Omit<FileShareDeps, 'botUserId'>): void {
  app.shortcut<MessageShortcut>(READ_POSTER_CALLBACK, async ({ shortcut, ack, respond }) => {
    await ack();
    const files = ((shortcut.message as { files?: readonly SharedFile[] }).files ?? []).filter(mayBeImage);
    // A message that links a poster (or a film's page) instead of sharing one: read its links, or what Slack's
    // unfurls show of them where the site gives the bot no picture.
    const links = files.length > 0 ? [] : linkSources(shortcut.message.text ?? '', linkPreviews(shortcut.message as { attachments?: readonly Unfurl[] }));
    const requester = shortcutRequester(shortcut);
    const thread = threadOf(shortcut.channel.id, shortcut.message, respond);
    if (files.length > 0) await answerImages(files, thread, requester, true, deps);
    else if (links.length > 0) await answerLinks(links, thread, requester, deps);
    else {
      const log = deps.logger.child({ requestId: shortcut.trigger_id, shortcut: READ_POSTER_CALLBACK });
      await answerSafely(log, 'slack read poster', async () => notice('error', NOTHING_TO_READ), (reply) =>
        respond({ ...renderReply(reply), response_type: 'ephemeral' }),
      );
    }
  });
}
