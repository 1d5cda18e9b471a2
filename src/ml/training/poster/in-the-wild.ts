/**
 * Posters as people post them, made from a clean poster file: a phone photo of it on a wall or table, a
 * screenshot of a web page around it, a 2000-px scan, a WebP, a crop, a PNG with a transparent border. Each is
 * deterministic given its seed, so training sets and evaluations can be rebuilt exactly.
 */
import sharp from 'sharp';
import { between, seededRandom } from '../../../util/seeded-random.js';
import { type Point, type RgbaImage, warpPerspective } from './perspective.js';

export const WILD_KINDS = ['phone-photo', 'screenshot', 'scan', 'webp', 'crop', 'transparent-png'] as const;
export type WildKind = (typeof WILD_KINDS)[number];
export const WILD_EXTENSION = {
  'phone-photo': 'jpg', screenshot: 'png', scan: 'jpg', webp: 'webp', crop: 'jpg', 'transparent-png': 'png',
} as const satisfies Record<WildKind, string>;

/** Where the poster lies in a picture, as fractions of its width and height (what a poster finder should find). */
export interface PosterBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface WildImage {
  readonly kind: WildKind;
  readonly bytes: Uint8Array;
  readonly extension: (typeof WILD_EXTENSION)[WildKind];
  /** The poster's bounding box in the picture (all of it for a crop or a WebP). */
  readonly poster: PosterBox;
}

/** A picture and where the poster is in it. */
interface Framed {
  readonly bytes: Uint8Array;
  readonly poster: PosterBox;
}

const WHOLE: PosterBox = { left: 0, top: 0, width: 1, height: 1 };

/** The box of `inner` pixels inside a `width` x `height` picture, clipped to it, as fractions. */
function boxInside(width: number, height: number, inner: { left: number; top: number; right: number; bottom: number }): PosterBox {
  const [left, top] = [Math.max(0, inner.left), Math.max(0, inner.top)];
  const [right, bottom] = [Math.min(width, inner.right), Math.min(height, inner.bottom)];
  return { left: left / width, top: top / height, width: (right - left) / width, height: (bottom - top) / height };
}

type Random = () => number;
const randomColour = (random: Random, low = 0, high = 255) => ({
  r: Math.round(between(random, low, high)),
  g: Math.round(between(random, low, high)),
  b: Math.round(between(random, low, high)),
});

/** The poster `bytes` (any format sharp reads) as a `kind` picture, deterministic given `seed`. */
export async function inTheWild(bytes: Uint8Array, kind: WildKind, seed: number): Promise<WildImage> {
  const random = seededRandom(seed);
  const framed = await framedAs(bytes, kind, random);
  return { kind, extension: WILD_EXTENSION[kind], ...framed };
}

async function framedAs(bytes: Uint8Array, kind: WildKind, random: Random): Promise<Framed> {
  switch (kind) {
    case 'phone-photo':
      return phonePhoto(bytes, random);
    case 'screenshot':
      return webPageScreenshot(bytes, random);
    case 'scan':
      return scan(bytes, random);
    case 'webp':
      return { poster: WHOLE, bytes: await asBytes(sharp(bytes).resize({ width: Math.round(between(random, 180, 600)) }).webp({ quality: Math.round(between(random, 30, 85)) })) };
    case 'crop':
      return { poster: WHOLE, bytes: await crop(bytes, random) };
    case 'transparent-png':
      return transparentBorder(bytes, random);
  }
}

