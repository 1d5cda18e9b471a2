import type { App, BlockAction } from '@slack/bolt';
import type { BotServices } from '../../core/command.js';
import { heatmapFileName } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { parseWhyId } from '../button-ids.js';
import { answerSafely } from '../error-boundary.js';
import { renderReply } from './render.js';
import { isDirectChannel, slackRequester } from './requester.js';

/**
 * "Why?" under a poster answer: the top genre's heat map over the poster, uploaded as a file in the answer's
 * thread (where the answer started no thread, it starts one). Refusals go only to the person who clicked.
 */
export function registerWhyAction(app: App, { bot, logger }: { readonly bot: BotServices; readonly logger: Logger }): void {
  app.action<BlockAction>(/^why:/, async ({ action, body, ack, respond, client }) => {
    await ack();
    const posterId = parseWhyId(action.action_id);
    if (posterId === undefined) return;
    const channelId = body.channel?.id ?? '';
    const requester = slackRequester(body.user.id, channelId, body.team?.id, body.trigger_id, isDirectChannel(channelId));
    const container = body.container as { readonly message_ts?: string; readonly thread_ts?: string };
    const threadTs = container.thread_ts ?? container.message_ts;
    const log = logger.child({ requestId: body.trigger_id, button: 'why' });
    await answerSafely(log, 'slack why', () => bot.explainAnswer(posterId, requester), async (reply) => {
      if (reply.kind !== 'heatmap') return respond({ ...renderReply(reply), response_type: 'ephemeral', replace_original: false });
      const { genre } = reply.explanation.heatmap;
      const destination = threadTs === undefined ? { channel_id: channelId } : { channel_id: channelId, thread_ts: threadTs };
      return client.files.uploadV2({
        ...destination,
        file: Buffer.from(reply.explanation.overlayPng),
        filename: heatmapFileName(genre),
        alt_text: `Heat map of what made the bot guess ${genre}`,
        initial_comment: renderReply(reply).text,
      });
    });
  });
}
