import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { ImageSource } from '../../src/core/command.js';
import { downloadImage } from '../../src/core/download/index.js';
import { decodePoster } from '../../src/core/image.js';
import { fromUser, local, mainPort, options, otherPort, PRIVATE, refusal, seen, TOKEN, useDownloadServers } from './download-servers.js';

useDownloadServers();

describe('downloadImage for platform attachments', () => {
  const platform = (url: string, headers?: Record<string, string>): ImageSource => ({ kind: 'url', url, origin: 'platform', headers });
  const slackHosts = () => [`files.slack.com:${mainPort}`, `myteam.slack.com:${mainPort}`];

  it.each([
    ['a host that is not Discord or Slack', 'https://evil.example/poster.png'],
    ['a look-alike domain', 'https://cdn.discordapp.com.evil.example/poster.png'],
    ['a loopback address not on the allow list', 'http://127.0.0.1:9/poster.png'],
  ])('refuses %s', async (_case, url) => {
    expect(await refusal(platform(url), options({ allowHosts: [] }))).toEqual({
      problem: 'host-not-allowed',
      message: "That attachment isn't on Discord's or Slack's file servers, so I won't fetch it.",
    });
  });

  it('refuses a platform host whose name resolves to a private address', async () => {
    expect(await refusal(platform(`http://cdn.discordapp.com:${mainPort}/attachments/1/2/poster.png`), options({ allowHosts: [] }))).toEqual(PRIVATE);
  });

  it('follows a redirect off the platform hosts only to another platform host', async () => {
    const target = encodeURIComponent(local('/poster.png', otherPort));
    expect((await refusal(platform(local(`/to?url=${target}`)))).problem).toBe('host-not-allowed');
  });

  it('sends the bearer token to the original host only, never across a redirect', async () => {
    seen.length = 0;
    const hosts = options({ allowHosts: [`127.0.0.1:${mainPort}`, `127.0.0.1:${otherPort}`] });
    const sameHost = local(`/to?url=${encodeURIComponent('/poster.png')}`);
    const otherHost = local(`/to?url=${encodeURIComponent(local('/poster.png', otherPort))}&status=307`);
    await downloadImage(platform(sameHost, { Authorization: TOKEN }), hosts);
    await downloadImage(platform(otherHost, { Authorization: TOKEN }), hosts);
    expect(seen.map(({ server, authorization }) => [server, authorization])).toEqual([
      ['main', TOKEN],
      ['main', TOKEN],
      ['main', TOKEN],
      ['other', undefined],
    ]);
  });

  const SLACK_PAGE = {
    problem: 'web-page',
    message: 'Slack returned a web page instead of the file: is the bot in that channel, and does it have the files:read scope?',
  };

  it('reports Slack answering with a web page instead of the file', async () => {
    const url = `http://files.slack.com:${mainPort}/slack-login`;
    expect(await refusal(platform(url, { Authorization: TOKEN }), options({ allowHosts: slackHosts() }))).toEqual(SLACK_PAGE);
  });

  it('reports Slack redirecting to its login page, without sending the token there', async () => {
    seen.length = 0;
    const login = encodeURIComponent(`http://myteam.slack.com:${mainPort}/slack-login`);
    const url = `http://files.slack.com:${mainPort}/to?url=${login}`;
    expect(await refusal(platform(url, { Authorization: TOKEN }), options({ allowHosts: slackHosts() }))).toEqual(SLACK_PAGE);
    expect(seen.map((request) => request.authorization)).toEqual([TOKEN, undefined]);
  });

  it('reports a Slack-style login page from a test or self-hosted file server by the token it was sent with', async () => {
    expect(await refusal(platform(local('/slack-login'), { authorization: TOKEN }))).toEqual(SLACK_PAGE);
  });

  it('reports Discord answering with a web page instead of the attachment', async () => {
    expect(await refusal(platform(local('/slack-login')))).toEqual({
      problem: 'web-page',
      message: 'Discord returned a web page instead of the attachment: the link may have expired, so try posting the image again.',
    });
  });

  it('never puts the link or the token in a message', async () => {
    const secretUrl = local('/missing?token=xoxb-test-secret');
    const { message } = await refusal(platform(secretUrl, { Authorization: TOKEN }));
    expect(message).not.toContain('xoxb');
    expect(message).not.toContain('/missing');
  });
});

describe('downloadImage memory', () => {
  setFlagsFromString('--expose-gc');
  const collectGarbage = runInNewContext('gc') as () => void;
  const settledMemory = () => {
    collectGarbage();
    return process.memoryUsage();
  };
  const BAD_PATHS = ['/missing', '/broken', '/big-chunked', '/big-declared', '/big-close-delimited', '/loop-a', '/page-as-jpeg', '/to?url=http%3A%2F%2F10.0.0.1%2F'];

  async function downloadAndDecodeBad(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const outcome = await downloadImage(fromUser(local(BAD_PATHS[i % BAD_PATHS.length] ?? '/missing')), options())
        .then(({ bytes }) => decodePoster(bytes, 64))
        .then(() => 'decoded', (error: unknown) => (error instanceof Error ? error.name : 'thrown'));
      expect(['DownloadError', 'ImageError']).toContain(outcome);
    }
  }

  it('gives memory back after 200 bad downloads', async () => {
    await downloadAndDecodeBad(40);
    const before = settledMemory();
    await downloadAndDecodeBad(200);
    const after = settledMemory();
    // Generous bounds: what matters is that 200 failures do not each keep a buffer, a socket or an agent.
    expect(after.rss - before.rss).toBeLessThan(128 * 1024 * 1024);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(16 * 1024 * 1024);
  });
});
