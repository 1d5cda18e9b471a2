import { PermissionFlagsBits, type Message } from 'discord.js';

/** What the bot may do where a message was posted, as far as answering it goes. */
export interface ReplyPermissions {
  /** See the channel, send in it (in a thread: Send Messages in Threads) and read its history, which a reply needs. */
  readonly reply: boolean;
  /** Embed Links: without it Discord drops a message's embeds, and a card that is only an embed is refused as empty. */
  readonly embeds: boolean;
  /** Attach Files: the posters cut out of a picture of several. */
  readonly files: boolean;
}

const UNRESTRICTED: ReplyPermissions = { reply: true, embeds: true, files: true };

/**
 * The bot's permissions in the message's channel, from the cached roles and overwrites: a read-only channel
 * (announcements, rules) gets no download and no inference for a reply that would fail.
 */
export function replyPermissions(message: Message): ReplyPermissions {
  if (!message.inGuild()) return UNRESTRICTED;
  const permissions = message.channel.permissionsFor(message.client.user);
  // Unknown (the channel or the bot's member not cached): try, and a reply that fails is logged.
  if (permissions === null) return UNRESTRICTED;
  const send = message.channel.isThread() ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
  return {
    reply: permissions.has([PermissionFlagsBits.ViewChannel, send, PermissionFlagsBits.ReadMessageHistory]),
    embeds: permissions.has(PermissionFlagsBits.EmbedLinks),
    files: permissions.has(PermissionFlagsBits.AttachFiles),
  };
}
