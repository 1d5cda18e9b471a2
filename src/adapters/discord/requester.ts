import { PermissionFlagsBits, type BaseInteraction, type Message } from 'discord.js';
import type { Requester } from '../../core/command.js';

/** Who asked and where, from a message or an interaction: the channel settings and feedback records key on it. */
export function requesterOf(source: Message | BaseInteraction, requestId = source.id): Requester {
  const user = 'author' in source ? source.author : source.user;
  const channelId = source.channelId ?? '';
  // A thread follows its channel's settings unless it has its own (a forum's posts are threads too).
  const parentChannelId = source.channel?.isThread() ? source.channel.parentId : null;
  return {
    platform: 'discord',
    userId: user.id,
    requestId,
    place: {
      channelId,
      ...(parentChannelId === null ? {} : { parentChannelId }),
      ...(source.guildId === null ? {} : { serverId: source.guildId }),
      direct: source.guildId === null,
    },
  };
}

/** Manage Server in this guild, as Discord resolved it for this interaction (never in a DM). */
export const canManageServer = (interaction: BaseInteraction): boolean =>
  interaction.inGuild() && (interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false);
