import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { GENRES } from '../../src/core/genres.js';
import { SOMETHING_WENT_WRONG } from '../../src/core/reply.js';
import { posterPng, startLocalServer, type LocalServer } from './local-server.js';

const servers: LocalServer[] = [];
const imageHosts: Server[] = [];

async function start(env: Record<string, string> = {}): Promise<LocalServer> {
  const local = await startLocalServer(env);
  servers.push(local);
  return local;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((local) => local.close()));
  await Promise.all(imageHosts.splice(0).map((host) => new Promise((resolve) => host.close(resolve))));
});

const postJson = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function serveImage(bytes: Uint8Array): Promise<string> {
  const host = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(bytes));
  imageHosts.push(host);
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(host.address() as AddressInfo).port}`;
}

describe('POST /api/poster', () => {
  it('answers image bytes with all 25 genres, the top 3 and a rating, like the predict CLI', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/poster`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: await posterPng([200, 30, 30], [20, 20, 90]) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await response.json();
    expect(Object.keys(body)).toEqual(['genres', 'top3', 'rating', 'ratingTypicalError']);
    expect(Object.keys(body.genres)).toEqual([...GENRES]);
    expect(body.top3).toHaveLength(3);
    for (const [genre, probability] of body.top3) expect(body.genres[genre]).toBe(probability);
    expect(body.rating).toBeGreaterThanOrEqual(1);
    expect(body.rating).toBeLessThanOrEqual(10);
  });

  it('takes the bytes whatever content type they claim', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/poster`, { method: 'POST', body: await posterPng([10, 200, 10], [0, 0, 0]) });
    expect(response.status).toBe(200);
    expect((await response.json()).top3).toHaveLength(3);
  });

  it('takes a form upload (curl -F image=@poster.png) as the same image, and says what a form without a file lacks', async () => {
    const { url } = await start();
    const bytes = await posterPng([250, 250, 0], [0, 80, 160]);
    const form = new FormData();
    form.append('note', 'my poster');
    form.append('image', new Blob([bytes], { type: 'image/png' }), 'poster.png');
    const fromForm = await fetch(`${url}/api/poster`, { method: 'POST', body: form });
    expect(fromForm.status).toBe(200);
    const fromBytes = await fetch(`${url}/api/poster`, { method: 'POST', body: bytes });
    expect(await fromForm.json()).toEqual(await fromBytes.json());
    const textOnly = new FormData();
    textOnly.append('note', 'no file here');
    const refused = await fetch(`${url}/api/poster`, { method: 'POST', body: textOnly });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatch(/no file in that form/);
  });

  it('fetches a poster from a JSON {"url"} as a user link', async () => {
    const bytes = await posterPng([250, 250, 0], [0, 80, 160]);
    const host = await serveImage(bytes);
    const { url } = await start({ DOWNLOAD_ALLOW_HOSTS: host });
    const fromLink = await postJson(`${url}/api/poster`, { url: `http://${host}/poster.png` });
    expect(fromLink.status).toBe(200);
    const fromBytes = await fetch(`${url}/api/poster`, { method: 'POST', body: bytes });
    expect(await fromLink.json()).toEqual(await fromBytes.json());
  });

  it('refuses a link to a loopback address with a 400 and the reason', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/poster`, { url: 'http://127.0.0.1:9/poster.png' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/private|local|address/i);
  });

  it('answers bytes that are not an image with a 400 and a message', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/api/poster`, { method: 'POST', body: 'hello, not a poster' });
    expect(response.status).toBe(400);
    expect(typeof (await response.json()).error).toBe('string');
  });

  it('asks for a url when the JSON has none', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/poster`, { link: 'https://example.com/a.jpg' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain('{"url"');
  });

  it('refuses a body over MAX_IMAGE_BYTES, whether Content-Length says so or not', async () => {
    const { url } = await start({ MAX_IMAGE_BYTES: '2048' });
    const declared = await fetch(`${url}/api/poster`, { method: 'POST', body: new Uint8Array(5000) });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe('The request body is over the 2 KiB limit.');
    let sent = 0;
    const chunks = new ReadableStream<Uint8Array>({
      pull: (controller) => (sent++ < 10 ? controller.enqueue(new Uint8Array(1024)) : controller.close()),
    });
    const streamed = await fetch(`${url}/api/poster`, { method: 'POST', body: chunks, duplex: 'half' } as RequestInit & { duplex: 'half' });
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).error).toMatch(/over the 2 KiB limit/);
  });
});

describe('POST /api/review', () => {
  it('answers {"rating"} like the rate-review CLI', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: 'A slow start, then wonderful.' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rating: 8.5 });
  });

  it('adds the words that drove the rating with "explain": true', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: 'A slow start, then wonderful.', explain: true });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ rating: 8.5, words: [{ word: 'wonderful', weight: 5 }] });
  });

  it('gives the plain words a chat message was read as ("readAs") beside its words', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: 'it was a blast', explain: true });
    expect(await response.json()).toEqual({ rating: 8.5, words: [{ word: 'great', weight: 5 }], readAs: 'it was great fun' });
    // Read as "a slow start but overall wonderful.", but the words shown were all typed: no reading to give.
    const typed = await postJson(`${url}/api/review`, { text: 'A slow start, then wonderful.', explain: true });
    expect(await typed.json()).not.toHaveProperty('readAs');
  });

  it('says when no word leans either way ("noClearOpinion"), as for a film title sent instead of a review', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: 'Inception', explain: true });
    expect(await response.json()).toEqual({ rating: 3.5, words: [], noClearOpinion: true });
  });

  it('answers a review that states its score with that score and says so', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: 'Dull and long, 3 out of 10.', explain: true });
    expect(await response.json()).toEqual({ rating: 3, stated: '3 out of 10', words: [] });
  });

  it('answers an empty review with the bot notice as a 400', async () => {
    const { url } = await start();
    const response = await postJson(`${url}/api/review`, { text: '   ' });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatch(/review to rate/);
  });

  it('names what is wrong with bad JSON, a missing field and a wrong content type', async () => {
    const { url } = await start();
    const badJson = await postJson(`${url}/api/review`, '{"text": ');
    expect([badJson.status, await badJson.json()]).toEqual([400, { error: 'The request body is not valid JSON.' }]);
    const notObject = await postJson(`${url}/api/review`, '"just a string"');
    expect([notObject.status, await notObject.json()]).toEqual([400, { error: 'The request body must be a JSON object.' }]);
    const noText = await postJson(`${url}/api/review`, { review: 'Great.' });
    expect(noText.status).toBe(400);
    expect((await noText.json()).error).toContain('{"text"');
    const plain = await fetch(`${url}/api/review`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'Great.' });
    expect(plain.status).toBe(415);
  });

  it('answers a user over the rate limit with 429 and Retry-After', async () => {
    const { url } = await start({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await postJson(`${url}/api/review`, { text: 'Loved it.' })).status).toBe(200);
    const limited = await postJson(`${url}/api/review`, { text: 'Loved it again.' });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error).toMatch(/Slow down/);
  });
});

describe('the server', () => {
  it('answers an unknown path with 404 and a wrong method with 405, both as JSON', async () => {
    const { url } = await start();
    const missing = await fetch(`${url}/nope`);
    expect([missing.status, await missing.json()]).toEqual([404, { error: 'Nothing here: GET /nope' }]);
    const wrongMethod = await fetch(`${url}/api/poster`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    expect((await wrongMethod.json()).error).toMatch(/POST/);
  });

  it('answers an unexpected failure with a bare 500 and logs it once', async () => {
    const local = await start();
    local.posterPredictor.predict = () => Promise.reject(new Error('GPU on fire'));
    const response = await fetch(`${local.url}/api/poster`, { method: 'POST', body: await posterPng([1, 2, 3], [4, 5, 6]) });
    expect([response.status, await response.json()]).toEqual([500, { error: SOMETHING_WENT_WRONG }]);
    expect(local.logs.lines.filter((line) => line.includes('GPU on fire'))).toHaveLength(1);
  });

  it('attributes a request to the caller with its request id, and logs neither body nor query', async () => {
    const local = await start();
    const response = await postJson(`${local.url}/api/review?token=sekrit`, { text: 'A superb, secretive film.' });
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    const lines = local.logs.lines.map((line) => JSON.parse(line));
    expect(lines.find((line) => line.msg === 'review answered')).toMatchObject({ requestId, platform: 'local' });
    expect(lines.find((line) => line.msg === 'http request')).toMatchObject({ requestId, method: 'POST', path: '/api/review', status: 200 });
    expect(local.logs.text).not.toContain('secretive');
    expect(local.logs.text).not.toContain('sekrit');
  });

  it('serves the page with a strict content security policy', async () => {
    const { url } = await start();
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/app.js"></script>');
    expect((await fetch(`${url}/app.js`)).headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('serves neither the page nor the API outside local mode, and hands /slack/events to the Slack adapter', async () => {
    const local = await startLocalServer({}, {
      localMode: false,
      slackEvents: (_req, res) => void res.writeHead(200, { 'content-type': 'text/plain' }).end('slack saw it'),
    });
    servers.push(local);
    expect((await fetch(`${local.url}/`)).status).toBe(404);
    expect((await postJson(`${local.url}/api/review`, { text: 'Great.' })).status).toBe(404);
    expect(await (await fetch(`${local.url}/slack/events`, { method: 'POST', body: '{}' })).text()).toBe('slack saw it');
    expect((await fetch(`${local.url}/healthz`)).status).toBe(200);
  });

  it('answers a request in flight before close() resolves', async () => {
    const local = await startLocalServer();
    let entered = false;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const predict = local.reviewPredictor.predict.bind(local.reviewPredictor);
    local.reviewPredictor.predict = async (texts) => {
      entered = true;
      await gate;
      return predict(texts);
    };
    const answer = postJson(`${local.url}/api/review`, { text: 'Loved it.' });
    await expect.poll(() => entered).toBe(true);
    const closed = local.close();
    release();
    expect((await answer).status).toBe(200);
    await closed;
  });

  it('cuts an upload that is still dripping when the close grace runs out', async () => {
    const local = await startLocalServer();
    let started = false;
    const dripping = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (started) return new Promise(() => {});
        started = true;
        controller.enqueue(new Uint8Array(10));
        return undefined;
      },
    });
    const upload = fetch(`${local.url}/api/poster`, { method: 'POST', body: dripping, duplex: 'half' } as RequestInit & { duplex: 'half' });
    await expect.poll(() => started).toBe(true);
    await local.server.close(100);
    await local.bot.close();
    await expect(upload).rejects.toThrow();
  });

  it('closes while a keep-alive connection is open', async () => {
    const local = await startLocalServer();
    expect((await fetch(`${local.url}/healthz`)).status).toBe(200);
    await local.close();
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });
});
