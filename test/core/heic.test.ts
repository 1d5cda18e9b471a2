import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { inReadableFormat } from '../../src/core/heic.js';
import { decodePoster, ImageError, sniffImageFormat } from '../../src/core/image.js';
import { heic, heicEncoderInstalled, needingHeicEncoder } from '../helpers/heic.js';
import { BLUE, noise, RED, rawPixels, solid } from '../helpers/image-corpus.js';
import { createTestBot } from '../helpers/test-bot.js';

const DAMAGED = "That HEIC photo is damaged, cut off or of a kind I can't decode, so I couldn't read it.";

/** Red over blue, as a phone photo of a poster is taller than wide. */
const redOverBlue = () => sharp(rawPixels(64, 96, (_x, y) => (y < 48 ? RED : BLUE)), { raw: { width: 64, height: 96, channels: 3 } });

async function refusal(bytes: Uint8Array): Promise<{ problem: string; message: string }> {
  const error = await inReadableFormat(bytes).then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ImageError);
  return { problem: (error as ImageError).problem, message: (error as ImageError).message };
}

describe('inReadableFormat', () => {
  it('hands every picture sharp decodes back as it is', async () => {
    const png = await solid(20, 20, RED).png().toBuffer();
    expect(await inReadableFormat(png)).toBe(png);
  });

  it('refuses a file that only claims to be HEIC with a clear message', async () => {
    const fake = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), noise(64)]);
    expect(await refusal(fake)).toEqual({ problem: 'damaged', message: DAMAGED });
  });
});

describe.skipIf(!heicEncoderInstalled)(needingHeicEncoder('HEIC photos made with heif-enc'), () => {
  it('reads a HEIC photo as a JPEG of the same picture', async () => {
    const photo = await heic(redOverBlue());
    expect(sniffImageFormat(photo)).toBe('heic');
    const readable = await inReadableFormat(photo);
    expect(sniffImageFormat(readable)).toBe('jpeg');
    expect(await sharp(readable).metadata()).toMatchObject({ width: 64, height: 96 });
    const pixels = await decodePoster(readable, 2);
    expect(Math.abs(pixels[0]! - 255) + pixels[2]!).toBeLessThan(40);
    expect(pixels[6]! + Math.abs(pixels[8]! - 255)).toBeLessThan(40);
  });

  it('lays a transparent HEIC on white, as every other format is', async () => {
    const clear = sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } });
    const pixels = await decodePoster(await inReadableFormat(await heic(clear)), 2);
    expect(Math.min(...pixels)).toBeGreaterThan(230);
  });

  it('refuses a HEIC declaring 9000 x 9000 pixels from its header, as a PNG would be', async () => {
    const photo = Buffer.from(await heic(redOverBlue()));
    // ispe is the box that gives an image's size.
    for (let at = photo.indexOf('ispe'); at >= 0; at = photo.indexOf('ispe', at + 4)) {
      photo.writeUInt32BE(9000, at + 8);
      photo.writeUInt32BE(9000, at + 12);
    }
    expect(await refusal(photo)).toEqual({
      problem: 'too-many-pixels',
      message: 'That image is 9000 × 9000 pixels, more than the 50 megapixels I read. Send a smaller copy.',
    });
  });

  it('refuses a cut-off HEIC as damaged, and reads the next photo', async () => {
    const photo = await heic(redOverBlue());
    const [cut, whole] = await Promise.allSettled([inReadableFormat(photo.subarray(0, photo.length / 3)), inReadableFormat(photo)]);
    expect(cut.status === 'rejected' && cut.reason).toMatchObject({ problem: 'damaged', message: DAMAGED });
    expect(whole.status === 'fulfilled' && sniffImageFormat(whole.value)).toBe('jpeg');
  });

  it('answers a HEIC photo sent to the bot with genres and a rating', async () => {
    const { bot } = createTestBot();
    const reply = await bot.analyzePoster({ kind: 'bytes', bytes: await heic(redOverBlue().resize(120, 180)) }, { platform: 'discord', userId: 'user-1' });
    expect(reply).toMatchObject({ kind: 'poster', result: { top3: expect.any(Array), rating: expect.any(Number) } });
  });
});
