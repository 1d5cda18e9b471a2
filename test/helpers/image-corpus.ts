import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { ImageProblem } from '../../src/core/image.js';

export type Rgb = readonly [number, number, number];

export const RED: Rgb = [255, 0, 0];
export const BLUE: Rgb = [0, 0, 255];

/** One hostile or unusual input; `problem` is what decoding must refuse it with, absent when it must decode. */
export interface ImageCase {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly problem?: ImageProblem;
  /** For images that decode: the colour expected at the top and at the bottom of the decoded square. */
  readonly top?: Rgb;
  readonly bottom?: Rgb;
}

/** Raw RGB pixels, `colourAt(x, y)` per pixel. */
export function rawPixels(width: number, height: number, colourAt: (x: number, y: number) => Rgb): Buffer {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set(colourAt(x, y), (y * width + x) * 3);
  }
  return pixels;
}

export const solid = (width: number, height: number, colour: Rgb): sharp.Sharp =>
  sharp(rawPixels(width, height, () => colour), { raw: { width, height, channels: 3 } });

/** Deterministic noise, so every run sees the same "random" file. */
export function noise(length: number, seed = 'moviebot'): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; blocks.length * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

/** A valid PNG whose header declares `width` x `height` with almost no pixel data: a decompression bomb. */
export function declaredSizePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per sample
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]);
}

/** Every case of issue 5's "bad images", plus the formats a poster may legitimately arrive in. */
export async function buildImageCorpus(): Promise<ImageCase[]> {
  const noisyJpeg = await sharp(noise(256 * 256 * 3), { raw: { width: 256, height: 256, channels: 3 } }).jpeg().toBuffer();
  const redFrameThenBlue = Buffer.concat([rawPixels(32, 32, () => RED), rawPixels(32, 32, () => BLUE)]);
  const leftRedRightBlue = rawPixels(64, 32, (x) => (x < 32 ? RED : BLUE));
  const text = (value: string) => Buffer.from(value, 'utf8');
  return [
    { name: 'zero bytes', bytes: new Uint8Array(0), problem: 'empty' },
    { name: 'random bytes', bytes: noise(4096), problem: 'unsupported' },
    { name: 'truncated JPEG', bytes: noisyJpeg.subarray(0, noisyJpeg.length >> 1), problem: 'damaged' },
    {
      name: 'HTML page (as served with Content-Type image/jpeg)',
      bytes: text('\ufeff\n  <!DOCTYPE html><html><head><title>Sign in</title></head><body>Log in</body></html>'),
      problem: 'web-page',
    },
    {
      name: 'SVG',
      bytes: text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="red"/></svg>'),
      problem: 'svg',
    },
    { name: 'PDF', bytes: text('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n'), problem: 'pdf' },
    { name: 'HEIC (brand only)', bytes: Buffer.concat([Buffer.from([0, 0, 0, 24]), text('ftypheic\0\0\0\0mif1heic'), noise(64)]), problem: 'unsupported' },
    { name: 'BMP header', bytes: Buffer.concat([text('BM'), noise(62)]), problem: 'unsupported' },
    { name: '1x1 pixel', bytes: await solid(1, 1, RED).png().toBuffer(), problem: 'too-small' },
    { name: 'PNG declaring 30000x30000', bytes: declaredSizePng(30_000, 30_000), problem: 'too-many-pixels' },
    {
      name: 'animated GIF (first frame red, second blue)',
      bytes: await sharp(redFrameThenBlue, { raw: { width: 32, height: 64, channels: 3, pageHeight: 32 } }).gif({ loop: 0 }).toBuffer(),
      top: RED,
      bottom: RED,
    },
    { name: 'CMYK JPEG', bytes: await solid(32, 32, RED).toColourspace('cmyk').jpeg().toBuffer(), top: RED, bottom: RED },
    { name: '16-bit PNG', bytes: await solid(32, 32, BLUE).toColourspace('rgb16').png().toBuffer(), top: BLUE, bottom: BLUE },
    { name: 'grayscale PNG', bytes: await solid(32, 32, [128, 128, 128]).toColourspace('b-w').png().toBuffer(), top: [128, 128, 128], bottom: [128, 128, 128] },
    {
      name: 'EXIF-rotated JPEG (stored left red / right blue, orientation 6)',
      bytes: await sharp(leftRedRightBlue, { raw: { width: 64, height: 32, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg({ quality: 95 }).toBuffer(),
      top: RED,
      bottom: BLUE,
    },
    // Half-transparent red shows as pink: decodePoster flattens transparency onto white, as a chat app shows it.
    { name: 'PNG with alpha', bytes: await solid(32, 32, RED).ensureAlpha(0.5).png().toBuffer(), top: [255, 128, 128], bottom: [255, 128, 128] },
    { name: 'WebP', bytes: await solid(32, 32, RED).webp({ quality: 95 }).toBuffer(), top: RED, bottom: RED },
    { name: 'AVIF', bytes: await solid(32, 32, BLUE).avif({ quality: 90 }).toBuffer(), top: BLUE, bottom: BLUE },
    { name: 'TIFF', bytes: await solid(32, 32, RED).tiff().toBuffer(), top: RED, bottom: RED },
    { name: 'JPEG with trailing garbage', bytes: Buffer.concat([await solid(32, 32, RED).jpeg().toBuffer(), text('garbage')]), top: RED, bottom: RED },
  ];
}
