import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { forcedReadCaption, notAPosterNotice, readDespiteGate } from '../../src/core/reply.js';
import { createTestBot } from '../helpers/test-bot.js';

const requester = { platform: 'slack', userId: 'user-1' } as const;
const image = (r: number, g: number, b: number, width = 120, height = 180) =>
  sharp({ create: { width, height, channels: 3, background: { r, g, b } } }).png().toBuffer();
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
    expect(reply).toMatchObject({ kind: 'notice', tone: 'error', notAPoster: { poster: 0.04 } });
    expect(reply.kind === 'notice' && reply.text).toMatch(/doesn't look like a movie poster \(96% sure.* press Read it anyway\.$/);
  });

  it('tells a thumbnail it refuses that it is too small to judge, not that it is no poster', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10, 40, 60) }, requester);
    expect(reply).toMatchObject({ kind: 'notice', tone: 'error', notAPoster: { poster: 0.04 } });
    expect(reply.kind === 'notice' && reply.text).toMatch(/^That image is only 40 × 60 pixels, too small for me to tell whether it's a movie poster\. Send a bigger copy \(at least 80 pixels across\)\. Or, if it is one, press Read it anyway\.$/);
    // a thumbnail the gate passes is read as any poster is
    expect(await bot.analyzePoster({ kind: 'bytes', bytes: await image(200, 30, 30, 40, 60) }, requester)).toMatchObject({ kind: 'poster' });
  });

  it('never says it is 100% sure, nor under 51%', () => {
    const text = (poster: number) => { const reply = notAPosterNotice({ poster }); return reply.kind === 'notice' ? reply.text : ''; };
    expect(text(0.0001)).toMatch(/\(99% sure/);
    expect(text(0.495)).toMatch(/\(51% sure/);
    expect(text(0.2)).not.toMatch(/Read it anyway/);
    expect(forcedReadCaption(0.0001)).toMatch(/\(99% sure\)/);
  });

  it('reads a refused image anyway when the person presses the button, and says the answer is a guess', async () => {
    const { bot } = gatedBot();
    const refusal = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, requester);
    const keptId = refusal.kind === 'notice' ? refusal.notAPoster?.keptId : undefined;
    expect(keptId).toMatch(/^[0-9a-f]{64}$/);
    const reply = await bot.readAnyway(keptId!, { ...requester, userId: 'user-2' }, 'refusal-1');
    expect(reply).toMatchObject({ kind: 'poster', result: { poster: 0.04 } });
    expect(reply.kind === 'poster' && readDespiteGate(reply.result)).toBe(true);
  });

  it('reads a refused image anyway once per refusal: a second press of its button says it was done', async () => {
    const { bot } = gatedBot();
    const inChannel = (channelId: string, userId: string) => ({ ...requester, userId, place: { channelId, direct: false } });
    const refusal = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, inChannel('C1', 'user-1'));
    const keptId = refusal.kind === 'notice' ? refusal.notAPoster!.keptId! : '';
    expect(await bot.readAnyway(keptId, inChannel('C1', 'user-1'), 'refusal-1')).toMatchObject({ kind: 'poster' });
    expect(await bot.readAnyway(keptId, inChannel('C1', 'user-2'), 'refusal-1')).toMatchObject({ kind: 'notice', private: true, text: expect.stringMatching(/already been pressed/) });
    // the same image refused again (another refusal in the channel, or another channel) gets its own answer
    expect(await bot.readAnyway(keptId, inChannel('C1', 'user-1'), 'refusal-2')).toMatchObject({ kind: 'poster' });
    expect(await bot.readAnyway(keptId, inChannel('C2', 'user-1'), 'refusal-1')).toMatchObject({ kind: 'poster' });
  });

  it('lets "Read it anyway" be pressed again when its answer was refused ("slow down")', async () => {
    const testBot = createTestBot({ RATE_LIMIT_PER_MINUTE: '1' });
    testBot.posterPredictor.gate = greenIsNotAPoster;
    const inChannel = (userId: string) => ({ ...requester, userId, place: { channelId: 'C1', direct: false } });
    const refusal = await testBot.bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, inChannel('user-1'));
    const keptId = refusal.kind === 'notice' ? refusal.notAPoster!.keptId! : '';
    expect(await testBot.bot.readAnyway(keptId, inChannel('user-1'), 'refusal-1')).toMatchObject({ kind: 'notice', text: expect.stringMatching(/Slow down/) });
    expect(await testBot.bot.readAnyway(keptId, inChannel('user-2'), 'refusal-1')).toMatchObject({ kind: 'poster' });
  });

  it('says when it no longer has the image to read anyway', async () => {
    const { bot } = gatedBot();
    expect(await bot.readAnyway('0'.repeat(64), requester, 'refusal-1')).toMatchObject({ kind: 'notice', tone: 'error', text: expect.stringMatching(/no longer have that image/) });
  });

  it('offers no "Read it anyway" on the local page and API, which send the image again with ?force=1', async () => {
    const { bot } = gatedBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await image(10, 250, 10) }, { platform: 'local', userId: 'page' });
    expect(reply).toMatchObject({ kind: 'notice', notAPoster: { poster: 0.04 } });
    expect(reply.kind === 'notice' && reply.notAPoster?.keptId).toBeUndefined();
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
