import type { LookupAddress } from 'node:dns';
import { STATUS_CODES } from 'node:http';
import type { LookupFunction } from 'node:net';
import { Agent, request, type Dispatcher } from 'undici';
import type { ImageSource } from '../command.js';
import { DownloadError, type DownloadProblem } from './download-error.js';
import { hostnameOf, resolveHop, systemLookup, type Lookup } from './host-policy.js';
import { pageImageLink } from './page-image.js';
import { sniffImageFormat } from '../image.js';

export { DownloadError, type DownloadProblem } from './download-error.js';
export type { Lookup } from './host-policy.js';

export interface DownloadedImage {
  readonly bytes: Uint8Array;
  /** Where anyone can see the picture: the link given, or the picture its web page named; none for uploaded bytes. */
  readonly link?: string;
}

export interface DownloadOptions {
  readonly maxImageBytes: number;
  /** For the whole download, redirects and DNS included. */
  readonly timeoutMs: number;
  /** `host[:port]` entries fetched whatever their address (loopback included) and whatever the origin. */
  readonly allowHosts: readonly string[];
  readonly lookup?: Lookup;
}

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Failures of a link that its platform's preview picture can stand in for: the site refused the bot, or broke off. */
const PREVIEW_STANDS_IN: ReadonlySet<DownloadProblem> = new Set(['http-status', 'network']);

/**
 * A link's picture ({@link downloadPage}), or, when the link gives none (a page naming no picture the bot can fetch,
 * a site that refuses it), the picture the platform previewed for it, fetched as a user's link.
 *
 * @example
 * const { bytes } = await downloadImage({ kind: 'url', url, origin: 'user' }, config.download);
 */
export async function downloadImage(source: ImageSource, options: DownloadOptions): Promise<DownloadedImage> {
  const preview = source.kind === 'url' ? source.preview : undefined;
  if (preview === undefined) return downloadOrSmaller(source, options);
  try {
    const downloaded = await downloadOrSmaller(source, options);
    if (sniffImageFormat(downloaded.bytes) !== 'html') return downloaded;
  } catch (error) {
    if (!(error instanceof DownloadError) || !PREVIEW_STANDS_IN.has(error.problem)) throw error;
  }
  return downloadPage({ kind: 'url', url: preview, origin: 'user' }, options);
}

/**
 * The picture, or the smaller copy its platform made when the picture is over the size limit; when that copy fails
 * too, the size is what the person is told, as the reason they can act on.
 */
async function downloadOrSmaller(source: ImageSource, options: DownloadOptions): Promise<DownloadedImage> {
  try {
    return await downloadPage(source, options);
  } catch (error) {
    if (source.kind !== 'url' || source.smaller === undefined || !(error instanceof DownloadError) || error.problem !== 'too-large') throw error;
    return downloadPage({ ...source, url: source.smaller, smaller: undefined }, options).catch(() => Promise.reject(error));
  }
}

/**
 * Fetches a poster's bytes under the download policy: http(s) only; platform attachments only from the
 * platforms' file hosts; never a private, loopback or link-local address, checked after DNS and on every
 * redirect, and the connection pinned to the checked address; a size cap enforced while streaming; one
 * timeout for everything. Headers from the source (Slack's bearer token) go to the original origin only. A user's
 * link to a web page is followed once to the picture the page names for link previews (page-image.ts).
 */
