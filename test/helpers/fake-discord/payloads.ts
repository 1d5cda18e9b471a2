/** Gateway and REST objects in the shapes Discord sends, trimmed to what discord.js reads. */

const DISCORD_EPOCH = 1_420_070_400_000n;
let counter = 0n;

/** A fresh, increasing snowflake. */
export function snowflake(): string {
  counter = (counter + 1n) % 4096n;
  return ((BigInt(Date.now()) - DISCORD_EPOCH) << 22n | counter).toString();
}

/** Guild ids built so that guild `index` lands on shard `index % shardCount` (shard = (id >> 22) % count). */
export const guildIdFor = (index: number): string => (BigInt(1_000_000 + index) << 22n).toString();

export const shardOf = (guildId: string, shardCount: number): number => Number((BigInt(guildId) >> 22n) % BigInt(shardCount));

export interface FakeUser {
  readonly id: string;
  readonly username: string;
  readonly bot?: boolean;
}

export const userPayload = (user: FakeUser) => ({
  id: user.id,
  username: user.username,
  global_name: user.username,
  discriminator: '0',
  avatar: null,
  bot: user.bot ?? false,
});

export interface FakeGuild {
  readonly id: string;
  readonly channelId: string;
  /** A public thread under the channel. */
  readonly threadId: string;
  /** Permissions (a bit field) the channel denies everyone, the bot included. */
  readonly deniedInChannel?: bigint;
}

const ALL_PERMISSIONS = '2199023255551';
/** Everything but Administrator, which would override the channel's overwrites: what the bot's roles give it. */
const MEMBER_PERMISSIONS = String(BigInt(ALL_PERMISSIONS) & ~8n);
/** Someone else owns the guilds: an owner's permissions override the channel's overwrites too. */
const OWNER_ID = '100000000000000001';

/** The id of the role a guild made for the bot. */
export const botRoleIdFor = (guild: Pick<FakeGuild, 'id'>): string => String(BigInt(guild.id) + 1n);

export function guildCreatePayload(guild: FakeGuild, botUser: FakeUser) {
  return {
    id: guild.id,
    name: `Guild ${guild.id}`,
    icon: null,
    owner_id: OWNER_ID,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    preferred_locale: 'en-US',
    system_channel_flags: 0,
    features: [],
    roles: [
      { id: guild.id, name: '@everyone', permissions: MEMBER_PERMISSIONS, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
      // The role Discord makes for a bot when it joins, named after it.
      { id: botRoleIdFor(guild), name: botUser.username, permissions: '0', position: 1, color: 0, hoist: false, managed: true, mentionable: true, flags: 0, tags: { bot_id: botUser.id } },
    ],
    emojis: [],
    stickers: [],
    channels: [{
      id: guild.channelId, type: 0, name: 'posters', position: 0, nsfw: false, parent_id: null,
      permission_overwrites: guild.deniedInChannel === undefined ? [] : [{ id: guild.id, type: 0, allow: '0', deny: String(guild.deniedInChannel) }],
    }],
    threads: [{
      id: guild.threadId, type: 11, guild_id: guild.id, parent_id: guild.channelId, name: 'poster thread', owner_id: botUser.id, message_count: 0, member_count: 1,
      thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false },
    }],
    members: [{ user: userPayload(botUser), roles: [botRoleIdFor(guild)], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 }],
    member_count: 2,
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
  };
}

export interface AttachmentPayload {
  readonly id: string;
  readonly filename: string;
  readonly content_type?: string;
  readonly size: number;
  readonly url: string;
  readonly proxy_url: string;
  readonly width?: number;
  readonly height?: number;
}

/** Where a message or command comes from: a guild channel, or a DM when `guildId` is absent. */
export interface Place {
  readonly channelId: string;
  readonly guildId?: string;
}

/** The fields every message object has, whether a user posted it or the bot sent it. */
export function messageFields(channelId: string, author: FakeUser, content: string) {
  return {
    id: snowflake(),
    channel_id: channelId,
    author: userPayload(author),
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [] as readonly AttachmentPayload[],
    embeds: [] as readonly unknown[],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

export function messagePayload(place: Place, author: FakeUser, content: string, attachments: readonly AttachmentPayload[]) {
  return {
    ...messageFields(place.channelId, author, content),
    // Discord adds the channel's type to message events; discord.js needs it to build an uncached DM channel.
    channel_type: place.guildId === undefined ? 1 : 0,
    ...(place.guildId === undefined ? {} : { guild_id: place.guildId, member: { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } }),
    attachments,
  };
}

/** A slash-command option as Discord sends it: strings inline, attachments by id with the file in `resolved`. */
export type CommandOptionValue = string | AttachmentPayload;

/** Interaction types as Discord numbers them. */
export const APPLICATION_COMMAND = 2;
export const MESSAGE_COMPONENT = 3;

/** Who runs an interaction and with which permissions in the guild (all, unless a test takes some away). */
export interface Invoker {
  readonly user: FakeUser;
  readonly permissions?: string;
}

/** The parts every interaction shares; `data` says what it is (a command, a message command, a click). */
export function interactionEnvelope(applicationId: string, place: Place, { user, permissions = ALL_PERMISSIONS }: Invoker, type: number, data: object, extra: object = {}) {
  const who =
    place.guildId === undefined
      ? { user: userPayload(user) }
      : { member: { user: userPayload(user), roles: [], permissions, joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0 } };
  return {
    id: snowflake(),
    application_id: applicationId,
    type,
    token: `interaction-token-${snowflake()}`,
    version: 1,
    ...(place.guildId === undefined ? {} : { guild_id: place.guildId, guild_locale: 'en-US' }),
    channel_id: place.channelId,
    channel: { id: place.channelId, type: place.guildId === undefined ? 1 : 0, ...(place.guildId === undefined ? {} : { guild_id: place.guildId, name: 'posters' }) },
    ...who,
    app_permissions: ALL_PERMISSIONS,
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: { 0: place.guildId ?? user.id },
    context: place.guildId === undefined ? 1 : 0,
    data,
    ...extra,
  };
}

export function interactionPayload(
  applicationId: string,
  place: Place,
  invoker: Invoker,
  name: string,
  options: Readonly<Record<string, CommandOptionValue>>,
) {
  const attachments = Object.values(options).filter((value): value is AttachmentPayload => typeof value !== 'string');
  return interactionEnvelope(applicationId, place, invoker, APPLICATION_COMMAND, {
    id: snowflake(),
    name,
    type: 1,
    options: Object.entries(options).map(([optionName, value]) =>
      typeof value === 'string' ? { name: optionName, type: 3, value } : { name: optionName, type: 11, value: value.id },
    ),
    ...(attachments.length === 0 ? {} : { resolved: { attachments: Object.fromEntries(attachments.map((file) => [file.id, file])) } }),
  });
}
