import type { MessageShortcut, webApi } from '@slack/bolt';
import type { Requester } from '../../core/command.js';

/** Who asked and where on Slack: the channel settings and feedback records key on it. */
export function slackRequester(userId: string, channelId: string, teamId: string | undefined, requestId: string, direct: boolean): Requester {
  return { platform: 'slack', userId, requestId, place: { channelId, ...(teamId === undefined ? {} : { serverId: teamId }), direct } };
}

/** Direct-message channel ids start with D; Slack names them "directmessage" in slash commands. */
export const isDirectChannel = (channelId: string): boolean => channelId.startsWith('D');

/** Whoever posted the message a shortcut is used on, the person who used it is the one asking, where they used it. */
export function shortcutRequester(shortcut: MessageShortcut): Requester {
  const channel = shortcut.channel.id;
  return slackRequester(shortcut.user.id, channel, shortcut.team?.id, shortcut.trigger_id, isDirectChannel(channel));
}

/** Workspace admins and owners may change the bot's settings (Slack has no per-channel manage permission). */
export async function isWorkspaceAdmin(client: webApi.WebClient, userId: string): Promise<boolean> {
  const { user } = await client.users.info({ user: userId });
  return user?.is_admin === true || user?.is_owner === true;
}
