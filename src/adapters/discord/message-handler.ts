import type { Attachment, Message } from 'discord.js';
import type { BotServices } from '../../core/command.js';
import { notice, type Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';
import { answerSafely } from '../error-boundary.js';
import { attachmentSource, isImageAttachment } from './attachments.js';
import { deliver } from './deliver.js';
import { renderReply } from './render.js';
import { TypingIndicators } from './typing.js';

export interface MessageHandlerOptions {
  readonly bot: BotServices;
  readonly logger: Logger;
}

/** Answers every image in a message with its own reply to that message; everything else is ignored. */
export function createMessageHandler({ bot, logger }: MessageHandlerOptions) {
  const typing = new TypingIndicators((error) => logger.debug({ err: errorFields(error) }, 'typing indicator failed'));
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
  const requester = { platform: 'discord' as const, userId: message.author.id, requestId };
  const imageLog = log.child({ requestId });
  await answerSafely(imageLog, 'poster analysis', () => bot.analyzePoster(attachmentSource(image), requester), async (answer) => {
    const reply: Reply = answer.kind === 'notice' && index !== undefined ? notice(answer.tone, `**${image.name}**: ${answer.text}`) : answer;
    await deliver(() => message.reply({ ...renderReply(reply), failIfNotExists: false }), imageLog);
    imageLog.info({ outcome: reply.kind === 'notice' ? reply.tone : reply.kind, ms: Date.now() - message.createdTimestamp }, 'reply delivered');
  });
}
