import type { App, BlockAction, RespondFn, webApi } from '@slack/bolt';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import type { BotServices, Requester } from '../../core/command.js';
import { heatmapFileName } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { type KeptImageButton, READ_ANYWAY_BUTTON, WHY_BUTTON } from '../button-ids.js';
import { answerSafely } from '../error-boundary.js';
import { uploadedFileIds } from './deliver.js';
import { isPrivate, renderReply } from './render.js';
import { isDirectChannel, slackRequester } from './requester.js';

interface Deps {
  readonly bot: BotServices;
  readonly logger: Logger;
  /** Where public answers are recorded against the message whose button was pressed, to go when it is deleted. */
  readonly answered?: AnsweredMessages;
}

/** Where a button was pressed, and by whom. */
interface Press {
  readonly posterId: string;
  readonly requester: Requester;
  readonly channelId: string;
  /** The button's message. */
  readonly messageTs: string | undefined;
  /** The thread the button's message is in, or the message itself. */
  readonly threadTs: string | undefined;
  /** Whether the button's message was shown only to the person who clicked (a slash command's answer). */
  readonly ephemeral: boolean;
  readonly respond: RespondFn;
  readonly client: webApi.WebClient;
  readonly log: Logger;
}

/** Registers a button about an image the bot kept (its id `<prefix>:<posterId>`), acknowledged at once. */
function onKeptImageButton(app: App, { prefix, parse }: KeptImageButton, { logger }: Deps, handle: (press: Press) => Promise<void>): void {
  app.action<BlockAction>(new RegExp(`^${prefix}:`), async ({ action, body, ack, respond, client }) => {
    await ack();
    const posterId = parse(action.action_id);
    if (posterId === undefined) return;
    const channelId = body.channel?.id ?? '';
    const requester = slackRequester(body.user.id, channelId, body.team?.id, body.trigger_id, isDirectChannel(channelId));
    const container = body.container as { readonly message_ts?: string; readonly thread_ts?: string; readonly is_ephemeral?: boolean };
    const log = logger.child({ requestId: body.trigger_id, button: prefix });
    const threadTs = container.thread_ts ?? container.message_ts;
    await handle({ posterId, requester, channelId, messageTs: container.message_ts, threadTs, ephemeral: container.is_ephemeral === true, respond, client, log });
  });
}

/**
 * "Why?" under a poster answer: the top genre's heat map over the poster, uploaded as a file in the answer's
 * thread (where the answer started no thread, it starts one). Refusals go only to the person who clicked.
 */
export function registerWhyAction(app: App, deps: Deps): void {
  onKeptImageButton(app, WHY_BUTTON, deps, async ({ posterId, requester, channelId, messageTs, threadTs, respond, client, log }) => {
    await answerSafely(log, 'slack why', () => deps.bot.explainAnswer(posterId, requester), async (reply) => {
      if (reply.kind !== 'heatmap') return respond({ ...renderReply(reply), response_type: 'ephemeral', replace_original: false });
      const { genre } = reply.explanation.heatmap;
      const destination = threadTs === undefined ? { channel_id: channelId } : { channel_id: channelId, thread_ts: threadTs };
      const uploaded = await client.files.uploadV2({
        ...destination,
        file: Buffer.from(reply.explanation.overlayPng),
        filename: heatmapFileName(genre),
        alt_text: `Heat map of what made the bot guess ${genre}`,
        initial_comment: renderReply(reply).text,
      });
      if (messageTs !== undefined) uploadedFileIds(uploaded).forEach((id) => deps.answered?.add(channelId, [messageTs], id));
    });
  });
}

/**
 * "Read it anyway" under a "not a movie poster" refusal: the refused image's answer where the refusal was, in its
 * thread (or, under a slash command's private refusal, in the channel); a refusal (the image forgotten, "slow
 * down") only to the person who clicked.
 */
export function registerReadAnywayAction(app: App, deps: Deps): void {
  onKeptImageButton(app, READ_ANYWAY_BUTTON, deps, async ({ posterId, requester, channelId, messageTs, threadTs, ephemeral, respond, client, log }) => {
    await answerSafely(log, 'slack read anyway', () => deps.bot.readAnyway(posterId, requester, messageTs ?? ''), async (reply) => {
      if (isPrivate(reply) || ephemeral) {
        return respond({ ...renderReply(reply), response_type: isPrivate(reply) ? 'ephemeral' : 'in_channel', replace_original: false });
      }
      const posted = await client.chat.postMessage({ channel: channelId, ...(threadTs === undefined ? {} : { thread_ts: threadTs }), ...renderReply(reply) });
      if (messageTs !== undefined && posted.ts !== undefined) deps.answered?.add(channelId, [messageTs], posted.ts);
      return posted;
    });
  });
}
