import type { Attachment, BaseMessageOptions, Message } from 'discord.js';
import type { BotServices, ImageSource, Requester } from '../../core/command.js';
import type { AnsweredMessages } from '../../core/answered-messages.js';
import { answersPostedImages } from '../../core/image-replies.js';
import { analyzeLink, LATE_PREVIEW_WAIT_MS, type LatePreviews } from '../../core/late-previews.js';
import { answeredAlready, answerMention, asksAboutTheirs } from '../../core/mention-reply.js';
import { linkSources } from '../../core/message-links.js';
import type { PosterReply, Reply } from '../../core/reply.js';
import type { Logger } from '../../logger.js';
import { errorFields } from '../../util/error-message.js';
import { answerSafely, replySafely, sendSafely } from '../error-boundary.js';
import { attachmentSource, isImageAttachment, isSpoiler } from './attachments.js';
import { replyPermissions } from './channel-permissions.js';
import { deliver } from './deliver.js';
import { linkPreviews } from './link-previews.js';
import { messageText } from './message-text.js';
import { renderPosterCards, renderReply, withinPermissions } from './render.js';
import { requesterOf } from './requester.js';
import { TypingIndicators } from './typing.js';

export interface MessageHandlerOptions {
  readonly bot: BotServices;
  readonly logger: Logger;
  /** The embeds Discord adds to messages after posting them, which a mention's links wait for. */
  readonly latePreviews: LatePreviews;
  /** Where each reply is recorded against the messages it answers, to go when they are deleted. */
  readonly answered: AnsweredMessages;
}

/**
 * Answers the images of a message (their cards in one reply), as the channel's mode says: in a DM, or when the
 * message mentions the bot or replies to it, every image; otherwise `auto` answers only what looks like a
 * poster (silently skipping the rest), `mention` and `off` answer nothing. A DM or a mention without an image is
 * answered too: its links are read as posters, or it is told how to ask.
 */
export function createMessageHandler({ bot, logger, latePreviews, answered }: MessageHandlerOptions) {
  const typing = new TypingIndicators((error) => logger.debug({ err: errorFields(error) }, 'typing indicator failed'));
  return async (message: Message): Promise<void> => {
    if (message.author.bot || message.system) return;
    const images = [...message.attachments.values()].filter(isImageAttachment);
    const log = logger.child({ platform: 'discord', requestId: message.id, channelId: message.channelId });
    if (!replyPermissions(message).reply) {
      log.debug('cannot reply in this channel (Send Messages or Read Message History missing): message left alone');
      return;
    }
    if (images.length === 0) return answerWithoutImage(message, { bot, log, latePreviews, answered, typing });
    const requester = requesterOf(message);
    const mentioned = mentionsTheBot(message, { orRepliesToIt: true });
    const asked = requester.place!.direct || mentioned;
    if (!requester.place!.direct && !answersPostedImages(await bot.imageReplyMode('discord', requester.place!), mentioned)) return;
    // A picture hidden behind a spoiler is answered only when someone asks.
    const shown = asked ? images : images.filter((image) => !isSpoiler(image));
    const stopTyping = asked ? typing.start(message) : () => {};
    try {
      await answerImages(message, shown, asked, { bot, log, answered });
    } finally {
      stopTyping();
    }
  };
}

/**
 * Answers a message's images: the poster cards of several together in one reply (see {@link renderPosterCards}), every
 * other answer (a notice, the posters found in one picture) in a reply of its own.
 */
async function answerImages(
  message: Message,
  images: readonly Attachment[],
  asked: boolean,
  { bot, log, answered }: { bot: BotServices; log: Logger; answered: AnsweredMessages },
): Promise<void> {
  const replies = await Promise.all(images.map(async (image, index) => {
    const requester = requesterOf(message, images.length === 1 ? message.id : `${message.id}:${index}`);
    const imageLog = log.child({ requestId: requester.requestId });
    const source = attachmentSource(image);
    const reply = await replySafely(imageLog, 'poster analysis', async () => (asked ? bot.analyzePoster(source, requester) : bot.answerPostedImage(source, requester)));
    if (reply === undefined) imageLog.info({ outcome: 'silent' }, 'image left unanswered: not a poster, or unreadable');
    return reply?.kind === 'notice' && images.length > 1 ? { ...reply, text: `**${image.name}**: ${reply.text}` } : reply;
  }));
  const cards = replies.filter((reply): reply is PosterReply => reply?.kind === 'poster');
  const together = cards.length > 1;
  const alone = replies.filter((reply): reply is Reply => reply !== undefined && !(together && reply.kind === 'poster'));
  const messages = [
    ...(together ? [{ options: renderPosterCards(cards), outcome: `${cards.length} posters` }] : []),
    ...alone.map((reply) => ({ options: renderReply(reply), outcome: reply.kind === 'notice' ? reply.tone : reply.kind })),
  ];
  for (const { options, outcome } of messages) {
    await sendSafely(log, 'poster analysis', async () => {
      const sent = await replyWith(message, options, log);
      answered.add(message.channelId, [message.id], sent.id);
      log.info({ outcome, ms: Date.now() - message.createdTimestamp }, 'reply delivered');
    });
  }
}

/**
 * A DM or a message that names the bot (a reply to its card alone does not: "thanks", "wrong genre") with no image,
 * where the channel's mode lets a mention be answered: each link is read as a poster, as "Read poster" would; with
 * none, the message it replies to is read (its images or links, else its text as a review) unless the bot answered it
 * already (that answer is linked), or its own text when it reads as a review; anything else is told how to ask.
 */
