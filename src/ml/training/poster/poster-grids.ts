/**
 * Pictures of several posters side by side, as people share them (a Letterboxd "four favourites" screenshot, a
 * row of this week's releases, a watchlist grid), made from poster files. Each is deterministic given its seed, so
 * the tile finder's evaluation can be rebuilt exactly.
 */
import sharp from 'sharp';
import { between, seededRandom } from '../../../util/seeded-random.js';

/** Rows x columns: a pair, a row of three or four, the grids of film sites. */
export const GRID_SHAPES = [[1, 2], [1, 3], [1, 4], [2, 2], [2, 3], [3, 3], [2, 4]] as const;
/** Letterboxd's dark blue, TMDB's navy, white, black, and light and dark greys. */
const BACKGROUNDS = ['#14181c', '#0d253f', '#ffffff', '#000000', '#f2f2f2', '#2b2b2b'] as const;
/** The most posters one picture needs. */
export const MAX_GRID_POSTERS = Math.max(...GRID_SHAPES.map(([rows, columns]) => rows * columns));
/** A wall of posters: a phone screenshot of a watchlist, more than one reply shows. */
export const WALL_SHAPE = [5, 4] as const;

export interface PosterGrid {
  readonly bytes: Uint8Array;
  readonly rows: number;
  readonly columns: number;
  /** How many of the posters given it shows: the first rows x columns, in reading order. */
  readonly count: number;
}

/** A `width` x `height` SVG of grey bars: lines of caption or header text, without needing a font. */
function textBars(width: number, height: number, lines: number, colour: string): Buffer {
  const bars = Array.from({ length: lines }, (_, i) => `<rect x="0" y="${i * 14 + 3}" width="${Math.round(width * (0.9 - 0.3 * i))}" height="8" rx="3" fill="${colour}"/>`);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${bars.join('')}</svg>`);
}

/** A mask that rounds a `width` x `height` poster's corners. */
const roundedCorners = (width: number, height: number, radius: number) =>
  Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" rx="${radius}" fill="#fff"/></svg>`);

/**
 * The first posters of `posters` (file bytes, at least {@link MAX_GRID_POSTERS}, or as many as `shape` holds) laid
 * out in a grid of a shape (unless given), size, gap and background drawn from `seed`: captions under 40% of the
 * pictures, a header bar on 30%, rounded corners on 30%, PNG or JPEG at quality 70-95.
 */
export async function posterGrid(posters: readonly Uint8Array[], seed: number, shape?: readonly [number, number]): Promise<PosterGrid> {
  const random = seededRandom(seed);
  // Drawn even when the shape is given, so a seed lays out the same picture otherwise.
  const drawn = GRID_SHAPES[Math.floor(random() * GRID_SHAPES.length)]!;
  const [rows, columns] = shape ?? drawn;
  if (posters.length < rows * columns) throw new Error(`posterGrid needs ${rows * columns} posters, got ${posters.length}`);
  const width = Math.round(between(random, 120, 300));
  const height = Math.round(width * between(random, 1.45, 1.52));
  const [gap, margin] = [Math.round(between(random, 4, 30)), Math.round(between(random, 0, 40))];
  const background = BACKGROUNDS[Math.floor(random() * BACKGROUNDS.length)]!;
  const light = background === '#ffffff' || background === '#f2f2f2';
  const captionHeight = random() < 0.4 ? 34 : 0;
  const headerHeight = random() < 0.3 ? Math.round(between(random, 40, 70)) : 0;
  const corner = random() < 0.3 ? Math.round(between(random, 3, 10)) : 0;
  const layers: sharp.OverlayOptions[] = [];
  for (let index = 0; index < rows * columns; index++) {
    const [row, column] = [Math.floor(index / columns), index % columns];
    const left = margin + column * (width + gap);
    const top = headerHeight + margin + row * (height + gap + captionHeight);
    const resized = sharp(posters[index]!).resize(width, height, { fit: 'fill' });
    const input = corner === 0
      ? await resized.png().toBuffer()
      : await resized.ensureAlpha().composite([{ input: roundedCorners(width, height, corner), blend: 'dest-in' }]).png().toBuffer();
    layers.push({ input, left, top });
    if (captionHeight > 0) layers.push({ input: textBars(width, captionHeight - 6, 2, light ? '#555555' : '#9ab'), left, top: top + height + 6 });
  }
  const picture = {
    width: 2 * margin + columns * width + (columns - 1) * gap,
    height: headerHeight + 2 * margin + rows * (height + captionHeight) + (rows - 1) * gap,
  };
  if (headerHeight > 0) {
    const header = `<svg xmlns="http://www.w3.org/2000/svg" width="${picture.width}" height="${headerHeight}"><rect width="100%" height="100%" fill="hsl(${Math.round(between(random, 0, 360))},40%,30%)"/></svg>`;
    layers.unshift({ input: Buffer.from(header), left: 0, top: 0 }, { input: textBars(Math.max(40, Math.min(300, picture.width - 24)), 20, 1, '#dddddd'), left: 12, top: 10 });
  }
  const canvas = sharp({ create: { ...picture, channels: 3, background } }).composite(layers);
  const encoded = random() < 0.5 ? canvas.png() : canvas.jpeg({ quality: Math.round(between(random, 70, 95)) });
  const bytes = await encoded.toBuffer();
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), rows, columns, count: rows * columns };
}
