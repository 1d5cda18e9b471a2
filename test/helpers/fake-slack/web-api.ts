import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the fake: a Web API method, a `response_url` post or a file download. */
export interface RecordedCall {
  readonly method: string;
  readonly body: Record<string, unknown>;
  readonly authorization?: string;
  readonly path: string;
  /** The HTTP status the fake answered: 429 for an injected rate limit. */
  readonly status: number;
  /** What the fake answered a Web API call with, unless a fault was injected (a posted message's `ts`, say). */
  readonly answer?: Record<string, unknown>;
  /** `performance.now()` when it arrived. */
  readonly at: number;
}

export interface FakeFile {
  readonly id: string;
  readonly name: string;
  readonly mimetype: string;
  readonly url_private: string;
  readonly url_private_download: string;
  readonly permalink: string;
  readonly thumb_1024?: string;
}

interface StoredFile {
  readonly file: FakeFile;
  readonly bytes: Uint8Array;
  readonly thumb?: Uint8Array;
  /** Serve the login page even with the right token, like Slack does when the app lacks files:read. */
  readonly loginPageOnly: boolean;
}

/**
 * An HTTP error (429 with Retry-After, say), a Slack error (`ok: false` with `error`), or a slow but normal
 * answer when only `delayMs` is given.
 */
interface Fault {
  readonly status?: number;
  readonly error?: string;
  readonly retryAfterSeconds?: number;
  readonly delayMs?: number;
}

export interface FakeSlackWebApiOptions {
  readonly botToken: string;
  readonly appToken?: string;
  /** What `apps.connections.open` answers: the fake Socket Mode server's URL. */
  readonly socketUrl?: () => string;
}

const LOGIN_PAGE = '<!DOCTYPE html><html><head><title>Slack</title></head><body><form action="/signin">Sign in to your workspace</form></body></html>';
export const FAKE_TEAM = { id: 'T0FAKE', botUserId: 'U0BOT', botId: 'B0BOT' } as const;

const JSON_FIELDS = new Set(['blocks', 'attachments', 'metadata', 'files']);

