import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { posterPng, startLocalServer, type LocalServer } from './local-server.js';

const servers: LocalServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((local) => local.close()));
});

async function postPoster(query: string): Promise<Response> {
  const local = await startLocalServer();
  servers.push(local);
  return fetch(`${local.url}/api/poster${query}`, { method: 'POST', body: await posterPng([200, 30, 30], [20, 20, 90]) });
}

describe('POST /api/poster?explain=1', () => {
  it('adds the top genre heat map and a PNG overlay the size of the poster', async () => {
    const response = await postPoster('?explain=1');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.heatmap.genre).toBe(body.top3[0][0]);
    expect(body.heatmap.grid).toHaveLength(7);
    expect(body.overlay).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(body.overlay.slice('data:image/png;base64,'.length), 'base64');
    const { format, width, height } = await sharp(png).metadata();
    expect({ format, width, height }).toEqual({ format: 'png', width: 120, height: 180 });
  });

  it('leaves both out when not asked', async () => {
    const body = await (await postPoster('')).json();
    expect(body).not.toHaveProperty('heatmap');
    expect(body).not.toHaveProperty('overlay');
  });
});