async function downloadPage(source: ImageSource, options: DownloadOptions): Promise<DownloadedImage> {
  if (source.kind === 'bytes') {
    if (source.bytes.byteLength > options.maxImageBytes) throw tooLarge(options.maxImageBytes);
    return { bytes: source.bytes };
  }
  const start = parseHttpUrl(source.url);
  const pins = new Map<string, LookupAddress>();
  const agent = new Agent({ connect: { lookup: pinnedLookup(pins) } });
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const policy = { origin: source.origin, allowHosts: options.allowHosts, lookup: options.lookup ?? systemLookup };
  try {
    const seen = new Set<string>();
    let pageImage: URL | undefined;
    for (let url = start; ; ) {
      seen.add(url.href);
      const pin = await abortable(resolveHop(url, policy), timeout);
      if (pin !== undefined) pins.set(hostnameOf(url), pin);
      const headers = { 'user-agent': 'MovieBot', accept: 'image/*', ...(url.origin === start.origin ? source.headers : {}) };
      const response = await request(url, { dispatcher: agent, headers, signal: timeout });
      if (REDIRECTS.has(response.statusCode)) {
        discard(response.body);
        url = nextHop(url, response.headers.location, response.statusCode, seen);
        continue;
      }
      if (response.statusCode < 200 || response.statusCode > 299) {
        discard(response.body);
        const reason = STATUS_CODES[response.statusCode];
        throw new DownloadError('http-status', `I couldn't download that image: the server answered ${response.statusCode}${reason ? ` (${reason})` : ''}.`);
      }
      const bytes = await readCapped(response.body, Number(response.headers['content-length'] ?? 0), options.maxImageBytes);
      if (sniffImageFormat(bytes) !== 'html') return { bytes, link: pageImage?.href ?? source.url };
      if (source.origin === 'platform') throw platformWebPage(url, source.headers);
      // A user's link to a film's page: fetch the picture the page names for previews, once, under the same policy.
      const named = pageImage === undefined ? pageImageLink(bytes, url) : undefined;
      if (named === undefined || seen.has(named.href)) return { bytes, link: source.url };
      pageImage = named;
      url = named;
    }
  } catch (error) {
    if (timeout.aborted) throw new DownloadError('timeout', `That image took more than ${options.timeoutMs / 1000} s to download, so I gave up.`);
    if (error instanceof DownloadError) throw error;
    throw new DownloadError('network', "I couldn't download that image: the server didn't answer properly.", error);
  } finally {
    await agent.destroy();
  }
}

function parseHttpUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DownloadError('bad-url', "That doesn't look like a web link I can open.");
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DownloadError('bad-url', 'I can only fetch http:// and https:// links.');
  if (url.username !== '' || url.password !== '') throw new DownloadError('bad-url', "I won't open links that contain a user name or password.");
  return url;
}

function nextHop(from: URL, location: string | string[] | undefined, status: number, seen: ReadonlySet<string>): URL {
  if (typeof location !== 'string') {
    throw new DownloadError('http-status', `I couldn't download that image: the server answered ${status} without saying where to go.`);
  }
  let to: string;
  try {
    to = new URL(location, from).href;
  } catch {
    throw new DownloadError('bad-url', "I couldn't download that image: the server redirected to a malformed link.");
  }
  if (seen.has(to)) throw new DownloadError('redirect-loop', 'That link redirects in a loop, so I gave up.');
  if (seen.size > MAX_REDIRECTS) throw new DownloadError('too-many-redirects', `That link redirects more than ${MAX_REDIRECTS} times, so I gave up.`);
  return parseHttpUrl(to);
}

/** Stops reading the moment the body passes the cap, whatever Content-Length claimed (or if it is absent). */
async function readCapped(body: Body, declared: number, max: number): Promise<Uint8Array> {
  if (declared > max) {
    discard(body);
    throw tooLarge(max);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > max) {
      discard(body);
      throw tooLarge(max);
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks, total));
}

type Body = Dispatcher.ResponseData['body'];

/** Drops a body we will not read; undici reports destroying an unfinished body as an error nobody needs. */
function discard(body: Body): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** Serves the address {@link resolveHop} checked, so the connection cannot go anywhere a fresh lookup says. */
function pinnedLookup(pins: ReadonlyMap<string, LookupAddress>): LookupFunction {
  return (hostname, options, callback) => {
    const pin = pins.get(hostname.replace(/\.$/, '').toLowerCase());
    if (pin === undefined) callback(Object.assign(new Error(`no checked address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
    else if (options.all) callback(null, [pin]);
    else callback(null, pin.address, pin.family);
  };
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Slack answers a file request it won't serve with its login page; only Slack's downloads carry a token. */
function platformWebPage(url: URL, headers: Readonly<Record<string, string>> = {}): DownloadError {
  const slack = /(^|\.)slack(-files|-gov)?\.com$/.test(hostnameOf(url)) || Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  return new DownloadError(
    'web-page',
    slack
      ? 'Slack returned a web page instead of the file: is the bot in that channel, and does it have the files:read scope?'
      : 'Discord returned a web page instead of the attachment: the link may have expired, so try posting the image again.',
  );
}

const tooLarge = (max: number) => new DownloadError('too-large', `That image is larger than ${formatBytes(max)}.`);

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.round(bytes / 1024)} KB`;
}
