import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { postersInGrid } from '../helpers/framed-poster.js';
import { createTestBot } from '../helpers/test-bot.js';

const requester = { platform: 'slack', userId: 'user-1' } as const;
/** The fake gate: a mostly bright green image is "not a poster" (a cut-out's edge may hold a pixel of background). */
function greenIsNotAPoster(pixels: Uint8Array): number {
  const mean = [0, 1, 2].map((channel) => pixels.filter((_, i) => i % 3 === channel).reduce((sum, v) => sum + v, 0) / (pixels.length / 3));
  return mean[1]! > 180 && mean[0]! < 80 ? 0.03 : 0.96;
}

/** A row of four posters, those at `green` painted plain green (not posters to the fake gate). */
async function fourFavourites(green: readonly number[] = []): Promise<Buffer> {
  const { picture, placed } = await postersInGrid({ rows: 1, columns: 4 });
  const paint = await Promise.all(green.map(async (index) => ({
    input: await sharp({ create: { width: placed[index]!.width, height: placed[index]!.height, channels: 3, background: '#0afa0a' } }).png().toBuffer(),
    left: placed[index]!.left, top: placed[index]!.top,
  })));
  return sharp(picture).composite(paint).png().toBuffer();
}

function gatedBot() {
  const testBot = createTestBot();
  testBot.posterPredictor.gate = greenIsNotAPoster;
  return testBot;
}

describe('MovieBot on a picture of several posters', () => {
  it('answers each poster of a "four favourites" picture, labelled in reading order, with its own cut-out', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await fourFavourites(), name: 'favs.png' }, requester);
    expect(reply).toMatchObject({ kind: 'posters', found: 4, fileName: 'favs.png' });
    const posters = reply.kind === 'posters' ? reply.posters : [];
    expect(posters.map((poster) => poster.fileName)).toEqual(['Poster 1 of 4', 'Poster 2 of 4', 'Poster 3 of 4', 'Poster 4 of 4']);
    expect(new Set(posters.map((poster) => poster.result.rating)).size).toBeGreaterThan(1);
    for (const poster of posters) expect((await sharp(poster.tile!).metadata()).format).toBe('jpeg');
    // No feedback or "Why?" under a cut-out: both would be about a picture nobody posted.
    expect(posters.every((poster) => poster.answerId === undefined && poster.whyId === undefined)).toBe(true);
  });

  it('leaves out a tile the gate does not take for a poster, and says so by the count', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await fourFavourites([1]) }, requester);
    expect(reply).toMatchObject({ kind: 'posters', found: 4 });
    expect(reply.kind === 'posters' && reply.posters.map((poster) => poster.fileName)).toEqual(['Poster 1 of 4', 'Poster 3 of 4', 'Poster 4 of 4']);
  });

  it('answers the first ten posters of a wall, each labelled by its place among all of them', async () => {
    const { bot } = gatedBot();
    const { picture } = await postersInGrid({ rows: 3, columns: 4, poster: { width: 80, height: 120 } });
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: picture }, requester);
    expect(reply).toMatchObject({ kind: 'posters', found: 12, read: 10 });
    const labels = reply.kind === 'posters' ? reply.posters.map((poster) => poster.fileName) : [];
    expect([labels.length, labels[0], labels[9]]).toEqual([10, 'Poster 1 of 12', 'Poster 10 of 12']);
  });

  it('answers the picture whole rather than "busy" when the queue cannot take every poster of it', async () => {
    const testBot = createTestBot({ MAX_QUEUE: '2', MAX_BATCH: '1', MAX_CONCURRENT_INFERENCES: '1' });
    testBot.posterPredictor.delayMs = 200;
    const reply = await testBot.bot.analyzePoster({ kind: 'bytes', bytes: await fourFavourites() }, requester);
    expect(reply.kind).toBe('poster');
    expect(testBot.logs.text).toContain('answering the picture whole');
  });

  it('reads the picture whole when fewer than two tiles are posters, or when asked to read it as it is', async () => {
    const { bot } = gatedBot();
    expect(await bot.analyzePoster({ kind: 'bytes', bytes: await fourFavourites([0, 1, 2]) }, requester)).toMatchObject({ kind: 'poster' });
    expect(await bot.analyzePoster({ kind: 'bytes', bytes: await fourFavourites() }, requester, { force: true })).toMatchObject({ kind: 'poster' });
  });
});
