import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeUser } from './payloads.js';
import { messageFields, snowflake, userPayload } from './payloads.js';

/** One request the bot made, as the tests inspect it. `path` has no `/api/v10` prefix. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization?: string;
  /** The JSON body, or a multipart body's `payload_json`. */
  readonly body?: Record<string, unknown>;
  readonly files: ReadonlyArray<{ readonly field: string; readonly filename: string; readonly size: number }>;
  /** What the fake answered; injected faults included. */
  readonly status: number;
  /** The JSON the fake answered with (a posted message, say). */
  readonly answer?: unknown;
  readonly at: number;
}

/** The next request matching `method` and `path` gets this answer instead of the real one. */
export interface Fault {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  /** For 429s: seconds, sent as `Retry-After` and the body's `retry_after`. */
  readonly retryAfterSeconds?: number;
}

export interface RestState {
  readonly token: string;
  readonly botUser: FakeUser;
  readonly applicationId: string;
  readonly gatewayUrl: string;
  readonly recommendedShards: number;
  /**
   * Interaction token → where its replies go, whether it was acknowledged, and the id of the message its answer (or
   * its "thinking…") is, which editing the answer keeps.
   */
  readonly interactions: Map<string, { readonly channelId: string; acknowledged: boolean; flags: number; originalId?: string }>;
  /**
   * Messages by id, users' as dispatched and the bot's as posted, for `GET /channels/:id/messages/:id` (a reply's
   * `fetchReference`) and a channel's history.
   */
  readonly messages: Map<string, { readonly id: string; readonly channel_id: string }>;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

type Parsed = Pick<RecordedRequest, 'method' | 'path' | 'query' | 'authorization' | 'body'>;

const ROUTES: ReadonlyArray<readonly [string, RegExp, (state: RestState, request: Parsed, match: RegExpMatchArray) => Answer]> = [
  ['GET', /^\/gateway\/bot$/, (state) => ({
    status: 200,
    body: {
      url: state.gatewayUrl,
      shards: state.recommendedShards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 86_400_000, max_concurrency: 1 },
    },
  })],
  ['GET', /^\/gateway$/, (state) => ({ status: 200, body: { url: state.gatewayUrl } })],
  ['GET', /^\/users\/@me$/, (state) => ({ status: 200, body: userPayload(state.botUser) })],
  ['GET', /^\/(oauth2\/)?applications\/@me$/, (state) => ({
    status: 200,
    body: { id: state.applicationId, name: state.botUser.username, description: '', flags: 0, bot_public: true, bot: userPayload(state.botUser) },
  })],
  ['POST', /^\/channels\/(\d+)\/typing$/, () => ({ status: 204 })],
  ['GET', /^\/channels\/(\d+)\/messages\/(\d+)$/, (state, _request, match) => {
    const message = state.messages.get(match[2]!);
    return message?.channel_id === match[1] ? { status: 200, body: message } : discordError(404, 10008, 'Unknown Message');
  }],
  // The channel's history as Discord pages it: with `after`, the `limit` messages right after that one, newest first.
  ['GET', /^\/channels\/(\d+)\/messages$/, (state, request, match) => {
    const after = BigInt(request.query.get('after') ?? '0');
    const inChannel = [...state.messages.values()].filter((message) => message.channel_id === match[1] && BigInt(message.id) > after);
    const oldestFirst = inChannel.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    return { status: 200, body: oldestFirst.slice(0, Number(request.query.get('limit') ?? 50)).reverse() };
  }],
  ['DELETE', /^\/channels\/(\d+)\/messages\/(\d+)$/, (state, _request, match) => {
    const message = state.messages.get(match[2]!);
    if (message === undefined || message.channel_id !== match[1]) return discordError(404, 10008, 'Unknown Message');
    state.messages.delete(message.id);
    return { status: 204 };
  }],
  ['POST', /^\/channels\/(\d+)\/messages$/, (state, request, match) => {
    const message = messageObject(state, match[1]!, request.body);
    state.messages.set(message.id, message);
    return { status: 200, body: message };
  }],
  ['POST', /^\/interactions\/(\d+)\/([^/]+)\/callback$/, (state, request, match) => {
    const interaction = state.interactions.get(match[2]!);
    if (interaction === undefined) return discordError(404, 10062, 'Unknown interaction');
    if (interaction.acknowledged) return discordError(400, 40060, 'Interaction has already been acknowledged.');
    interaction.acknowledged = true;
    const data = (request.body?.data ?? {}) as Record<string, unknown> & { flags?: number };
    interaction.flags = data.flags ?? 0;
    const message = { ...messageObject(state, interaction.channelId, data), webhook_id: state.applicationId };
    interaction.originalId = message.id;
    state.messages.set(message.id, message);
    if (request.query.get('with_response') !== 'true') return { status: 204 };
    const callback = { id: match[1]!, type: 2, response_message_id: message.id, response_message_loading: request.body?.type === 5, response_message_ephemeral: (interaction.flags & 64) !== 0 };
    return { status: 200, body: { interaction: callback, resource: { type: request.body?.type, message } } };
  }],
  ['PATCH', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, (state, request, match) => webhookMessage(state, match[2]!, request.body, true)],
  ['DELETE', /^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/, (state, _request, match) => {
    const interaction = state.interactions.get(match[2]!);
    if (!interaction?.acknowledged) return discordError(404, 10015, 'Unknown Webhook');
    if (interaction.originalId !== undefined) state.messages.delete(interaction.originalId);
    return { status: 204 };
  }],
  ['POST', /^\/webhooks\/(\d+)\/([^/]+)$/, (state, request, match) => webhookMessage(state, match[2]!, request.body, false)],
  ['PUT', /^\/applications\/(\d+)\/(guilds\/\d+\/)?commands$/, (state, request, match) => {
    if (match[1] !== state.applicationId) return discordError(403, 50001, 'Missing Access');
    const commands = Array.isArray(request.body) ? (request.body as Array<Record<string, unknown>>) : [];
    return { status: 200, body: commands.map((command) => ({ id: snowflake(), application_id: state.applicationId, version: snowflake(), ...command })) };
  }],
];

