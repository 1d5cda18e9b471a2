import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commands } from '../../../commands/index.js';
import type { PlatformConnection } from '../../../src/adapters/connection.js';
import { SLACK_EVENTS_PATH, startSlack } from '../../../src/adapters/slack/index.js';
import type { BotStore } from '../../../src/core/bot-store.js';
import { createTestBot, type TestBot } from '../test-bot.js';
import { eventCallback, SignedEventPoster, slashCommandFields } from './events.js';
import { FakeSocketMode } from './socket-mode.js';
import { FakeSlackWebApi } from './web-api.js';

export type SlackMode = 'http' | 'socket';

/** The bot's Slack side, started for real with Bolt against the fakes, in either mode. */
export interface SlackHarness {
  readonly mode: SlackMode;
  readonly api: FakeSlackWebApi;
  /** Socket Mode only. */
  readonly socket?: FakeSocketMode;
  /** HTTP mode only: posts to the bot's /slack/events, signed with its secret. */
  readonly events?: SignedEventPoster;
  readonly testBot: TestBot;
  readonly connection: PlatformConnection;
  /** Every secret the bot was given, and nothing else: none may ever show up in its logs. */
  readonly secrets: readonly string[];
  /** Delivers an Events API event as Slack would in this mode; resolves once Slack's side saw the ack. */
  deliverEvent(event: object, options?: { eventId?: string; retry?: number }): Promise<{ eventId: string }>;
  /** Runs `/name text` as `user`; resolves with the `response_url` whose posts carry the answer. */
  runCommand(name: string, text: string, user?: string): Promise<string>;
  /** Delivers a block action or a shortcut payload as Slack would in this mode. */
  deliverInteraction(payload: object): Promise<void>;
  close(): Promise<void>;
}

const listen = async (server: Server): Promise<string> => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

export async function startSlackHarness(mode: SlackMode, env: Record<string, string> = {}, { store }: { store?: BotStore } = {}): Promise<SlackHarness> {
  const botToken = `xoxb-1-test-${randomUUID()}`;
  const appToken = `xapp-1-test-${randomUUID()}`;
  const signingSecret = `signing-${randomUUID()}`;
  const socket = mode === 'socket' ? await FakeSocketMode.start() : undefined;
  const api = await FakeSlackWebApi.start({ botToken, appToken, socketUrl: socket && (() => socket.url()) });
  const testBot = createTestBot({
    SLACK_BOT_TOKEN: botToken,
    SLACK_API_URL: api.apiUrl,
    DOWNLOAD_ALLOW_HOSTS: api.host,
    ...(mode === 'socket' ? { SLACK_APP_TOKEN: appToken } : { SLACK_SIGNING_SECRET: signingSecret }),
    ...env,
  }, { store });
  const { connection, handleHttp } = await startSlack({ config: testBot.config, bot: testBot.bot, commands, logger: testBot.logger });

  const server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === SLACK_EVENTS_PATH && handleHttp !== undefined) handleHttp(req, res);
    else res.writeHead(404).end();
  });
  const poster = new SignedEventPoster(`${await listen(server)}${SLACK_EVENTS_PATH}`, signingSecret);

  return {
    mode,
    api,
    socket,
    events: mode === 'http' ? poster : undefined,
    testBot,
    connection,
    secrets: mode === 'socket' ? [botToken, appToken] : [botToken, signingSecret],
    async deliverEvent(event, { eventId, retry } = {}) {
      const payload = eventCallback(event as Record<string, unknown>, eventId);
      if (socket !== undefined) {
        await socket.send('events_api', payload, retry === undefined ? undefined : { attempt: retry, reason: 'timeout' });
      } else {
        const delivery = await poster.postEvent(payload, retry === undefined ? undefined : { num: retry, reason: 'http_timeout' });
        if (delivery.status !== 200) throw new Error(`the bot answered the event with HTTP ${delivery.status}`);
      }
      return { eventId: payload.event_id };
    },
    async runCommand(name, text, user) {
      const responseUrl = api.responseUrl();
      const fields = slashCommandFields(`/${name}`, text, responseUrl, user);
      if (socket !== undefined) {
        await socket.send('slash_commands', fields);
      } else {
        const delivery = await poster.postCommand(fields);
        if (delivery.status !== 200) throw new Error(`the bot answered /${name} with HTTP ${delivery.status}`);
      }
      return responseUrl;
    },
    async deliverInteraction(payload) {
      if (socket !== undefined) {
        await socket.send('interactive', payload);
        return;
      }
      const delivery = await poster.postCommand({ payload: JSON.stringify(payload) });
      if (delivery.status !== 200) throw new Error(`the bot answered the interaction with HTTP ${delivery.status}`);
    },
    async close() {
      await connection.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await testBot.bot.close();
      await socket?.close();
      await api.close();
    },
  };
}
