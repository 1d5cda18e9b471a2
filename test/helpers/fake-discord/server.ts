import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { afterAll, beforeAll } from 'vitest';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import {
  APPLICATION_COMMAND,
  botRoleIdFor,
  guildIdFor,
  interactionEnvelope,
  MESSAGE_COMPONENT,
  messageFields,
  interactionPayload,
  messagePayload,
  snowflake,
  userPayload,
  type AttachmentPayload,
  type CommandOptionValue,
  type FakeGuild,
  type FakeUser,
  type Place,
} from './payloads.js';
import { answerRequest, parseRequest, writeAnswer, type Fault, type RecordedRequest, type RestState } from './rest.js';

export interface FakeDiscordOptions {
  readonly token?: string;
  /** Guild `i` lands on shard `i % shardCount`, so two guilds cover two shards. */
  readonly guildCount?: number;
  readonly recommendedShards?: number;
  readonly heartbeatIntervalMs?: number;
  /** Guild index → permissions its channel denies everyone (its @everyone overwrite), as a bit field. */
  readonly deniedInChannel?: Readonly<Record<number, bigint>>;
}

/** Where a user acts: guild `guild`'s channel (the first by default), the thread under it, or a DM. */
type Where = { guild?: number; dm?: boolean; thread?: boolean };

/** Who posts, unless a test says otherwise. */
export const TEST_USER: FakeUser = { id: snowflake(), username: 'poster-fan' };

/**
 * A local Discord: REST under `apiUrl` (record of every request, injectable faults), the gateway, and a file
 * host for attachments. Tests post messages and commands as users would and read what the bot sent.
 *
 * @example
 * const discord = await startFakeDiscord();
 * const message = discord.postMessage({ attachments: [discord.addAttachment('poster.png', png)] });
 * const reply = await discord.waitForRequest((r) => r.path === `/channels/${message.channel_id}/messages`);
 */
