import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DownloadError, downloadImage, type Lookup } from '../../src/core/download/index.js';
import { decodePoster } from '../../src/core/image.js';
import { linkSource } from '../../src/core/message-links.js';
import { fromUser, local, lookups, mainPort, MAX_BYTES, options, otherPort, poster, PRIVATE, refusal, seen, useDownloadServers } from './download-servers.js';

useDownloadServers();

describe('downloadImage', () => {
  it('downloads an image from an allow-listed loopback host', async () => {
    expect(Buffer.from((await downloadImage(fromUser(local('/poster.png')), options())).bytes)).toEqual(poster);
  });

  it('connects to the address it checked, resolving each name once (no second DNS answer can slip in)', async () => {
    lookups.length = 0;
    const { bytes } = await downloadImage(fromUser(`http://poster.test:${mainPort}/poster.png`), options({ allowHosts: [`poster.test:${mainPort}`] }));
    expect(bytes.length).toBe(poster.length);
    expect(lookups).toEqual(['poster.test']);
  });

  it('returns bytes as they are, whatever the claimed type: the decoder then names an HTML page', async () => {
    const { bytes } = await downloadImage(fromUser(local('/page-as-jpeg')), options());
    await expect(decodePoster(bytes, 16)).rejects.toThrow("That's a web page, not an image.");
  });

  it('follows a user\'s link to a web page once, to the picture the page names for previews (og:image)', async () => {
    seen.length = 0;
    const { bytes, link } = await downloadImage(fromUser(local('/film-page')), options());
    expect(Buffer.from(bytes)).toEqual(poster);
    expect(seen.map((request) => request.path)).toEqual(['/film-page', '/poster.png?from=page']);
    expect(link).toBe(local('/poster.png?from=page'));
  });

  it("follows a film's page to the poster its structured data names, not its preview still", async () => {
    seen.length = 0;
    const { bytes, link } = await downloadImage(fromUser(local('/film-page-with-data')), options());
    expect(Buffer.from(bytes)).toEqual(poster);
    expect(seen.map((request) => request.path)).toEqual(['/film-page-with-data', '/poster.png?from=data']);
    expect(link).toBe(local('/poster.png?from=data'));
  });

  it("reads the platform's preview of a link that refuses the bot or names no picture, and only then", async () => {
    const withPreview = (path: string) => linkSource(local(path), local('/poster.png?from=preview'));
    for (const path of ['/missing', '/page-as-jpeg', '/page-to-page']) {
      const { bytes, link } = await downloadImage(withPreview(path), options());
      expect(Buffer.from(bytes)).toEqual(poster);
      expect(link).toBe(local('/poster.png?from=preview'));
    }
    seen.length = 0;
    expect((await downloadImage(withPreview('/film-page'), options())).link).toBe(local('/poster.png?from=page'));
    expect(seen.map((request) => request.path)).toEqual(['/film-page', '/poster.png?from=page']);
    expect(await refusal(linkSource(local('/big-declared'), local('/poster.png')))).toMatchObject({ problem: 'too-large' });
  });

  it("reads the platform's smaller copy of a picture over the size limit, and only then", async () => {
    const attached = (path: string) => ({ kind: 'url', url: local(path), origin: 'user', smaller: local('/poster.png?size=small') }) as const;
    for (const path of ['/big-declared', '/big-chunked']) {
      const { bytes, link } = await downloadImage(attached(path), options());
      expect(Buffer.from(bytes)).toEqual(poster);
      expect(link).toBe(local('/poster.png?size=small'));
    }
    seen.length = 0;
    await downloadImage(attached('/poster.png'), options());
    expect(seen.map((request) => request.path)).toEqual(['/poster.png']);
    expect(await refusal(attached('/missing'))).toMatchObject({ problem: 'http-status' });
    const brokenCopy = { ...attached('/big-declared'), smaller: local('/missing') };
    expect(await refusal(brokenCopy)).toEqual({ problem: 'too-large', message: 'That image is larger than 2 KB.' });
  });

  it('follows a page\'s picture only once: a page naming another page is answered as a web page', async () => {
    const { bytes } = await downloadImage(fromUser(local('/page-to-page')), options());
    await expect(decodePoster(bytes, 16)).rejects.toThrow("That's a web page, not an image.");
  });

  it('refuses a page\'s picture on a private address, as any link', async () => {
    expect(await refusal(fromUser(local('/page-to-private')))).toEqual(PRIVATE);
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
    const bytes = await downloadImage(fromUser(local('/lying-length')), options()).then(({ bytes }) => bytes, (error: unknown) => error);
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
    expect(await downloadImage({ kind: 'bytes', bytes: poster }, options())).toEqual({ bytes: poster });
  });

  it('says the limit in MB for the default 10 MiB', async () => {
    const tenMiB = options({ maxImageBytes: 10 * 1024 * 1024 });
    expect((await refusal({ kind: 'bytes', bytes: new Uint8Array(10 * 1024 * 1024 + 1) }, tenMiB)).message).toBe('That image is larger than 10 MB.');
  });
});
