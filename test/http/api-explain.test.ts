import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { gridOverPicture } from '../../src/core/heatmap-overlay.js';
import { posterOnPage } from '../helpers/framed-poster.js';
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

  it('covers the whole screenshot when the poster was cut out of it: cold on the page, the heat on the poster', async () => {
    const local = await startLocalServer();
    servers.push(local);
    const screenshot = await posterOnPage({ left: 400, top: 100, width: 300, height: 450 });
    const body = await (await fetch(`${local.url}/api/poster?explain=1&force=1`, { method: 'POST', body: new Uint8Array(screenshot) })).json();
    const grid = body.heatmap.grid as number[][];
    expect(grid.length).toBeGreaterThanOrEqual(7);
    expect(grid[0]!.every((heat) => heat === 0)).toBe(true); // the page's header bar
    expect(grid.map((row) => row[0]).every((heat) => heat === 0)).toBe(true); // the page's text, left of the poster
    expect(Math.max(...grid.flat())).toBeGreaterThan(0);
    const png = Buffer.from(body.overlay.slice('data:image/png;base64,'.length), 'base64');
    expect(await sharp(png).metadata()).toMatchObject({ width: 512, height: 384 });
  });

  it('leaves both out when not asked', async () => {
    const body = await (await postPoster('')).json();
    expect(body).not.toHaveProperty('heatmap');
    expect(body).not.toHaveProperty('overlay');
  });
});

describe('gridOverPicture', () => {
  it('lays the poster\'s grid back where the poster was, cold elsewhere', () => {
    const grid = [[1, 2], [3, 4]];
    const placed = gridOverPicture(grid, { left: 50, top: 0, width: 50, height: 100 }, { width: 100, height: 100 });
    expect(placed).toHaveLength(28);
    expect(placed[0]!.slice(0, 14).every((heat) => heat === 0)).toBe(true);
    expect([placed[0]![14], placed[0]![27], placed[27]![14], placed[27]![27]]).toEqual([1, 2, 3, 4]);
    expect(gridOverPicture(grid, undefined, { width: 100, height: 100 })).toEqual(grid);
  });
});
