import { describe, expect, it } from 'vitest';
import { PinoBoltLogger } from '../../src/adapters/slack/bolt-logger.js';
import { createLogger } from '../../src/logger.js';
import { LogCapture } from '../helpers/test-bot.js';

describe('PinoBoltLogger', () => {
  it('drops debug lines and scrubs secrets and token-shaped strings from the rest', () => {
    const logs = new LogCapture();
    const bolt = new PinoBoltLogger(createLogger('debug', logs), ['shh-secret']);
    bolt.debug('body {"url_private":"https://files.slack.com/x"}');
    bolt.warn('failed with shh-secret and xoxb-123-abc and xapp-1-A-2', new Error('boom'));
    expect(logs.lines).toHaveLength(1);
    expect(logs.text).toContain('failed with [redacted] and [redacted] and [redacted] boom');
    expect(logs.text).not.toMatch(/shh-secret|xoxb-|xapp-|files\.slack/);
  });
});
