import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.js';
import { startSlack } from '../../src/adapters/slack/index.js';
import { FakeSlackWebApi } from '../helpers/fake-slack/web-api.js';
import { FakeSocketMode } from '../helpers/fake-slack/socket-mode.js';
import { createTestBot } from '../helpers/test-bot.js';

describe('startSlack', () => {
  let api: FakeSlackWebApi;
  let socket: FakeSocketMode;

  beforeAll(async () => {
    socket = await FakeSocketMode.start();
    api = await FakeSlackWebApi.start({ botToken: 'xoxb-the-right-one', appToken: 'xapp-the-right-one', socketUrl: () => socket.url() });
  });

  afterAll(async () => {
    await socket.close();
    await api.close();
  });

  const start = (env: Record<string, string>) => {
    const { bot, config, logger, logs } = createTestBot({ SLACK_API_URL: api.apiUrl, ...env });
    return { logs, started: startSlack({ config, bot, commands, logger }) };
  };

  it('fails with a clear message, and without the token, when Slack refuses the bot token', async () => {
    const { logs, started } = start({ SLACK_BOT_TOKEN: 'xoxb-wrong-token', SLACK_SIGNING_SECRET: 'secret' });
    await expect(started).rejects.toThrow(/Slack did not accept SLACK_BOT_TOKEN at http:\/\/127\.0\.0\.1:\d+\/api\/ \(.*invalid_auth\)/);
    await started.catch((error: Error) => expect(error.message).not.toContain('xoxb-wrong-token'));
    expect(logs.text).not.toContain('xoxb-wrong-token');
  });

  it('fails with a clear message when Slack refuses the app token', async () => {
    const { logs, started } = start({ SLACK_BOT_TOKEN: 'xoxb-the-right-one', SLACK_APP_TOKEN: 'xapp-wrong-token' });
    await expect(started).rejects.toThrow(/Slack did not open a Socket Mode connection with SLACK_APP_TOKEN .*invalid_auth/);
    expect(logs.text).not.toContain('xapp-wrong-token');
  });
});