export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  readonly token: string;
  readonly applicationId = snowflake();
  readonly botUser: FakeUser;
  readonly guilds: readonly FakeGuild[];
  readonly gateway: FakeGateway;
  private readonly faults: Fault[] = [];
  private readonly files = new Map<string, { readonly bytes: Uint8Array; readonly type?: string; readonly resized?: Uint8Array }>();
  /** The media proxy's requests (path and query), as tests check which copy the bot read. */
  readonly mediaRequests: string[] = [];
  private readonly state: RestState;

  constructor(
    private readonly server: ReturnType<typeof createServer>,
    readonly origin: string,
    options: FakeDiscordOptions,
  ) {
    this.token = options.token ?? 'fake-discord-token.secret-part';
    this.botUser = { id: this.applicationId, username: 'MovieBot', bot: true };
    this.guilds = Array.from({ length: options.guildCount ?? 1 }, (_, index) => ({
      id: guildIdFor(index), channelId: snowflake(), threadId: snowflake(), deniedInChannel: options.deniedInChannel?.[index],
    }));
    const gatewayUrl = `${origin.replace(/^http/, 'ws')}/gateway`;
    this.state = {
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      gatewayUrl,
      recommendedShards: options.recommendedShards ?? 1,
      interactions: new Map(),
      messages: new Map(),
    };
    this.gateway = new FakeGateway({
      url: gatewayUrl,
      token: this.token,
      botUser: this.botUser,
      applicationId: this.applicationId,
      guilds: this.guilds,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
    });
    server.on('request', (request, response) => void this.onRequest(request, response));
    server.on('upgrade', (request, socket, head) => this.gateway.upgrade(request, socket, head));
  }

  /** The value for DISCORD_API_URL. */
  get apiUrl(): string {
    return `${this.origin}/api`;
  }

  /** The `host:port` to put in DOWNLOAD_ALLOW_HOSTS so the bot may fetch attachments from here. */
  get host(): string {
    return new URL(this.origin).host;
  }

  failNext(fault: Fault): void {
    this.faults.push(fault);
  }

  /**
   * Hosts `bytes` like Discord's CDN and returns the attachment object messages carry. With `resized`, the picture is
   * `width` x `height` and its media proxy URL serves `resized.bytes` when asked for a size, as Discord's resizes.
   */
  addAttachment(filename: string, bytes: Uint8Array, contentType?: string, resized?: { width: number; height: number; bytes: Uint8Array }): AttachmentPayload {
    const id = snowflake();
    const url = `${this.origin}/attachments/${id}/${encodeURIComponent(filename)}`;
    this.files.set(id, { bytes, type: contentType, resized: resized?.bytes });
    const size = resized === undefined ? {} : { width: resized.width, height: resized.height };
    const proxyUrl = resized === undefined ? url : `${this.origin}/media/attachments/${id}/${encodeURIComponent(filename)}`;
    return { id, filename, ...(contentType === undefined ? {} : { content_type: contentType }), size: bytes.byteLength, url, proxy_url: proxyUrl, ...size };
  }

  /**
   * A user posts in guild `guild`'s channel, or in a DM with `dm: true`; `mention: true` @-mentions the bot;
   * `embeds` are the link previews Discord added. Returns the message as dispatched.
   */
  postMessage(message: {
    attachments?: AttachmentPayload[]; content?: string; guild?: number; dm?: boolean; thread?: boolean; author?: FakeUser; mention?: boolean; embeds?: readonly object[];
    /** @-mentions the role Discord made for the bot (`botRole`) or another one, as autocomplete offers both. */
    mentionRole?: 'botRole' | 'otherRole';
    /** A message this one replies to (`postMessage`'s return), as Discord's reply button makes. */
    replyTo?: { id: string; channel_id: string; guild_id?: string };
  }) {
    const place = this.place(message);
    const role = message.mentionRole === undefined || place.guildId === undefined ? undefined : message.mentionRole === 'botRole' ? botRoleIdFor({ id: place.guildId }) : snowflake();
    const mentioned = message.mention === true ? `<@${this.botUser.id}> ` : role === undefined ? '' : `<@&${role}> `;
    const content = `${mentioned}${message.content ?? ''}`;
    const { replyTo } = message;
    const payload = {
      ...messagePayload(place, message.author ?? TEST_USER, content, message.attachments ?? []),
      ...(message.mention === true ? { mentions: [userPayload(this.botUser)] } : {}),
      ...(role === undefined ? {} : { mention_roles: [role] }),
      ...(message.embeds === undefined ? {} : { embeds: message.embeds }),
      ...(replyTo === undefined ? {} : { type: 19, message_reference: { message_id: replyTo.id, channel_id: replyTo.channel_id, ...(replyTo.guild_id === undefined ? {} : { guild_id: replyTo.guild_id }) } }),
    };
    this.state.messages.set(payload.id, payload);
    this.gateway.dispatch('MESSAGE_CREATE', payload, place.guildId);
    return payload;
  }

  /** Discord adds link previews to a message it dispatched (`postMessage`'s return), as it does a moment after posting. */
  addEmbeds(message: { id: string; channel_id: string; guild_id?: string }, embeds: readonly object[]): void {
    const payload = { id: message.id, channel_id: message.channel_id, ...(message.guild_id === undefined ? {} : { guild_id: message.guild_id }), embeds };
    this.gateway.dispatch('MESSAGE_UPDATE', payload, message.guild_id);
  }

  /** A user deletes a message Discord dispatched (`postMessage`'s return): the event carries its ids only. */
  deleteMessage(message: { id: string; channel_id: string; guild_id?: string }): void {
    this.state.messages.delete(message.id);
    const payload = { id: message.id, channel_id: message.channel_id, ...(message.guild_id === undefined ? {} : { guild_id: message.guild_id }) };
    this.gateway.dispatch('MESSAGE_DELETE', payload, message.guild_id);
  }

  /** A user runs `/name` with `options` (with every permission unless `permissions` says otherwise). */
  runCommand(name: string, options: Readonly<Record<string, CommandOptionValue>> = {}, where: Where & { permissions?: string } = {}) {
    const place = this.place(where);
    return this.dispatchInteraction(place, interactionPayload(this.applicationId, place, { user: TEST_USER, permissions: where.permissions }, name, options));
  }

  /** A user picks `name` (e.g. "Read poster") from a message's Apps menu. */
  runMessageCommand(name: string, target: { id: string }, where: Where = {}) {
    const place = this.place(where);
    const data = { id: snowflake(), name, type: 3, target_id: target.id, resolved: { messages: { [target.id]: target } } };
    return this.dispatchInteraction(place, interactionEnvelope(this.applicationId, place, { user: TEST_USER }, APPLICATION_COMMAND, data));
  }

  /** A user clicks a button (`values` absent) or picks `values` in a select menu on the bot's `message`. */
  useComponent(message: Record<string, unknown>, customId: string, values?: readonly string[], where: Where = {}) {
    const place = this.place(where);
    const data = values === undefined ? { custom_id: customId, component_type: 2 } : { custom_id: customId, component_type: 3, values };
    const payload = interactionEnvelope(this.applicationId, place, { user: TEST_USER }, MESSAGE_COMPONENT, data, { message });
    return this.dispatchInteraction(place, payload);
  }

  /** The message object of something the bot posted (a recorded request), as a later interaction carries it. */
  sentMessage(request: RecordedRequest, where: Where = {}): Record<string, unknown> {
    // An interaction's direct reply carries its message as the callback's `data`.
    const body = ((request.path.endsWith('/callback') ? request.body?.data : request.body) ?? {}) as Record<string, unknown>;
    return { ...messageFields(this.place(where).channelId, this.botUser, String(body.content ?? '')), embeds: body.embeds ?? [], components: body.components ?? [] };
  }

  private dispatchInteraction<T extends { token: string }>(place: Place, payload: T): T {
    this.state.interactions.set(payload.token, { channelId: place.channelId, acknowledged: false, flags: 0 });
    this.gateway.dispatch('INTERACTION_CREATE', payload, place.guildId);
    return payload;
  }

  /** Resolves with the first recorded request (past or future) that `matches`. */
  async waitForRequest(matches: (request: RecordedRequest) => boolean, timeoutMs = 15_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.requests.find(matches);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching request within ${timeoutMs} ms; saw:\n${this.describeRequests()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  describeRequests(): string {
    return this.requests.map((request) => `${request.status} ${request.method} ${request.path}`).join('\n');
  }

  async close(): Promise<void> {
    this.gateway.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private place(where: Where): Place {
    if (where.dm) return { channelId: `9${TEST_USER.id.slice(1)}` };
    const guild = this.guilds[where.guild ?? 0];
    if (guild === undefined) throw new Error(`the fake has ${this.guilds.length} guild(s), not guild ${where.guild}`);
    return { channelId: where.thread === true ? guild.threadId : guild.channelId, guildId: guild.id };
  }

  private async onRequest(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    const attachment = url.pathname.match(/^\/(media\/)?attachments\/(\d+)\//);
    if (attachment?.[1] !== undefined) this.mediaRequests.push(`${url.pathname}${url.search}`);
    if (attachment !== null) return this.serveFile(attachment[2]!, response, attachment[1] !== undefined && url.searchParams.has('width'));
    const path = decodeURIComponent(url.pathname).replace(/^\/api(\/v\d+)?/, '');
    const parsed = await parseRequest(request, path, url.searchParams);
    const faultIndex = this.faults.findIndex((fault) => fault.method === parsed.method && fault.path.test(path));
    const fault = faultIndex === -1 ? undefined : this.faults.splice(faultIndex, 1)[0];
    const answer = answerRequest(this.state, parsed, fault);
    this.requests.push({ ...parsed, status: answer.status, answer: answer.body, at: Date.now() });
    writeAnswer(response, answer);
    // Discord tells the bot of every deletion in its channels, its own messages' included.
    const deleted = parsed.method === 'DELETE' && answer.status === 204 ? path.match(/^\/channels\/(\d+)\/messages\/(\d+)$/) : null;
    if (deleted !== null) this.deleteMessage({ id: deleted[2]!, channel_id: deleted[1]!, guild_id: this.guilds.find((guild) => guild.channelId === deleted[1])?.id });
  }

  private serveFile(id: string, response: ServerResponse, resized: boolean): void {
    const file = this.files.get(id);
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    const bytes = resized ? (file.resized ?? file.bytes) : file.bytes;
    response.writeHead(200, { 'content-type': file.type ?? 'application/octet-stream', 'content-length': bytes.byteLength });
    response.end(bytes);
  }
}

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new FakeDiscord(server, `http://127.0.0.1:${port}`, options);
}

/** One fake Discord for a test file: started before its tests, closed after; the getter reads it inside a test. */
export function useFakeDiscord(): () => FakeDiscord {
  let discord: FakeDiscord | undefined;
  beforeAll(async () => {
    discord = await startFakeDiscord();
  });
  afterAll(async () => {
    await discord?.close();
  });
  return () => {
    if (discord === undefined) throw new Error('useFakeDiscord: the fake Discord is not started yet (call the getter inside a test)');
    return discord;
  };
}
