import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { notAPosterMessage } from '../../src/core/bot.js';
import { createTestBot } from '../helpers/test-bot.js';

const requester = { platform: 'slack', userId: 'user-1' } as const;
const image = (r: number, g: number, b: number) =>
  sharp({ create: { width: 60, height: 90, channels: 3, background: { r, g, b } } }).png().toBuffer();
/** The fake gate: bright green images are "not a poster". */
const greenIsNotAPoster = (pixels: Uint8Array) => (pixels[1]! > 200 && pixels[0]! < 60 ? 0.04 : 0.97);

function gatedBot() {
  const testBot = createTestBot();
  testBot.posterPredictor.gate = greenIsNotAPoster;
  return testBot;
}

describe('MovieBot behind the poster gate', () => {
  it('answers a poster with genres and its poster probability', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await image(200, 30, 30) }, requester);
    expect(reply).toMatchObject({ kind: 'poster', result: { poster: 0.97 } });
  });

  it('answers /poster on a non-poster with a clear "not a movie poster" notice', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, requester);
    expect(reply).toMatchObject({ kind: 'notice', tone: 'error' });
    expect(reply.kind === 'notice' && reply.text).toMatch(/doesn't look like a movie poster \(96% sure/);
  });

  it('never says it is 100% sure, nor under 51%', () => {
    expect(notAPosterMessage(0.0001)).toMatch(/\(99% sure/);
    expect(notAPosterMessage(0.495)).toMatch(/\(51% sure/);
  });

  it('still gives the genres of a non-poster when forced', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, requester, { force: true });
    expect(reply).toMatchObject({ kind: 'poster', result: { poster: 0.04 } });
  });

  it('stays silent on an image posted where nobody asked, and answers a poster posted the same way', async () => {
    const { bot } = gatedBot();
    expect(await bot.answerPostedImage({ kind: 'bytes', bytes: await image(10, 250, 10) }, requester)).toBeUndefined();
    expect(await bot.answerPostedImage({ kind: 'bytes', bytes: await image(200, 30, 30) }, requester)).toMatchObject({ kind: 'poster' });
    expect(await bot.metrics.registry.getSingleMetricAsString('moviebot_replies_total')).toMatch(/outcome="not-a-poster"} 1/);
  });

  it('takes every image as a poster when no gate model is installed', async () => {
    const { bot } = createTestBot();
    expect(await bot.answerPostedImage({ kind: 'bytes', bytes: await image(10, 250, 10) }, requester)).toMatchObject({ kind: 'poster' });
  });
});
