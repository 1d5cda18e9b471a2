import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startDiscord } from '../../src/adapters/discord/index.js';
import { loadConfig } from '../../src/config.js';
import type { BotServices } from '../../src/core/command.js';
import { notice, type Reply } from '../../src/core/reply.js';
import { createLogger } from '../../src/logger.js';
import { startFakeDiscord, type FakeDiscord } from '../helpers/fake-discord/index.js';
import { LogCapture } from '../helpers/test-bot.js';

const SLOW_MS = 400;

/** Answers after a pause, so a reply is still in flight when the test stops the adapter. */
const slowBot: BotServices = {
  async analyzePoster(): Promise<Reply> {
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS));
    return { kind: 'poster', result: { genres: {}, top3: [['Drama', 0.5], ['Crime', 0.3], ['War', 0.2]], rating: 6.5 } };
  },
  async answerPostedImage(): Promise<Reply> {
    return slowBot.analyzePoster({ kind: 'bytes', bytes: new Uint8Array() }, { platform: 'discord', userId: '' });
  },
  async rateReview(): Promise<Reply> {
    return { kind: 'review', result: { rating: 5 }, text: '' };
  },
  imageReplyMode: async () => 'auto',
  setImageReplyMode: async () => notice('info', 'unused'),
  showImageReplyMode: async () => notice('info', 'unused'),
  vote: async () => notice('info', 'unused'),
  correct: async () => notice('info', 'unused'),
  forgetUser: async () => notice('info', 'unused'),
  explainAnswer: async () => notice('info', 'unused'),
  readAnyway: async () => notice('info', 'unused'),
};

let discord: FakeDiscord | undefined;

afterAll(async () => {
  await discord?.close();
});

describe('starting and stopping the Discord adapter', () => {
  it('refuses a wrong token with a clear error that does not echo the token', async () => {
    discord = await startFakeDiscord();
    const wrongToken = 'wrong-token.do-not-echo';
    const config = loadConfig({ DISCORD_TOKEN: wrongToken, DISCORD_API_URL: discord.apiUrl });
    const logs = new LogCapture();
    const start = startDiscord({ config, bot: slowBot, commands, logger: createLogger('info', logs) });
    await expect(start).rejects.toThrow(/invalid token/i);
    await start.catch((error: Error) => expect(error.message).not.toContain(wrongToken));
    expect(logs.text).not.toContain(wrongToken);
    await discord.close();
  });

  it('delivers the reply in flight, then closes the gateway and answers nothing more', async () => {
    discord = await startFakeDiscord();
    const config = loadConfig({ DISCORD_TOKEN: discord.token, DISCORD_API_URL: discord.apiUrl });
    const logs = new LogCapture();
    const connection = await startDiscord({ config, bot: slowBot, commands, logger: createLogger('info', logs) });
    expect(connection.isHealthy()).toBe(true);

    const inFlight = discord.postMessage({ attachments: [discord.addAttachment('slow.png', new Uint8Array(8), 'image/png')], mention: true });
    await discord.waitForRequest((r) => r.path.endsWith('/typing'));
    await connection.stop();

    const replied = discord.requests.filter((r) => (r.body?.message_reference as { message_id?: string } | undefined)?.message_id === inFlight.id);
    expect(replied.map((r) => r.status)).toEqual([200]);
    expect(connection.isHealthy()).toBe(false);
    await expect.poll(() => discord!.gateway.connectedShards).toEqual([]);
    expect(logs.text).toContain('disconnected from Discord');

    const requestsAtStop = discord.requests.length;
    discord.postMessage({ attachments: [discord.addAttachment('late.png', new Uint8Array(8), 'image/png')] });
    await new Promise((resolve) => setTimeout(resolve, SLOW_MS * 2));
    expect(discord.requests.slice(requestsAtStop)).toEqual([]);
  });
});
