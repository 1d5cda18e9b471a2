import sharp from 'sharp';
import { GATE_MIN_SIDE } from './predictions.js';
import { findPosterRegion, type Region, type RgbImage } from './poster-region.js';
import { findPosterTiles, MAX_TILES_READ } from './poster-tiles.js';
import { UserFacingError } from './reply.js';

/** Formats we decode; everything else is refused by its signature before sharp sees a byte of it. */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'tiff';
export type SniffedFormat = ImageFormat | 'heic' | 'bmp' | 'svg' | 'pdf' | 'html' | 'unknown';

export type ImageProblem =
  | 'empty'
  | 'web-page'
  | 'svg'
  | 'pdf'
  | 'unsupported'
  | 'damaged'
  | 'too-many-pixels'
  | 'too-small'
  | 'too-slow';

/** A poster that cannot be read; `problem` is for logs, metrics and tests, the message for the user. */
export class ImageError extends UserFacingError {
  constructor(
    readonly problem: ImageProblem,
    message: string,
    /** What went wrong underneath, for the operator's logs; never shown to the user. */
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

/** Enough for any real poster, and sharp refuses bigger ones from their header, before allocating. */
export const MAX_POSTER_PIXELS = 50_000_000;
/** Smaller than this there is no poster left to read, only a few coloured pixels. */
export const MIN_POSTER_SIDE = 16;
/** What transparent pixels become before the model sees them. */
export const POSTER_BACKGROUND = '#ffffff';
/** A crafted file (a progressive JPEG with thousands of scans, say) can cost minutes of CPU in few bytes. */
export const DECODE_TIMEOUT_SECONDS = 20;

const SUPPORTED = 'Send a JPEG, PNG, WebP, GIF, AVIF or HEIC.';
const FORMAT_NAMES: Record<ImageFormat, string> = { jpeg: 'JPEG', png: 'PNG', gif: 'GIF', webp: 'WebP', avif: 'AVIF', tiff: 'TIFF' };

/** Names the format from the first bytes, never from a claimed content type or file name. */
export function sniffImageFormat(bytes: Uint8Array): SniffedFormat {
  const ascii = (start: number, end: number) => Buffer.from(bytes.subarray(start, end)).toString('latin1');
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') {
    const boxSize = Math.min(Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0), 256, bytes.length);
    const brands = ascii(8, boxSize);
    return /avi[fs]/.test(brands) ? 'avif' : /hei[cxms]|hev[cx]|mif1|msf1/.test(brands) ? 'heic' : 'unknown';
  }
  if (ascii(0, 2) === 'BM' && bytes.length > 26) return 'bmp';
  if (ascii(0, 5) === '%PDF-') return 'pdf';
  const text = ascii(0, 1024).replace(/^(\xef\xbb\xbf|\s)+/, '').toLowerCase();
  if (!text.startsWith('<')) return 'unknown';
  if (/^<!doctype html|<html[\s>]|<(head|body)[\s>]/.test(text)) return 'html';
  return /<svg[\s>]/.test(text) ? 'svg' : 'unknown';
}

/** Longest side of the picture the poster is looked for in: enough to see its edges, cheap to scan. */
const REGION_ANALYSIS_SIDE = 192;
/** Longest side of the picture several posters are looked for in: the gaps between them are a few pixels. */
const TILES_ANALYSIS_SIDE = 512;
/**
 * Longest side of a poster cut out of a picture of several: far more than the models read, and ten of them stay
 * small enough to attach to one chat message whatever the picture's size.
 */
const TILE_SIDE = 768;

/**
 * Where the poster is in the picture `bytes` (upright, in its full-size pixels), or undefined when the picture
 * is read whole: see {@link findPosterRegion}.
 */
export async function locatePoster(bytes: Uint8Array, picture?: PictureSize): Promise<Region | undefined> {
  const image = await analysisImage(bytes, REGION_ANALYSIS_SIDE);
  const found = findPosterRegion(image);
  return found && inPicture(found, image, picture ?? (await uprightSize(bytes)));
}

