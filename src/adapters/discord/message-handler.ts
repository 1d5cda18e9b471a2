import type { Attachment, Message } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { attachmentSource, isImageAttachment } from './attachments.js';
import { deliver } from './deliver.js';
import { errorFields } from './error-fields.js';
import { renderReply } from './render.js';
import { TypingIndicators } from './typing.js';

export interface MessageHandlerOptions {
  readonly bot: BotServices;
  readonly logger: Logger;
}

/**
 * Answers every image in a message with its own reply to that message; images the poster gate rejects, and
 * everything else, are ignored.
 */
export function createMessageHandler({ bot, logger }: MessageHandlerOptions) {
  const typing = new TypingIndicators((error) => logger.debug(errorFields(error), 'typing indicator failed'));
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system) return;
    const images = [...message.attachments.values()].filter(isImageAttachment);
    if (images.length === 0) return;
    const log = logger.child({ platform: 'discord', requestId: message.id, channelId: message.channelId });
    const stopTyping = typing.start(message);
    try {
      await Promise.all(images.map((image, index) => answerImage(message, image, images.length > 1 ? index : undefined, bot, log)));
    } finally {
      stopTyping();
    }
  };
}

async function answerImage(message: Message, image: Attachment, index: number | undefined, bot: BotServices, log: Logger): Promise<void> {
  const requestId = index === undefined ? message.id : `${message.id}:${index}`;
  let reply: Reply | undefined;
  try {
    reply = await bot.answerPostedImage(attachmentSource(image), { platform: 'discord', userId: message.author.id, requestId });
  } catch (error) {
    log.error({ ...errorFields(error), requestId }, 'poster analysis failed');
    reply = notice('error', 'Something went wrong on my side reading this image. Please try again in a moment.');
  }
  if (reply === undefined) return log.info({ requestId, outcome: 'not-a-poster' }, 'image left unanswered');
  if (reply.kind === 'notice' && index !== undefined) reply = notice(reply.tone, `**${image.name}**: ${reply.text}`);
  try {
    await deliver(() => message.reply({ ...renderReply(reply), failIfNotExists: false }), log);
    log.info({ requestId, outcome: reply.kind === 'notice' ? reply.tone : reply.kind, ms: Date.now() - message.createdTimestamp }, 'reply delivered');
  } catch (error) {
    log.error({ ...errorFields(error), requestId }, 'could not deliver the reply');
  }
}