/** Values of a form post; Slack's WebClient sends objects (blocks) as JSON strings inside the form. */
function parseBody(raw: string, contentType: string): Record<string, unknown> {
  if (raw === '') return {};
  if (contentType.includes('application/json')) return JSON.parse(raw) as Record<string, unknown>;
  const body: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    body[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return body;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
};

const sendImage = (res: ServerResponse, mimetype: string, bytes: Uint8Array): void => {
  res.writeHead(200, { 'content-type': mimetype, 'content-length': String(bytes.byteLength) }).end(bytes);
};

/**
 * A Slack Web API on 127.0.0.1: `auth.test`, `chat.postMessage`, `chat.postEphemeral`, `files.info`, `conversations.replies`,
 * `apps.connections.open`, the three steps of `files.uploadV2` (`files.getUploadURLExternal`, the upload itself,
 * recorded as `file_upload`, and `files.completeUploadExternal`), the `response_url` endpoint behind slash commands' `respond`, and private file
 * downloads that need the bot token (a login page otherwise). Every request is recorded; faults are queued
 * per method with {@link failNext}.
 */
export class FakeSlackWebApi {
  readonly calls: RecordedCall[] = [];
  /** Users `users.info` reports as workspace admins. */
  readonly admins = new Set<string>(['U0ADMIN']);
  private readonly files = new Map<string, StoredFile>();
  /** What `files.uploadV2` sent, by file id. */
  readonly uploads = new Map<string, Buffer>();
  private readonly publicImages = new Map<string, Uint8Array>();
  private readonly messages = new Map<string, object>();
  private readonly faults = new Map<string, Fault[]>();
  private readonly recorded = new EventEmitter();
  private nextTs = 1_700_000_000;
  private nextFile = 1;
  private nextResponseUrl = 1;

  private constructor(
    private readonly server: Server,
    private readonly options: FakeSlackWebApiOptions,
  ) {}

  static async start(options: FakeSlackWebApiOptions): Promise<FakeSlackWebApi> {
    let fake: FakeSlackWebApi | undefined;
    const server = createServer((req, res) => {
      fake?.handle(req, res).catch((error: unknown) => json(res, 500, { ok: false, error: String(error) }));
    });
    fake = new FakeSlackWebApi(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** What SLACK_API_URL points at. */
  get apiUrl(): string {
    return `${this.origin}/api/`;
  }

  /** `host:port` for DOWNLOAD_ALLOW_HOSTS. */
  get host(): string {
    return new URL(this.origin).host;
  }

  /** A shared file; with `thumb`, Slack's 1024-px thumbnail of it (`thumb_1024`, fetched with the same token). */
  addFile(name: string, mimetype: string, bytes: Uint8Array, { loginPageOnly = false, thumb }: { loginPageOnly?: boolean; thumb?: Uint8Array } = {}): FakeFile {
    const id = `F${String(this.nextFile++).padStart(8, '0')}`;
    const url = `${this.origin}/files-pri/${FAKE_TEAM.id}-${id}/${encodeURIComponent(name)}`;
    const thumbUrl = thumb === undefined ? {} : { thumb_1024: `${this.origin}/files-tmb/${FAKE_TEAM.id}-${id}/${encodeURIComponent(name)}_1024.png` };
    const file = { id, name, mimetype, url_private: url, url_private_download: `${url}?download=1`, permalink: `${this.origin}/files/${id}`, ...thumbUrl };
    this.files.set(id, { file, bytes, thumb, loginPageOnly });
    return file;
  }

  /** An image anyone may fetch, for `/poster <url>`. */
  /** A message `conversations.replies` gives as the first of its thread (people's messages, which events carry too). */
  addMessage(message: { channel: string; ts: string }): void {
    this.messages.set(`${message.channel}:${message.ts}`, message);
  }

  addPublicImage(name: string, png: Uint8Array): string {
    const path = `/public/${encodeURIComponent(name)}`;
    this.publicImages.set(path, png);
    return `${this.origin}${path}`;
  }

  /** A fresh slash-command `response_url`; what `respond` posts there is recorded as method `response_url`. */
  responseUrl(): string {
    return `${this.origin}/commands/${FAKE_TEAM.id}/${this.nextResponseUrl++}/hook`;
  }

  /** The next `times` calls of `method` meet this fault. */
  failNext(method: string, fault: Fault, times = 1): void {
    this.faults.set(method, [...(this.faults.get(method) ?? []), ...Array<Fault>(times).fill(fault)]);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first recorded call of `method` matching `where`, now or later. */
  waitFor(method: string, where: (call: RecordedCall) => boolean = () => true, timeoutMs = 20_000): Promise<RecordedCall> {
    const match = (call: RecordedCall) => call.method === method && where(call);
    const found = this.calls.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.recorded.off('call', onCall);
        reject(new Error(`no ${method} call arrived within ${timeoutMs} ms`));
      }, timeoutMs);
      const onCall = (call: RecordedCall) => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.recorded.off('call', onCall);
        resolve(call);
      };
      this.recorded.on('call', onCall);
    });
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private record(method: string, url: URL, body: Record<string, unknown>, status: number, authorization?: string, answer?: Record<string, unknown>): void {
    const call = { method, body, authorization, path: url.pathname, status, ...(answer === undefined ? {} : { answer }), at: performance.now() };
    this.calls.push(call);
    this.recorded.emit('call', call);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.origin);
    const authorization = req.headers.authorization;
    if (req.method === 'GET' && (url.pathname.startsWith('/files-pri/') || url.pathname.startsWith('/files-tmb/'))) {
      this.download(url, authorization, res);
      return;
    }
    if (req.method === 'GET' && url.pathname.startsWith('/public/')) {
      this.servePublic(url, res);
      return;
    }
    const raw = await readBody(req);
    if (url.pathname.startsWith('/upload/')) {
      this.receiveUpload(url, raw, res);
      return;
    }
    const body = parseBody(raw.toString('utf8'), req.headers['content-type'] ?? '');
    if (url.pathname.startsWith('/commands/')) {
      this.record('response_url', url, body, 200);
      json(res, 200, { ok: true });
      return;
    }
    const method = url.pathname.replace(/^\/api\//, '');
    const fault = this.faults.get(method)?.shift();
    const failed = fault?.status !== undefined || fault?.error !== undefined;
    const answer = failed ? undefined : this.answer(method, body, authorization);
    this.record(method, url, body, fault?.status ?? 200, authorization, answer);
    if (fault?.delayMs !== undefined) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (answer === undefined) {
      const status = fault?.status ?? 200;
      const headers: Record<string, string> = fault?.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
      json(res, status, { ok: false, error: fault?.error ?? (status === 429 ? 'ratelimited' : 'fatal_error') }, headers);
      return;
    }
    json(res, 200, answer);
  }

  private answer(method: string, body: Record<string, unknown>, authorization?: string): Record<string, unknown> {
    const expected = method === 'apps.connections.open' ? this.options.appToken : this.options.botToken;
    if (expected === undefined || authorization !== `Bearer ${expected}`) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return { ok: true, url: `${this.origin}/`, team: 'Fake Team', team_id: FAKE_TEAM.id, user: 'moviebot', user_id: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId };
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const ts = `${this.nextTs++}.000100`;
        return { ok: true, channel: body.channel, ts, message: { ...body, ts, bot_id: FAKE_TEAM.botId } };
      }
      case 'chat.delete':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'files.delete':
        return { ok: true };
      case 'users.info': {
        const id = String(body.user);
        return { ok: true, user: { id, name: id.toLowerCase(), is_admin: this.admins.has(id), is_owner: false } };
      }
      case 'files.info': {
        const stored = this.files.get(String(body.file));
        return stored === undefined ? { ok: false, error: 'file_not_found' } : { ok: true, file: stored.file };
      }
      case 'files.getUploadURLExternal': {
        const id = `F${String(this.nextFile++).padStart(8, '0')}`;
        return { ok: true, upload_url: `${this.origin}/upload/${id}`, file_id: id };
      }
      case 'conversations.replies': {
        // The thread's first message, then the bot's answers in it, as Slack lists a thread.
        const parent = this.messages.get(`${String(body.channel)}:${String(body.ts)}`);
        const answers = this.calls
          .filter((call) => call.method === 'chat.postMessage' && call.status === 200 && call.body.channel === body.channel && call.body.thread_ts === body.ts)
          .map((call) => ({ type: 'message', user: FAKE_TEAM.botUserId, bot_id: FAKE_TEAM.botId, text: call.body.text, thread_ts: body.ts }));
        return parent === undefined ? { ok: false, error: 'thread_not_found' } : { ok: true, messages: [parent, ...answers].slice(0, Number(body.limit ?? 1000)), has_more: false };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: body.files };
      case 'apps.connections.open': {
        const socketUrl = this.options.socketUrl?.();
        return socketUrl === undefined ? { ok: false, error: 'socket_mode_disabled' } : { ok: true, url: socketUrl };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private download(url: URL, authorization: string | undefined, res: ServerResponse): void {
    const id = url.pathname.split('/')[2]?.split('-')[1] ?? '';
    const stored = this.files.get(id);
    const login = stored !== undefined && (stored.loginPageOnly || authorization !== `Bearer ${this.options.botToken}`);
    const thumb = url.pathname.startsWith('/files-tmb/');
    this.record('file_download', url, { file: id, login, thumb }, stored === undefined ? 404 : 200, authorization);
    if (stored === undefined || (thumb && stored.thumb === undefined)) res.writeHead(404).end();
    else if (login) res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(LOGIN_PAGE);
    else if (thumb) sendImage(res, 'image/png', stored.thumb!);
    else sendImage(res, stored.file.mimetype, stored.bytes);
  }

  /** The bytes of an upload (multipart or raw): recorded with whether they hold a PNG, and kept by file id. */
  private receiveUpload(url: URL, raw: Buffer, res: ServerResponse): void {
    const file = url.pathname.split('/')[2] ?? '';
    this.uploads.set(file, raw);
    this.record('file_upload', url, { file, bytes: raw.length, png: raw.includes(PNG_SIGNATURE) }, 200);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`);
  }

  private servePublic(url: URL, res: ServerResponse): void {
    const image = this.publicImages.get(url.pathname);
    this.record('public_download', url, {}, image === undefined ? 404 : 200);
    if (image === undefined) res.writeHead(404).end();
    else sendImage(res, 'image/png', image);
  }
}