/** Routes that, like Discord's, take no bot token: the interaction token in the path is the credential. */
const NO_AUTH = /^\/(interactions|webhooks)\//;

export async function parseRequest(request: IncomingMessage, path: string, query: URLSearchParams): Promise<Parsed & Pick<RecordedRequest, 'files'>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = request.headers['content-type'] ?? '';
  const base = { method: request.method ?? 'GET', path, query, authorization: request.headers.authorization };
  if (raw.length === 0) return { ...base, files: [] };
  if (type.startsWith('multipart/form-data')) {
    const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
    const files: Array<RecordedRequest['files'][number]> = [];
    form.forEach((value, field) => {
      if (typeof value !== 'string') files.push({ field, filename: value.name, size: value.size });
    });
    const json = form.get('payload_json');
    return { ...base, body: typeof json === 'string' ? (JSON.parse(json) as Record<string, unknown>) : undefined, files };
  }
  return { ...base, body: JSON.parse(raw.toString()) as Record<string, unknown>, files: [] };
}

export function answerRequest(state: RestState, request: Parsed, fault: Fault | undefined): Answer {
  if (fault !== undefined) return faultAnswer(fault);
  if (!NO_AUTH.test(request.path) && request.authorization !== `Bot ${state.token}`) return discordError(401, 0, '401: Unauthorized');
  for (const [method, pattern, handle] of ROUTES) {
    const match = request.path.match(pattern);
    if (match !== null && method === request.method) return handle(state, request, match);
  }
  return discordError(404, 0, '404: Not Found');
}

export function writeAnswer(response: ServerResponse, answer: Answer): void {
  const headers = { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers };
  response.writeHead(answer.status, headers);
  response.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
}

/** A 429 carries the headers @discordjs/rest reads to decide how long to wait. */
function faultAnswer(fault: Fault): Answer {
  if (fault.status !== 429) return { status: fault.status, body: { message: 'Internal Server Error', code: 0 } };
  const retryAfter = fault.retryAfterSeconds ?? 1;
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global: false },
    headers: {
      'retry-after': String(retryAfter),
      'x-ratelimit-limit': '5',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset-after': String(retryAfter),
      'x-ratelimit-bucket': 'fake-bucket',
      'x-ratelimit-scope': 'user',
    },
  };
}

function discordError(status: number, code: number, message: string): Answer {
  return { status, body: { message, code } };
}

function webhookMessage(state: RestState, token: string, body: Record<string, unknown> | undefined, original: boolean): Answer {
  const interaction = state.interactions.get(token);
  if (interaction === undefined || !interaction.acknowledged) return discordError(404, 10015, 'Unknown Webhook');
  const flags = original ? interaction.flags : Number(body?.flags ?? 0);
  const message = { ...messageObject(state, interaction.channelId, body), ...(original && interaction.originalId !== undefined ? { id: interaction.originalId } : {}), flags, webhook_id: state.applicationId };
  state.messages.set(message.id, message);
  return { status: 200, body: message };
}

function messageObject(state: RestState, channelId: string, body: Record<string, unknown> | undefined) {
  const reference = body?.message_reference;
  return {
    ...messageFields(channelId, state.botUser, String(body?.content ?? '')),
    embeds: (body?.embeds as unknown[] | undefined) ?? [],
    flags: Number(body?.flags ?? 0),
    ...(reference === undefined ? {} : { type: 19, message_reference: reference }),
  };
}
