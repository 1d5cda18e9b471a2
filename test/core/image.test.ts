import { beforeAll, describe, expect, it } from 'vitest';
import { decodePoster, ImageError, sniffImageFormat } from '../../src/core/image.js';
import { buildImageCorpus, type ImageCase, type Rgb } from '../helpers/image-corpus.js';

const SUPPORTED = 'Send a JPEG, PNG, WebP, GIF, AVIF or HEIC.';

/** What the user reads for each refused case: the wording is part of the contract. */
const MESSAGES: Record<string, string> = {
  'zero bytes': "That file is empty, so there's no poster to read.",
  'random bytes': `That file isn't an image I can read. ${SUPPORTED}`,
  'truncated JPEG': "That JPEG is damaged or cut off, so I couldn't read it.",
  'HTML page (as served with Content-Type image/jpeg)':
    "That's a web page, not an image. Link to the image itself (right-click it, then Copy image address).",
  SVG: `SVG drawings aren't supported: I never render them. ${SUPPORTED}`,
  PDF: `That's a PDF, not an image. ${SUPPORTED}`,
  'HEIC (brand only)': 'A HEIC photo reached the decoder unconverted: pass it through inReadableFormat (heic.ts) first.',
  'BMP header': `BMP images aren't supported. ${SUPPORTED}`,
  '1x1 pixel': 'That image is only 1 × 1 pixels, too small to read a poster from (I need at least 16 on each side).',
  'PNG declaring 30000x30000': 'That image is 30000 × 30000 pixels, more than the 50 megapixels I read. Send a smaller copy.',
};

const SIZE = 16;

function pixel(pixels: Uint8Array, x: number, y: number): number[] {
  const at = (y * SIZE + x) * 3;
  return [...pixels.subarray(at, at + 3)];
}

function expectClose(actual: number[], expected: Rgb): void {
  actual.forEach((value, channel) => expect(Math.abs(value - (expected[channel] ?? 0))).toBeLessThanOrEqual(40));
}

let corpus: ImageCase[] = [];
beforeAll(async () => {
  corpus = await buildImageCorpus();
});

describe('decodePoster on the hostile corpus', () => {
  it('covers every refused case with a message', () => {
    expect(corpus.filter((entry) => entry.problem !== undefined).map((entry) => entry.name).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it('refuses each bad image with its own clear message', async () => {
    for (const entry of corpus.filter((item) => item.problem !== undefined)) {
      const error = await decodePoster(entry.bytes, SIZE).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error, entry.name).toBeInstanceOf(ImageError);
      expect({ name: entry.name, problem: (error as ImageError).problem, message: (error as ImageError).message }).toEqual({
        name: entry.name,
        problem: entry.problem,
        message: MESSAGES[entry.name],
      });
    }
  });

  it('decodes every good format to size x size x 3 sRGB, EXIF rotation applied, first frame only', async () => {
    for (const entry of corpus.filter((item) => item.problem === undefined)) {
      const pixels = await decodePoster(entry.bytes, SIZE);
      expect(pixels.length, entry.name).toBe(SIZE * SIZE * 3);
      expectClose(pixel(pixels, SIZE / 2, 0), entry.top ?? [0, 0, 0]);
      expectClose(pixel(pixels, SIZE / 2, SIZE - 1), entry.bottom ?? [0, 0, 0]);
    }
  });

  it('refuses the 30000x30000 PNG from its header, without allocating its 2.7 GB', async () => {
    const bomb = corpus.find((entry) => entry.problem === 'too-many-pixels');
    const before = process.memoryUsage().rss;
    await expect(decodePoster(bomb?.bytes ?? new Uint8Array(), SIZE)).rejects.toThrow(ImageError);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });
});

describe('sniffImageFormat', () => {
  it('names formats by their bytes, not by what they claim', () => {
    const named = Object.fromEntries(corpus.map((entry) => [entry.name, sniffImageFormat(entry.bytes)]));
    expect(named).toMatchObject({
      'HTML page (as served with Content-Type image/jpeg)': 'html',
      SVG: 'svg',
      PDF: 'pdf',
      'CMYK JPEG': 'jpeg',
      '16-bit PNG': 'png',
      WebP: 'webp',
      AVIF: 'avif',
      'animated GIF (first frame red, second blue)': 'gif',
      TIFF: 'tiff',
      'HEIC (brand only)': 'heic',
    });
  });

  it('does not mistake an HTML page with inline SVG for an SVG', () => {
    expect(sniffImageFormat(Buffer.from('<html><body><svg width="1" height="1"></svg></body></html>'))).toBe('html');
  });
});
