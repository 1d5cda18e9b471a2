import type { App, BlockAction } from '@slack/bolt';
import type { BotServices } from '../../core/command.js';
import type { Logger } from '../../logger.js';
import { answerSafely } from '../error-boundary.js';
import { parseFeedbackId } from '../button-ids.js';
import { renderReply } from './render.js';
import { isDirectChannel, slackRequester } from './requester.js';

/**
 * 👍 and 👎 under a poster answer, and the genre menu a 👎 opens, as Block Kit actions. Answers are ephemeral;
 * the chosen genres replace the menu with the thanks.
 */
export function registerFeedbackActions(app: App, { bot, logger }: { readonly bot: BotServices; readonly logger: Logger }): void {
  app.action<BlockAction>(/^feedback:/, async ({ action, body, ack, respond }) => {
    await ack();
    const parsed = parseFeedbackId(action.action_id);
    if (parsed === undefined) return;
    const channelId = body.channel?.id ?? '';
    const requester = slackRequester(body.user.id, channelId, body.team?.id, body.trigger_id, isDirectChannel(channelId));
    const log = logger.child({ requestId: body.trigger_id, feedback: parsed.action });
    await answerSafely(
      log,
      `slack feedback ${parsed.action}`,
      async () => {
        if (parsed.action !== 'genres') return bot.vote(parsed.answerId, requester, parsed.action);
        const chosen = action.type === 'multi_static_select' ? action.selected_options.map((option) => option.value) : [];
        return bot.correct(parsed.answerId, requester, chosen);
      },
      (reply) =>
        respond({ ...renderReply(reply), response_type: 'ephemeral', ...(parsed.action === 'genres' ? { replace_original: true } : { replace_original: false }) }),
    );
  });
}
