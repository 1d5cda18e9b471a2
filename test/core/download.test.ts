import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSource } from '../../src/core/command.js';
import { DownloadError, downloadImage, type DownloadOptions, type Lookup } from '../../src/core/download/index.js';
import { decodePoster } from '../../src/core/image.js';
import { RED, solid } from '../helpers/image-corpus.js';

const MAX_BYTES = 2048;
const TOKEN = 'Bearer xoxb-test-secret';

/** Names the tests resolve without real DNS. */
const FAKE_DNS: Record<string, string[]> = {
  'poster.test': ['127.0.0.1'],
  'internal.test': ['10.0.0.5'],
  'metadata.test': ['169.254.169.254'],
  'mapped.test': ['::ffff:127.0.0.1'],
  'mixed.test': ['93.184.216.34', '192.168.0.10'],
  localhost: ['127.0.0.1'],
  'cdn.discordapp.com': ['127.0.0.1'],
  'files.slack.com': ['127.0.0.1'],
  'myteam.slack.com': ['127.0.0.1'],
};

const lookups: string[] = [];
const fakeLookup: Lookup = async (hostname) => {
  lookups.push(hostname);
  const addresses = FAKE_DNS[hostname];
  if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
};

interface Seen {
  readonly server: 'main' | 'other';
  readonly path: string;
  readonly authorization?: string;
}

const seen: Seen[] = [];
let poster: Buffer;
let main: Server;
let other: Server;
let mainPort = 0;
let otherPort = 0;
const timers = new Set<NodeJS.Timeout>();