async function answerWithoutImage(
  message: Message,
  { bot, log, latePreviews, answered, typing }: { bot: BotServices; log: Logger; latePreviews: LatePreviews; answered: AnsweredMessages; typing: TypingIndicators },
): Promise<void> {
  const requester = requesterOf(message);
  if (!requester.place!.direct) {
    if (!mentionsTheBot(message, { orRepliesToIt: false })) return;
    if (!answersPostedImages(await bot.imageReplyMode('discord', requester.place!), true)) return;
  }
  const links = linkSources(message.content, linkPreviews(message));
  // "@MovieBot what genre is this?" in reply to someone's poster, or "rate this" to their review, asks about theirs.
  const ownText = messageText(message.content);
  const theirs = links.length === 0 && asksAboutTheirs(ownText) ? await repliedMessage(message, log) : undefined;
  const send = async (reply: Reply) => {
    const sent = await replyWith(message, renderReply(reply), log);
    // An answer about their message shows what it says, so it goes when either message goes.
    answered.add(message.channelId, theirs === undefined ? [message.id] : [message.id, theirs.id], sent.id);
  };
  const earlierAnswer = theirs && (await answerTo(theirs, log));
  if (earlierAnswer !== undefined) {
    await send(answeredAlready(earlierAnswer.url));
    return;
  }
  const sources = theirs === undefined ? links : posterSources(theirs);
  if (sources.length === 0) {
    const theirText = messageText(theirs?.content ?? '');
    return answerSafely(log, 'mention', () => answerMention(bot, { ownText, theirText }, requester), send);
  }
  const latePreview = (link: string) => latePreviews.previewFor(theirs?.id ?? message.id, link, LATE_PREVIEW_WAIT_MS);
  // A page, its picture and perhaps a preview still to come take seconds: "typing…" shows the bot is on it.
  const stopTyping = typing.start(message);
  try {
    await answerPosters(sources, requester, { bot, log, what: 'poster link', send, latePreview });
  } finally {
    stopTyping();
  }
}

/** Replies to `message` with what the channel lets the bot show (its cards as text without Embed Links). */
const replyWith = (message: Message, options: BaseMessageOptions, log: Logger): Promise<Message> =>
  deliver(() => message.reply({ ...withinPermissions(options, replyPermissions(message)), failIfNotExists: false }), log);

/** Someone else's message that `message` replies to; not the bot's own card (a reply to it is about the card). */
async function repliedMessage(message: Message, log: Logger): Promise<Message | undefined> {
  if (message.reference?.messageId === undefined) return undefined;
  const replied = await message.fetchReference().catch((error: unknown) => {
    log.info({ err: errorFields(error) }, 'could not fetch the message a mention replies to');
    return undefined;
  });
  return replied?.author.id === message.client.user.id ? undefined : replied;
}

/** Enough of the channel after a message to find the bot's answer to it, which follows within seconds. */
const MESSAGES_AFTER_READ = 50;

/** The bot's reply to `message`, when it has answered it already (its card in an `auto` channel, an earlier mention). */
async function answerTo(message: Message, log: Logger): Promise<Message | undefined> {
  const after = await message.channel.messages.fetch({ after: message.id, limit: MESSAGES_AFTER_READ }).catch((error: unknown) => {
    log.info({ err: errorFields(error) }, 'could not read the messages after the one a mention replies to');
    return undefined;
  });
  return after?.find((later) => later.author.id === message.client.user.id && later.reference?.messageId === message.id);
}

/** A message's images to read as posters, or its links when it has none ("Read poster", a mention replying to it). */
export function posterSources(message: Message): ImageSource[] {
  const images = [...message.attachments.values()].filter(isImageAttachment);
  return images.length > 0 ? images.map(attachmentSource) : linkSources(message.content, linkPreviews(message));
}

/**
 * The bot named in the message (not `@everyone` nor any other role), or, with `orRepliesToIt`, a reply to one of its
 * messages. "@MovieBot" may be the bot's own role: Discord offers it beside the bot when someone types the name.
 */
const mentionsTheBot = (message: Message, { orRepliesToIt }: { orRepliesToIt: boolean }): boolean =>
  message.mentions.has(message.client.user, { ignoreEveryone: true, ignoreRoles: true, ignoreRepliedUser: !orRepliesToIt }) || namesItsRole(message);

const namesItsRole = (message: Message): boolean => {
  const role = message.guild?.roles.botRoleFor(message.client.user);
  return role != null && message.mentions.roles.has(role.id);
};

/**
 * Reads each source someone asked about as a poster ("Read poster", a mention's links), answering each in turn; a link
 * whose page gave no picture waits for its `latePreview` where there is one.
 */
export async function answerPosters(
  sources: readonly ImageSource[],
  requester: Requester,
  { bot, log, what, send, latePreview }: {
    bot: BotServices; log: Logger; what: string; send: (reply: Reply) => Promise<unknown>; latePreview?: (link: string) => Promise<string | undefined>;
  },
): Promise<void> {
  for (const [index, source] of sources.entries()) {
    await answerSafely(log, what, () => analyzeLink(bot, source, { ...requester, requestId: `${requester.requestId}:${index}` }, latePreview), send);
  }
}
