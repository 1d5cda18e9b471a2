import type { Attachment, Message } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import { answersPostedImages } from '../../core/image-replies.js';
import type { Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';
import { answerSafely } from '../error-boundary.js';
import { attachmentSource, isImageAttachment } from './attachments.js';
import { deliver } from './deliver.js';
import { renderReply } from './render.js';
import { requesterOf } from './requester.js';
import { TypingIndicators } from './typing.js';

export interface MessageHandlerOptions {
  readonly bot: BotServices;
  readonly logger: Logger;
}

/**
 * Answers the images of a message, each with its own reply, as the channel's mode says: in a DM, or when the
 * message mentions the bot or replies to it, every image; otherwise `auto` answers only what looks like a
 * poster (silently skipping the rest), `mention` and `off` answer nothing.
 */
export function createMessageHandler({ bot, logger }: MessageHandlerOptions) {
  const typing = new TypingIndicators((error) => logger.debug({ err: errorFields(error) }, 'typing indicator failed'));
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system) return;
    const images = [...message.attachments.values()].filter(isImageAttachment);
    if (images.length === 0) return;
    const log = logger.child({ platform: 'discord', requestId: message.id, channelId: message.channelId });
    const requester = requesterOf(message);
    const mentioned = message.mentions.has(message.client.user, { ignoreEveryone: true, ignoreRoles: true });
    const asked = requester.place!.direct || mentioned;
    if (!requester.place!.direct && !answersPostedImages(await bot.imageReplyMode('discord', requester.place!), mentioned)) return;
    const stopTyping = asked ? typing.start(message) : () => {};
    try {
      await Promise.all(images.map((image, index) => answerImage(message, image, { index: images.length > 1 ? index : undefined, asked }, bot, log)));
    } finally {
      stopTyping();
    }
  };
}

async function answerImage(
  message: Message,
  image: Attachment,
  { index, asked }: { index: number | undefined; asked: boolean },
  bot: BotServices,
  log: Logger,
): Promise<void> {
  const requester = requesterOf(message, index === undefined ? message.id : `${message.id}:${index}`);
  const imageLog = log.child({ requestId: requester.requestId });
  const source = attachmentSource(image);
  const compute = async () => {
    const reply = asked ? await bot.analyzePoster(source, requester) : await bot.answerPostedImage(source, requester);
    if (reply === undefined) imageLog.info({ outcome: 'silent' }, 'image left unanswered: not a poster, or unreadable');
    return reply;
  };
  await answerSafely(imageLog, 'poster analysis', compute, async (answer) => {
    const reply: Reply = answer.kind === 'notice' && index !== undefined ? { ...answer, text: `**${image.name}**: ${answer.text}` } : answer;
    await deliver(() => message.reply({ ...renderReply(reply), failIfNotExists: false }), imageLog);
    imageLog.info({ outcome: reply.kind === 'notice' ? reply.tone : reply.kind, ms: Date.now() - message.createdTimestamp }, 'reply delivered');
  });
}