async function asBytes(image: sharp.Sharp): Promise<Uint8Array> {
  const buffer = await image.toBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function rgba(bytes: Uint8Array, width: number): Promise<RgbaImage> {
  const { data, info } = await sharp(bytes).resize({ width }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A wall or table: one colour with blurred grain, as a phone camera sees it. */
async function surface(width: number, height: number, random: Random): Promise<Buffer> {
  const base = randomColour(random, 40, 230);
  const grain = between(random, 5, 40);
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) {
    const shade = (random() - 0.5) * grain;
    data[i * 3] = base.r + shade;
    data[i * 3 + 1] = base.g + shade;
    data[i * 3 + 2] = base.b + shade;
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).blur(between(random, 0.5, 3)).png().toBuffer();
}

/** A soft white ellipse: the reflection of a lamp or window on a glossy poster. */
function glare(width: number, height: number, random: Random): Buffer {
  const cx = between(random, 0.2, 0.8) * width;
  const cy = between(random, 0.2, 0.8) * height;
  const opacity = between(random, 0.2, 0.7).toFixed(2);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><radialGradient id="g"><stop offset="0" stop-color="white" stop-opacity="${opacity}"/><stop offset="1" stop-color="white" stop-opacity="0"/></radialGradient></defs>
    <ellipse cx="${cx}" cy="${cy}" rx="${between(random, 0.1, 0.4) * width}" ry="${between(random, 0.05, 0.3) * height}" fill="url(#g)"/></svg>`);
}

function addNoise(data: Uint8Array, amount: number, random: Random): void {
  for (let i = 0; i < data.length; i++) data[i] = Math.min(255, Math.max(0, data[i]! + (random() + random() + random() - 1.5) * amount));
}

async function phonePhoto(bytes: Uint8Array, random: Random): Promise<Framed> {
  const poster = await rgba(bytes, Math.round(between(random, 280, 520)));
  const width = Math.round(poster.width * between(random, 1.15, 1.7));
  const height = Math.round(poster.height * between(random, 1.1, 1.5));
  const left = (width - poster.width) * between(random, 0.2, 0.8);
  const top = (height - poster.height) * between(random, 0.2, 0.8);
  const jitter = (): number => (random() - 0.5) * 0.16 * poster.width;
  const corners: Point[] = [
    [left + jitter(), top + jitter()],
    [left + poster.width + jitter(), top + jitter()],
    [left + poster.width + jitter(), top + poster.height + jitter()],
    [left + jitter(), top + poster.height + jitter()],
  ];
  const warped = warpPerspective(poster, corners, width, height);
  const { data, info } = await sharp(await surface(width, height, random))
    .composite([
      { input: Buffer.from(warped.data), raw: { width, height, channels: 4 } },
      { input: glare(width, height, random) },
    ])
    .modulate({ brightness: between(random, 0.75, 1.15), saturation: between(random, 0.8, 1.1) })
    .blur(between(random, 0.3, 1.8))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  addNoise(pixels, between(random, 2, 14), random);
  const [xs, ys] = [corners.map(([x]) => x), corners.map(([, y]) => y)];
  const box = boxInside(width, height, { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) });
  return { poster: box, bytes: await asBytes(sharp(pixels, { raw: { width: info.width, height: info.height, channels: 3 } }).jpeg({ quality: Math.round(between(random, 55, 90)) })) };
}

/** A page of grey text lines and a header bar, the poster set into it like an image on a film site. */
async function webPageScreenshot(bytes: Uint8Array, random: Random): Promise<Framed> {
  const [width, height] = random() < 0.3 ? [390, 844] : [Math.round(between(random, 1000, 1600)), Math.round(between(random, 700, 1000))];
  const dark = random() < 0.35;
  const posterHeight = Math.round(height * between(random, 0.4, 0.8));
  const poster = await sharp(bytes).resize({ height: posterHeight, width: Math.min(width - 20, Math.round(posterHeight * 0.7)), fit: 'inside' }).png().toBuffer();
  const { width: pw = 0, height: ph = 0 } = await sharp(poster).metadata();
  const left = Math.round(between(random, 10, Math.max(11, width - pw - 10)));
  const top = Math.round(between(random, 60, Math.max(61, height - posterHeight - 10)));
  const line = dark ? '#555' : '#ccc';
  const lines = Array.from({ length: 24 }, (_, i) =>
    `<rect x="${Math.round(between(random, 10, width * 0.6))}" y="${70 + i * 30}" width="${Math.round(between(random, 80, width * 0.4))}" height="10" fill="${line}"/>`).join('');
  const page = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${dark ? '#18181b' : '#fafafa'}"/>
    <rect width="100%" height="50" fill="hsl(${Math.round(between(random, 0, 360))},50%,${dark ? 20 : 45}%)"/>${lines}</svg>`;
  const box = boxInside(width, height, { left, top, right: left + pw, bottom: top + ph });
  return { poster: box, bytes: await asBytes(sharp(Buffer.from(page)).composite([{ input: poster, left, top }]).png()) };
}

/** A flatbed scan: 2000 px tall, slightly turned on white paper, a little yellow. */
async function scan(bytes: Uint8Array, random: Random): Promise<Framed> {
  const white = { r: 250, g: 248, b: 240 };
  const margin = Math.round(between(random, 10, 80));
  const upright = await sharp(bytes).resize({ height: 2000 - 2 * margin }).png().toBuffer();
  const scanned = await asBytes(sharp(upright)
    .rotate(between(random, -2.5, 2.5), { background: white })
    .extend({ top: margin, bottom: margin, left: margin, right: margin, background: white })
    .linear([1, 0.99, between(random, 0.88, 0.97)], [0, 0, 0])
    .jpeg({ quality: Math.round(between(random, 75, 95)) }));
  // The turned poster touches every side of its rotated canvas, so it fills the scan but the margin.
  const { width = 0, height = 0 } = await sharp(scanned).metadata();
  return { poster: boxInside(width, height, { left: margin, top: margin, right: width - margin, bottom: height - margin }), bytes: scanned };
}

async function crop(bytes: Uint8Array, random: Random): Promise<Uint8Array> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const cropWidth = Math.round(width * between(random, 0.6, 0.92));
  const cropHeight = Math.round(height * between(random, 0.6, 0.92));
  const left = Math.floor((width - cropWidth) * random());
  const top = Math.floor((height - cropHeight) * random());
  return asBytes(sharp(bytes).extract({ left, top, width: cropWidth, height: cropHeight }).jpeg({ quality: 85 }));
}

/** A cut-out with a transparent margin, as image editors and sticker makers save them. */
async function transparentBorder(bytes: Uint8Array, random: Random): Promise<Framed> {
  const { width = 0, height = 0 } = await sharp(bytes).metadata();
  const border = () => Math.round(width * between(random, 0.05, 0.3));
  const clear = { r: 0, g: 0, b: 0, alpha: 0 };
  const [top, bottom, left, right] = [border(), border(), border(), border()];
  const [frameWidth, frameHeight] = [width + left + right, height + top + bottom];
  const poster = boxInside(frameWidth, frameHeight, { left, top, right: left + width, bottom: top + height });
  return { poster, bytes: await asBytes(sharp(bytes).ensureAlpha().extend({ top, bottom, left, right, background: clear }).png()) };
}
