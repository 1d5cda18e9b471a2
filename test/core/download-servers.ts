/** Two loopback image servers with fake DNS, shared by the download tests. */
import type { LookupAddress } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import type { ImageSource } from '../../src/core/command.js';
import { DownloadError, downloadImage, type DownloadOptions, type Lookup } from '../../src/core/download/index.js';
import { RED, solid } from '../helpers/image-corpus.js';

export const MAX_BYTES = 2048;
export const TOKEN = 'Bearer xoxb-test-secret';

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

export const lookups: string[] = [];
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

export const seen: Seen[] = [];
export let poster: Buffer;
let main: Server;
let other: Server;
export let mainPort = 0;
export let otherPort = 0;
export const timers = new Set<NodeJS.Timeout>();

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
    case '/film-page':
      response.writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><head><title>A film</title><meta content="/poster.png?from=page" property="og:image"></head><body>…</body></html>');
      return;
    case '/film-page-with-data':
      // Letterboxd's layout: a still as the preview picture, the poster in the film's structured data, in the body.
      response.writeHead(200, { 'content-type': 'text/html' }).end([
        '<html><head><meta property="og:image" content="/still.png"></head><body>',
        '<script type="application/ld+json">/* <![CDATA[ */{"@type":"Movie","image":"/poster.png?from=data"}/* ]]> */</script></body></html>',
      ].join(''));
      return;
    case '/page-to-page':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta property="og:image" content="/film-page"></head></html>');
      return;
    case '/page-to-private':
      response.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><meta property="og:image" content="http://10.0.0.1/poster.png"></head></html>');
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

/** Starts the two loopback servers before the file's tests and stops them after. */
export function useDownloadServers(): void {
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
}

export const options = (overrides: Partial<DownloadOptions> = {}): DownloadOptions => ({
  maxImageBytes: MAX_BYTES,
  timeoutMs: 5000,
  allowHosts: [`127.0.0.1:${mainPort}`],
  lookup: fakeLookup,
  ...overrides,
});

export const fromUser = (url: string): ImageSource => ({ kind: 'url', url, origin: 'user' });
export const local = (path: string, port = mainPort) => `http://127.0.0.1:${port}${path}`;

export async function refusal(source: ImageSource, downloadOptions = options()): Promise<{ problem: string; message: string }> {
  const error = await downloadImage(source, downloadOptions).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof DownloadError)) throw new Error(`expected a DownloadError, got ${String(error)}`);
  return { problem: error.problem, message: error.message };
}

export const PRIVATE = { problem: 'private-address', message: "That address points to a private network, so I won't fetch it." };
