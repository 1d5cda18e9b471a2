import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { Config } from '../../config.js';
import type { BotServices, CommandDefinition } from '../../core/command.js';
import { AnsweredMessages } from '../../core/answered-messages.js';
import { LatePreviews } from '../../core/late-previews.js';
import type { RedisConnection } from '../../core/redis-connection.js';
import type { Logger } from '../../logger.js';
import type { PlatformConnection } from '../connection.js';
import { PinoBoltLogger } from './bolt-logger.js';
import { errorFields } from '../../util/error-message.js';
import { EventGate, type EventIds } from './event-gate.js';
import { SeenEvents } from './seen-events.js';
import { SharedSeenEvents } from './shared-seen-events.js';
import { createDeletionHandler, deletedMessageTs } from './deletion-handler.js';
import { answerFileShare, type SharedMessage } from './message-handler.js';
import { linkPreviews, unfurlKey } from './link-previews.js';
import { superviseReconnects } from './socket-reconnects.js';
import { registerSlashCommands } from './command-handler.js';
import { registerFeedbackActions } from './feedback-handler.js';
import { registerReadAnywayAction, registerWhyAction } from './kept-image-buttons.js';
import { registerRateReviewShortcut } from './rate-review-handler.js';
import { registerReadPosterShortcut } from './read-poster-handler.js';

export interface SlackOptions {
  readonly config: Config;
  readonly bot: BotServices;
  readonly commands: readonly CommandDefinition[];
  readonly logger: Logger;
  /** Shared with the other bot processes for event de-duplication; without it each process de-duplicates alone. */
  readonly redis?: RedisConnection;
}

export interface SlackRuntime {
  readonly connection: PlatformConnection;
  /** HTTP mode only: the process's one HTTP server routes `POST /slack/events` here. */
  readonly handleHttp?: (req: IncomingMessage, res: ServerResponse) => void;
}

/** The Slack Events API and slash commands arrive on this path in HTTP mode. */
export const SLACK_EVENTS_PATH = '/slack/events';

/** A peer that never answers the close frame would otherwise hold shutdown for ws' 30 s close timeout. */
const SOCKET_CLOSE_MS = 2_000;

const withTimeout = (work: Promise<unknown>, ms: number): Promise<unknown> =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms).unref())]);

type Mode = { kind: 'socket'; receiver: SocketModeReceiver } | { kind: 'http'; receiver: HTTPReceiver };

/**
 * Starts the Bolt app: Socket Mode when `SLACK_APP_TOKEN` is set (no public URL needed), else signed HTTP
 * events handed over by the process's HTTP server. The bot token is checked with `auth.test` before anything
 * is received, so a wrong token fails start-up with a clear message.
 *
 * @example
 * const { connection, handleHttp } = await startSlack({ config, bot, commands, logger });
 */
export async function startSlack({ config, bot, commands, logger }: SlackOptions): Promise<SlackRuntime> {
  const slack = config.slack;
  if (slack === undefined) throw new Error('startSlack needs SLACK_BOT_TOKEN');
  const log = logger.child({ platform: 'slack' });
  const boltLogger = new PinoBoltLogger(log.child({ component: 'bolt' }), [slack.botToken, slack.appToken, slack.signingSecret].filter((s) => s !== undefined));
  const mode = createReceiver(slack, boltLogger);
  const app = new App({
    token: slack.botToken,
    receiver: mode.receiver as Receiver,
    logger: boltLogger,
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: slack.apiUrl },
    deferInitialization: true,
  });
  try {
    await app.init();
  } catch (error) {
    throw new Error(`Slack did not accept SLACK_BOT_TOKEN at ${slack.apiUrl} (${errorFields(error).message})`);
  }

  const gate = listen(app, { config, bot, commands, logger: log });

  let stopping = false;
  let connected = mode.kind === 'http';
  if (mode.kind === 'socket') {
    mode.receiver.client.on('connected', () => (connected = true));
    mode.receiver.client.on('close', () => (connected = false));
    try {
      await app.start();
    } catch (error) {
      throw new Error(`Slack did not open a Socket Mode connection with SLACK_APP_TOKEN at ${slack.apiUrl} (${errorFields(error).message})`);
    }
    superviseReconnects(mode.receiver.client, log, () => stopping);
  }
  log.info({ mode: mode.kind }, 'slack connected');

  const connection: PlatformConnection = {
    name: 'slack',
    isHealthy: () => connected && !stopping,
    async stop() {
      if (stopping) return;
      stopping = true;
      if (mode.kind === 'socket') await withTimeout(mode.receiver.client.disconnect(), SOCKET_CLOSE_MS);
      await gate.settled();
      connected = false;
      log.info('slack stopped');
    },
  };
  if (mode.kind === 'socket') return { connection };
  return { connection, handleHttp: httpHandler(mode.receiver, () => stopping) };
}

/** Event de-duplication first, then the message and command handlers; returns the gate `stop` waits for. */
function listen(app: App, { config, bot, commands, logger, redis }: SlackOptions): EventGate {
  const seenEvents: EventIds = redis === undefined ? new SeenEvents() : new SharedSeenEvents(redis);
  const gate = new EventGate(logger, seenEvents);
  app.use(gate.middleware);
  const botToken = config.slack!.botToken;
  const latePreviews = new LatePreviews();
  const answered = new AnsweredMessages();
  const handleDeletion = createDeletionHandler({ answered, client: app.client, logger });
  app.event('message', async ({ event, body, context }) => {
    const message = event as unknown as SharedMessage;
    const deleted = deletedMessageTs(message);
    if (deleted !== undefined) return handleDeletion(message.channel, deleted);
    if (message.subtype === 'message_changed' && message.message !== undefined) {
      return latePreviews.add(unfurlKey(message.channel, message.message.ts), linkPreviews(message.message));
    }
    await answerFileShare(message, body.event_id, { bot, client: app.client, botToken, logger, botUserId: context.botUserId, botId: context.botId, latePreviews, answered });
  });
  registerReadPosterShortcut(app, { bot, client: app.client, botToken, logger, answered });
  registerRateReviewShortcut(app, { bot, client: app.client, logger, answered });
  registerFeedbackActions(app, { bot, logger });
  registerWhyAction(app, { bot, logger, answered });
  registerReadAnywayAction(app, { bot, logger, answered });
  registerSlashCommands(app, { bot, commands, logger });
  app.error(async (error) => {
    logger.error({ err: errorFields(error) }, 'slack listener failed');
  });
  return gate;
}

/** HTTP mode: the process's server hands `/slack/events` requests here; while stopping, Slack is told to retry. */
function httpHandler(receiver: HTTPReceiver, stopping: () => boolean): (req: IncomingMessage, res: ServerResponse) => void {
  const listener = receiver.requestListener;
  return (req, res) => {
    if (stopping()) {
      res.writeHead(503, { 'retry-after': '5' }).end();
      return;
    }
    try {
      listener(req, res);
    } catch {
      res.writeHead(404).end();
    }
  };
}

function createReceiver(slack: NonNullable<Config['slack']>, logger: PinoBoltLogger): Mode {
  if (slack.appToken !== undefined) {
    return {
      kind: 'socket',
      receiver: new SocketModeReceiver({
        appToken: slack.appToken,
        logger,
        installerOptions: { clientOptions: { slackApiUrl: slack.apiUrl } },
      }),
    };
  }
  if (slack.signingSecret === undefined) throw new Error('Slack needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP events)');
  return { kind: 'http', receiver: new HTTPReceiver({ signingSecret: slack.signingSecret, endpoints: SLACK_EVENTS_PATH, logger }) };
}
