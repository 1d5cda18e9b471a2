import { afterEach, describe, expect, it } from 'vitest';
import { postersInGrid } from '../helpers/framed-poster.js';
import { posterPng, startLocalServer, type LocalServer } from './local-server.js';

let local: LocalServer | undefined;
afterEach(async () => local?.close());

async function startGated(): Promise<LocalServer> {
  local = await startLocalServer();
  // The fake gate: bright green images are "not a poster".
  local.posterPredictor.gate = (pixels) => (pixels[1]! > 200 && pixels[0]! < 60 ? 0.1 : 0.9);
  return local;
}

const post = (url: string, body: Uint8Array<ArrayBuffer>) => fetch(url, { method: 'POST', headers: { 'content-type': 'image/png' }, body });

describe('POST /api/poster behind the poster gate', () => {
  it('gives the poster probability beside the genres and rating', async () => {
    const { url } = await startGated();
    const body = await (await post(`${url}/api/poster`, await posterPng([200, 30, 30], [20, 20, 90]))).json();
    expect(Object.keys(body)).toEqual(['poster', 'genres', 'top3', 'rating', 'ratingTypicalError']);
    expect(body.poster).toBe(0.9);
  });

  it('answers a non-poster with "That doesn\'t look like a movie poster", and with genres when forced', async () => {
    const { url } = await startGated();
    const green = await posterPng([10, 250, 10], [10, 250, 10]);
    const refused = await post(`${url}/api/poster`, green);
    expect(refused.status).toBe(400);
    // The refusal gives the gate's score, so a client knows ?force=1 can read it anyway; the API keeps nothing.
    expect(await refused.json()).toEqual({ error: expect.stringMatching(/doesn't look like a movie poster \(90% sure it isn't one\)[^]*screenshot of one\.$/), poster: 0.1 });
    const forced = await (await post(`${url}/api/poster?force=1`, green)).json();
    expect(forced).toMatchObject({ poster: 0.1, top3: expect.any(Array), warning: expect.stringMatching(/\(90% sure\), so these genres and this rating are a guess/) });
  });

  it('answers a picture of several posters with one answer each, its label and cut-out, and reads it whole with ?force=1', async () => {
    const { url } = await startGated();
    const { picture } = await postersInGrid({ rows: 1, columns: 3 });
    const body = await (await post(`${url}/api/poster`, new Uint8Array(picture))).json();
    expect(body).toMatchObject({ message: '3 posters, left to right and top to bottom.', found: 3 });
    expect(body.posters.map((poster: { label: string }) => poster.label)).toEqual(['Poster 1 of 3', 'Poster 2 of 3', 'Poster 3 of 3']);
    expect(Object.keys(body.posters[0])).toEqual(['label', 'image', 'poster', 'genres', 'top3', 'rating', 'ratingTypicalError']);
    expect(body.posters[0].image).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    const whole = await (await post(`${url}/api/poster?force=1`, new Uint8Array(picture))).json();
    expect(whole).toMatchObject({ poster: 0.9, top3: expect.any(Array) });
  });
});
