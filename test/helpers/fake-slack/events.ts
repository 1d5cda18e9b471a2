import { createHmac, randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { FAKE_TEAM, type FakeFile } from './web-api.js';

/** The Events API envelope Slack wraps every event in. */
export function eventCallback(event: Record<string, unknown>, eventId = `Ev${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`) {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM.id,
    api_app_id: 'A0MOVIEBOT',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: FAKE_TEAM.id, user_id: FAKE_TEAM.botUserId, is_bot: true, is_enterprise_install: false }],
  };
}

let messageCounter = 0;

/** A person's message sharing `files` in `channel`, as Slack sends it (subtype `file_share`). */
export function fileShareEvent(channel: string, files: readonly FakeFile[], user = 'U0PERSON') {
  messageCounter += 1;
  const ts = `${1_700_000_000 + messageCounter}.${String(messageCounter).padStart(6, '0')}`;
  return {
    type: 'message',
    subtype: 'file_share',
    text: '',
    user,
    channel,
    channel_type: 'channel',
    ts,
    event_ts: ts,
    upload: false,
    files: files.map((file) => ({ ...file, filetype: file.mimetype.split('/')[1], mode: 'hosted', size: 1 })),
  };
}

/** The form fields of a slash command (Slack posts them url-encoded; Socket Mode sends them as an object). */
export function slashCommandFields(command: string, text: string, responseUrl: string, user = 'U0PERSON'): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: FAKE_TEAM.id,
    team_domain: 'fake',
    channel_id: 'C0MOVIES',
    channel_name: 'movies',
    user_id: user,
    user_name: 'person',
    command,
    text,
    api_app_id: 'A0MOVIEBOT',
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: `${Date.now()}.trigger`,
  };
}

/** `x-slack-signature` and `x-slack-request-timestamp` as Slack computes them with the app's signing secret. */
export function signatureHeaders(signingSecret: string, rawBody: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return { 'x-slack-signature': `v0=${signature}`, 'x-slack-request-timestamp': String(timestamp) };
}

export interface Delivery {
  readonly status: number;
  readonly body: string;
}

/**
 * Posts to the bot's Events API endpoint the way Slack does: signed, JSON for events (with
 * `x-slack-retry-num` on redeliveries), url-encoded for slash commands.
 */
export class SignedEventPoster {
  constructor(
    private readonly endpoint: string,
    private readonly signingSecret: string,
  ) {}

  postEvent(payload: object, retry?: { num: number; reason: string }): Promise<Delivery> {
    const retryHeaders: Record<string, string> = retry === undefined ? {} : { 'x-slack-retry-num': String(retry.num), 'x-slack-retry-reason': retry.reason };
    return this.post(JSON.stringify(payload), 'application/json', retryHeaders);
  }

  postCommand(fields: Record<string, string>): Promise<Delivery> {
    return this.post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
  }

  /** Sends the body with a signature made with some other secret. */
  postForged(payload: object): Promise<Delivery> {
    const raw = JSON.stringify(payload);
    return this.send(raw, { 'content-type': 'application/json', ...signatureHeaders('not-the-secret', raw) });
  }

  private post(raw: string, contentType: string, extra: Record<string, string> = {}): Promise<Delivery> {
    return this.send(raw, { 'content-type': contentType, ...signatureHeaders(this.signingSecret, raw), ...extra });
  }

  /** node:http sends headers and a small body in one segment, as Slack's senders do; fetch's two writes would add a delayed-ACK wait. */
  private send(raw: string, headers: Record<string, string>): Promise<Delivery> {
    return new Promise((resolve, reject) => {
      const req = request(this.endpoint, { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(raw)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(raw);
    });
  }
}

/** A click on a button (`value`) or a choice in a multi-select (`selected`) of a message the bot posted. */
export function blockActionPayload(actionId: string, responseUrl: string, choice: { value?: string; selected?: readonly string[] }, user = 'U0PERSON', container: { readonly message_ts?: string; readonly thread_ts?: string; readonly is_ephemeral?: boolean } = {}) {
  const action =
    choice.selected === undefined
      ? { type: 'button', action_id: actionId, block_id: 'feedback', value: choice.value ?? '', action_ts: `${Date.now() / 1000}` }
      : { type: 'multi_static_select', action_id: actionId, block_id: 'picker', selected_options: choice.selected.map((value) => ({ text: { type: 'plain_text', text: value }, value })), action_ts: `${Date.now() / 1000}` };
  return {
    type: 'block_actions',
    team: { id: FAKE_TEAM.id, domain: 'fake' },
    user: { id: user, username: 'person', team_id: FAKE_TEAM.id },
    api_app_id: 'A0MOVIEBOT',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.${Math.random()}.trigger`,
    channel: { id: 'C0MOVIES', name: 'movies' },
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0MOVIES', is_ephemeral: false, ...container },
    response_url: responseUrl,
    actions: [action],
  };
}

/** "Read poster" chosen from the ⋮ menu of `message`. */
export function messageShortcutPayload(callbackId: string, message: object, channel: string, responseUrl: string, user = 'U0PERSON') {
  return {
    type: 'message_action',
    callback_id: callbackId,
    trigger_id: `${Date.now()}.${Math.random()}.trigger`,
    action_ts: `${Date.now() / 1000}`,
    team: { id: FAKE_TEAM.id, domain: 'fake' },
    user: { id: user, name: 'person', team_id: FAKE_TEAM.id },
    channel: { id: channel, name: 'movies' },
    message,
    response_url: responseUrl,
    token: 'legacy-verification-token',
  };
}
