import { describe, expect, it } from 'vitest';
import { messageText as discordText } from '../../src/adapters/discord/message-text.js';
import { messageText as slackText } from '../../src/adapters/slack/message-text.js';

describe('a message as people read it, for "Rate review"', () => {
  it.each([
    ['<@123456789> loved it <:fire:112233>', 'loved it fire'],
    ['<@!42> <@&7> in <#99>: <a:clap:5> so good', 'in : clap so good'],
    ['<@123>', ''],
  ])('Discord: %j reads %j', (content, text) => {
    expect(discordText(content)).toBe(text);
  });

  it.each([
    ['<@U0FRIEND> <!here> loved it', 'loved it'],
    ['see <https://x.example/r|my review>: &lt;3 &amp; more', 'see my review: <3 & more'],
    ['<https://x.example/review>', 'https://x.example/review'],
    ['<#C0GENERAL|general> <@U1>', ''],
  ])('Slack: %j reads %j', (text, read) => {
    expect(slackText(text)).toBe(read);
  });
});