function route(request: IncomingMessage, response: ServerResponse): void {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const redirect = (location: string, status = 302) => response.writeHead(status, { location }).end();
  switch (url.pathname) {
    case '/poster.png':
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': poster.length }).end(poster);
      return;
    case '/page-as-jpeg':
      response.writeHead(200, { 'content-type': 'image/jpeg' }).end('<!doctype html><html><body>Not a poster</body></html>');
      return;
    case '/slack-login':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Slack</title></head></html>');
      return;
    case '/big-declared':
      response.writeHead(200, { 'content-length': 5000 }).end(Buffer.alloc(5000));
      return;
    case '/big-chunked':
      response.writeHead(200, { 'content-type': 'image/png' });
      for (let i = 0; i < 5; i++) response.write(Buffer.alloc(1000));
      response.end();
      return;
    case '/big-close-delimited':
      request.socket.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n'), Buffer.alloc(5000)]));
      return;
    case '/lying-length':
      request.socket.end(Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\n'), Buffer.alloc(5000, 1)]));
      return;
    case '/drip': {
      response.writeHead(200, { 'content-type': 'image/jpeg' });
      const timer = setInterval(() => response.write(Buffer.from([0xff])), 100);
      timers.add(timer);
      response.on('close', () => clearInterval(timer));
      return;
    }
    case '/stall':
      return;
    case '/loop-a':
      redirect('/loop-b');
      return;
    case '/loop-b':
      redirect('/loop-a', 301);
      return;
    case '/no-location':
      response.writeHead(302).end();
      return;
    case '/to':
      redirect(url.searchParams.get('url') ?? '/', Number(url.searchParams.get('status') ?? 302));
      return;
    case '/missing':
      response.writeHead(404).end('gone');
      return;
    case '/broken':
      response.writeHead(500).end('oops');
      return;
    default: {
      const chain = /^\/chain\/(\d+)$/.exec(url.pathname);
      if (chain !== null) redirect(`/chain/${Number(chain[1]) + 1}`);
      else response.writeHead(404).end();
    }
  }
}

function listen(name: Seen['server']): Promise<Server> {
  const server = createServer((request, response) => {
    seen.push({ server: name, path: request.url ?? '', authorization: request.headers.authorization });
    route(request, response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  poster = await solid(32, 48, RED).png().toBuffer();
  main = await listen('main');
  other = await listen('other');
  mainPort = (main.address() as AddressInfo).port;
  otherPort = (other.address() as AddressInfo).port;
});

afterAll(async () => {
  for (const timer of timers) clearInterval(timer);
  for (const server of [main, other]) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const options = (overrides: Partial<DownloadOptions> = {}): DownloadOptions => ({
  maxImageBytes: MAX_BYTES,
  timeoutMs: 5000,
  allowHosts: [`127.0.0.1:${mainPort}`],
  lookup: fakeLookup,
  ...overrides,
});

const fromUser = (url: string): ImageSource => ({ kind: 'url', url, origin: 'user' });
const local = (path: string, port = mainPort) => `http://127.0.0.1:${port}${path}`;

async function refusal(source: ImageSource, downloadOptions = options()): Promise<{ problem: string; message: string }> {
  const error = await downloadImage(source, downloadOptions).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(error)}`);
  return { problem: error.problem, message: error.message };
}

const PRIVATE = { problem: 'private-address', message: "That address points to a private network, so I won't fetch it." };

describe('downloadImage', () => {
  it('downloads an image from an allow-listed loopback host', async () => {
    expect(Buffer.from(await downloadImage(fromUser(local('/poster.png')), options()))).toEqual(poster);
  });

  it('connects to the address it checked, resolving each name once (no second DNS answer can slip in)', async () => {
    lookups.length = 0;
    const bytes = await downloadImage(fromUser(`http://poster.test:${mainPort}/poster.png`), options({ allowHosts: [`poster.test:${mainPort}`] }));
    expect(bytes.length).toBe(poster.length);
    expect(lookups).toEqual(['poster.test']);
  });

  it('returns bytes as they are, whatever the claimed type: the decoder then names an HTML page', async () => {
    const bytes = await downloadImage(fromUser(local('/page-as-jpeg')), options());
    await expect(decodePoster(bytes, 16)).rejects.toThrow("That's a web page, not an image.");
  });

  it.each([
    ['127.0.0.1 (loopback)', () => 'http://127.0.0.1/poster.png'],
    ['the allow-listed host on another port', () => local('/poster.png', otherPort)],
    ['169.254.169.254 (cloud metadata)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['10.0.0.1', () => 'http://10.0.0.1/poster.png'],
    ['[::1]', () => `http://[::1]:${mainPort}/poster.png`],
    ['[::ffff:127.0.0.1]', () => `http://[::ffff:127.0.0.1]:${mainPort}/poster.png`],
    ['2130706433 (127.0.0.1 as one number)', () => 'http://2130706433/poster.png'],
    ['0x7f.1 (127.0.0.1 in hex)', () => 'http://0x7f.1/poster.png'],
    ['a name resolving to 10.0.0.5', () => 'http://internal.test/poster.png'],
    ['a name resolving to 169.254.169.254', () => 'http://metadata.test/'],
    ['a name resolving to ::ffff:127.0.0.1', () => 'http://mapped.test/'],
    ['a name resolving to a public and a private address', () => 'http://mixed.test/'],
    ['localhost when only 127.0.0.1 is allow-listed', () => `http://localhost:${mainPort}/poster.png`],
  ])('refuses a user link to %s', async (_case, url) => {
    expect(await refusal(fromUser(url()))).toEqual(PRIVATE);
  });

  it.each([
    ['127.0.0.1 on another port', () => local('/poster.png', otherPort)],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/iam/'],
    ['10.0.0.1', () => 'http://10.0.0.1/'],
    ['a name resolving to a private address', () => 'http://internal.test/'],
  ])('refuses a redirect to %s, before connecting', async (_case, target) => {
    seen.length = 0;
    expect(await refusal(fromUser(local(`/to?url=${encodeURIComponent(target())}`)))).toEqual(PRIVATE);
    expect(seen.map((request) => request.server)).toEqual(['main']);
  });

  it.each([
    ['a redirect loop', '/loop-a', 'redirect-loop', 'That link redirects in a loop, so I gave up.'],
    ['an endless redirect chain', '/chain/1', 'too-many-redirects', 'That link redirects more than 5 times, so I gave up.'],
    ['a redirect without Location', '/no-location', 'http-status', "I couldn't download that image: the server answered 302 without saying where to go."],
    ['a redirect to file://', `/to?url=${encodeURIComponent('file:///etc/passwd')}`, 'bad-url', 'I can only fetch http:// and https:// links.'],
    ['a 404', '/missing', 'http-status', "I couldn't download that image: the server answered 404 (Not Found)."],
    ['a 500', '/broken', 'http-status', "I couldn't download that image: the server answered 500 (Internal Server Error)."],
    ['a body over the cap with Content-Length', '/big-declared', 'too-large', 'That image is larger than 2 KB.'],
    ['a body over the cap without Content-Length (chunked)', '/big-chunked', 'too-large', 'That image is larger than 2 KB.'],
    ['a body over the cap delimited by closing the connection', '/big-close-delimited', 'too-large', 'That image is larger than 2 KB.'],
  ])('answers %s clearly', async (_case, path, problem, message) => {
    expect(await refusal(fromUser(local(path)))).toEqual({ problem, message });
  });

  it('never reads past a Content-Length that understates the body', async () => {
    const bytes = await downloadImage(fromUser(local('/lying-length')), options()).catch((error: unknown) => error);
    if (bytes instanceof Uint8Array) expect(bytes.length).toBe(1000);
    else expect(bytes).toBeInstanceOf(DownloadError);
  });

  it.each([
    ['a server dripping one byte every 100 ms', '/drip'],
    ['a server that never answers', '/stall'],
  ])('gives up on %s after the total timeout', async (_case, path) => {
    expect(await refusal(fromUser(local(path)), options({ timeoutMs: 300 }))).toEqual({
      problem: 'timeout',
      message: 'That image took more than 0.3 s to download, so I gave up.',
    });
  });

  it('counts a DNS lookup that hangs against the timeout', async () => {
    const hanging: Lookup = () => new Promise(() => undefined);
    expect((await refusal(fromUser('http://slow-dns.test/'), options({ timeoutMs: 200, lookup: hanging }))).problem).toBe('timeout');
  });

  it.each([
    ['an unparsable link', 'not a link', "That doesn't look like a web link I can open."],
    ['ftp', 'ftp://example.com/poster.png', 'I can only fetch http:// and https:// links.'],
    ['javascript:', 'javascript:alert(1)', 'I can only fetch http:// and https:// links.'],
    ['credentials in the link', `http://user:pass@127.0.0.1:${0}/poster.png`, "I won't open links that contain a user name or password."],
  ])('refuses %s', async (_case, url, message) => {
    expect(await refusal(fromUser(url))).toEqual({ problem: 'bad-url', message });
  });

  it('names a host that does not exist', async () => {
    expect(await refusal(fromUser('https://no-such-host.test/poster.png'))).toEqual({
      problem: 'dns',
      message: "I couldn't find the server no-such-host.test: is the link right?",
    });
  });

  it('reports a server that refuses the connection', async () => {
    const closed = createServer();
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)));
    await new Promise((resolve) => closed.close(resolve));
    expect(await refusal(fromUser(local('/poster.png', port)), options({ allowHosts: [`127.0.0.1:${port}`] }))).toEqual({
      problem: 'network',
      message: "I couldn't download that image: the server didn't answer properly.",
    });
  });

  it('checks the size of bytes handed over directly', async () => {
    expect(await refusal({ kind: 'bytes', bytes: new Uint8Array(MAX_BYTES + 1) })).toEqual({ problem: 'too-large', message: 'That image is larger than 2 KB.' });
    expect((await downloadImage({ kind: 'bytes', bytes: poster }, options())).length).toBe(poster.length);
  });

  it('says the limit in MB for the default 10 MiB', async () => {
    const tenMiB = options({ maxImageBytes: 10 * 1024 * 1024 });
    expect((await refusal({ kind: 'bytes', bytes: new Uint8Array(10 * 1024 * 1024 + 1) }, tenMiB)).message).toBe('That image is larger than 10 MB.');
  });
});

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
        .then((bytes) => decodePoster(bytes, 64))
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