/** The posters found in a picture of several, and the first of them (at most `limit`) cut out. */
export interface PosterTiles {
  readonly found: number;
  readonly tiles: readonly Uint8Array[];
}

/** A picture that is one poster, or that could not be looked at for several. */
export const NO_TILES: PosterTiles = { found: 0, tiles: [] };

/**
 * The posters of a picture that shows several side by side (see {@link findPosterTiles}), the first `limit` in
 * reading order each cut out as a JPEG; none when the picture is one poster.
 */
export async function cutPosterTiles(bytes: Uint8Array, limit = MAX_TILES_READ): Promise<PosterTiles> {
  const image = await analysisImage(bytes, TILES_ANALYSIS_SIDE);
  const regions = findPosterTiles(image);
  if (regions.length === 0) return NO_TILES;
  const picture = await uprightSize(bytes);
  const tiles = await Promise.all(regions.slice(0, limit).map(async (tile) => {
    const cut = await sharp(bytes, { pages: 1, limitInputPixels: MAX_POSTER_PIXELS })
      .rotate()
      .extract(inPicture(tile, image, picture))
      .resize(TILE_SIDE, TILE_SIDE, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: POSTER_BACKGROUND })
      .jpeg({ quality: 92 })
      .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
      .toBuffer();
    return new Uint8Array(cut.buffer, cut.byteOffset, cut.byteLength);
  }));
  return { found: regions.length, tiles };
}

/** The upright picture shrunk to fit `side`, transparency on white: what the finders look at. */
async function analysisImage(bytes: Uint8Array, side: number): Promise<RgbImage> {
  const { data, info } = await sharp(bytes, { pages: 1, limitInputPixels: MAX_POSTER_PIXELS })
    .rotate()
    .toColourspace('srgb')
    .flatten({ background: POSTER_BACKGROUND })
    .resize(side, side, { fit: 'inside' })
    .raw()
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** A region of the analysis image in the full picture's pixels. */
function inPicture(found: Region, image: PictureSize, { width, height }: PictureSize): Region {
  const [sx, sy] = [width / image.width, height / image.height];
  const left = Math.floor(found.left * sx);
  const top = Math.floor(found.top * sy);
  return {
    left, top,
    width: Math.min(width - left, Math.ceil(found.width * sx)),
    height: Math.min(height - top, Math.ceil(found.height * sy)),
  };
}

export interface PictureSize {
  readonly width: number;
  readonly height: number;
}

/** The picture's size as it is shown: EXIF rotations of a quarter turn swap width and height. */
async function uprightSize(bytes: Uint8Array): Promise<PictureSize> {
  const { width = 0, height = 0, orientation = 1 } = await sharp(bytes, { pages: 1, limitInputPixels: false }).metadata();
  return orientation >= 5 ? { width: height, height: width } : { width, height };
}

/** The picture's upright size when its short side is too small for the gate to judge ({@link GATE_MIN_SIDE}). */
export async function tooSmallForGate(bytes: Uint8Array): Promise<PictureSize | undefined> {
  const picture = await uprightSize(bytes);
  return Math.min(picture.width, picture.height) < GATE_MIN_SIDE ? picture : undefined;
}

/** Decoded pixels, the part of the picture they show (undefined: all of it) and the whole picture's upright size. */
export interface DecodedPoster {
  readonly pixels: Uint8Array;
  readonly region: Region | undefined;
  readonly picture: PictureSize;
}

/**
 * Decodes poster bytes to RGB pixels (size x size x 3, row-major), the one preprocessing that training and
 * serving share. A poster shown inside a bigger picture (a photo of a wall, a page around it) is cut out first
 * ({@link locatePoster}); the poster is squashed to a square rather than cropped, so no title text is lost, and
 * transparency is flattened onto white.
 * Animated images give their first frame. Anything unreadable throws an {@link ImageError}.
 */
export async function decodePoster(bytes: Uint8Array, size: number): Promise<Uint8Array> {
  return (await decodePosterRegion(bytes, size)).pixels;
}

/** {@link decodePoster}, also saying which region of the picture the pixels show (for overlays drawn on it). */
export async function decodePosterRegion(bytes: Uint8Array, size: number): Promise<DecodedPoster> {
  const format = checkFormat(bytes);
  try {
    // One header read serves the size checks, the finder's scale and the heat map's placement.
    const picture = await uprightSize(bytes);
    checkDimensions(picture.width, picture.height);
    // The whole picture is decoded while the poster is looked for: most pictures are clean posters, read whole.
    const [region, whole] = await Promise.all([locatePoster(bytes, picture), squarePixels(bytes, size)]);
    return { pixels: region === undefined ? whole : await squarePixels(bytes, size, region), region, picture };
  } catch (error) {
    if (error instanceof ImageError) throw error;
    if (error instanceof Error && error.message.startsWith('timeout:')) {
      throw new ImageError('too-slow', `That image took more than ${DECODE_TIMEOUT_SECONDS} s to decode, so I gave up. Send a simpler JPEG or PNG.`);
    }
    throw new ImageError('damaged', `That ${FORMAT_NAMES[format]} is damaged or cut off, so I couldn't read it.`, error);
  }
}

/** The upright picture (or its `region`) squashed to size x size RGB, transparency on white. */
async function squarePixels(bytes: Uint8Array, size: number, region?: Region): Promise<Uint8Array> {
  const oriented = sharp(bytes, { pages: 1, limitInputPixels: MAX_POSTER_PIXELS, failOn: 'truncated' }).rotate();
  const { data } = await (region === undefined ? oriented : oriented.extract(region))
    .toColourspace('srgb')
    // Transparent areas would reach the model as black: show them on white, as chat apps and browsers do.
    .flatten({ background: POSTER_BACKGROUND })
    .resize(size, size, { fit: 'fill' })
    .raw()
    .timeout({ seconds: DECODE_TIMEOUT_SECONDS })
    .toBuffer({ resolveWithObject: true });
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function checkFormat(bytes: Uint8Array): ImageFormat {
  if (bytes.length === 0) throw new ImageError('empty', "That file is empty, so there's no poster to read.");
  const format = sniffImageFormat(bytes);
  switch (format) {
    case 'html':
      throw new ImageError('web-page', "That's a web page, not an image. Link to the image itself (right-click it, then Copy image address).");
    case 'svg':
      throw new ImageError('svg', `SVG drawings aren't supported: I never render them. ${SUPPORTED}`);
    case 'pdf':
      throw new ImageError('pdf', `That's a PDF, not an image. ${SUPPORTED}`);
    case 'heic':
      // Callers convert first; a code path that forgets says so rather than calling the photo unreadable.
      throw new ImageError('unsupported', 'A HEIC photo reached the decoder unconverted: pass it through inReadableFormat (heic.ts) first.');
    case 'bmp':
      throw new ImageError('unsupported', `BMP images aren't supported. ${SUPPORTED}`);
    case 'unknown':
      throw new ImageError('unsupported', `That file isn't an image I can read. ${SUPPORTED}`);
    default:
      return format;
  }
}

/** The refusal of a picture over {@link MAX_POSTER_PIXELS}. */
export const tooManyPixels = (width: number, height: number): ImageError =>
  new ImageError('too-many-pixels', `That image is ${width} × ${height} pixels, more than the ${MAX_POSTER_PIXELS / 1e6} megapixels I read. Send a smaller copy.`);

function checkDimensions(width: number, height: number): void {
  if (width * height > MAX_POSTER_PIXELS) throw tooManyPixels(width, height);
  if (Math.min(width, height) < MIN_POSTER_SIDE) {
    throw new ImageError('too-small', `That image is only ${width} × ${height} pixels, too small to read a poster from (I need at least ${MIN_POSTER_SIDE} on each side).`);
  }
}
