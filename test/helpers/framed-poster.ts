import sharp from 'sharp';
import { noise } from './image-corpus.js';

/** A poster-like picture: coarse coloured blocks (as a poster's shapes and lettering), deterministic. */
export async function texturedPoster(width: number, height: number, seed = 'poster'): Promise<Buffer> {
  const cells = noise(Math.ceil(width / 8) * Math.ceil(height / 8) * 3, seed);
  return sharp(cells, { raw: { width: Math.ceil(width / 8), height: Math.ceil(height / 8), channels: 3 } })
    .resize(width, height, { kernel: 'nearest' })
    .png()
    .toBuffer();
}

/** Where a fixture poster was laid, in the page's pixels. */
export interface Placement {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A light page with a header bar and grey text lines, the poster set into it: a screenshot of a film site. */
export async function posterOnPage(poster: Placement, page = { width: 800, height: 600 }): Promise<Buffer> {
  const lines = Array.from({ length: 14 }, (_, i) => `<rect x="${40 + ((i * 37) % 200)}" y="${80 + i * 34}" width="${180 + ((i * 53) % 160)}" height="10" fill="#ccc"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${page.width}" height="${page.height}"><rect width="100%" height="100%" fill="#fafafa"/>
    <rect width="100%" height="50" fill="#3a5f8a"/>${lines}</svg>`;
  const image = await texturedPoster(poster.width, poster.height);
  return sharp(Buffer.from(svg)).composite([{ input: image, left: poster.left, top: poster.top }]).png().toBuffer();
}

/** Intersection over union of two boxes (in any one unit: pixels or fractions of the picture). */
export function boxOverlap(a: Placement, b: Placement): number {
  const x = Math.max(0, Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left));
  const y = Math.max(0, Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top));
  return (x * y) / (a.width * a.height + b.width * b.height - x * y);
}

/** How a fixture lays several posters out, as a "four favourites" screenshot or a watchlist grid does. */
export interface PosterGrid {
  readonly rows: number;
  readonly columns: number;
  readonly poster?: { readonly width: number; readonly height: number };
  readonly gap?: number;
  readonly margin?: number;
  readonly background?: string;
  /** Poster indexes (reading order) whose outer edge is painted the background's colour. */
  readonly edgeLikeBackground?: readonly number[];
}

/** Several distinct posters on a plain background, and where each was laid (reading order). */
export async function postersInGrid(grid: PosterGrid): Promise<{ picture: Buffer; placed: Placement[] }> {
  const { width, height } = grid.poster ?? { width: 150, height: 225 };
  const [gap, margin, background] = [grid.gap ?? 16, grid.margin ?? 24, grid.background ?? '#14181c'];
  const placed: Placement[] = [];
  const layers: sharp.OverlayOptions[] = [];
  for (let index = 0; index < grid.rows * grid.columns; index++) {
    const place = { left: margin + (index % grid.columns) * (width + gap), top: margin + Math.floor(index / grid.columns) * (height + gap), width, height };
    let poster = await texturedPoster(width, height, `poster-${index}`);
    if (grid.edgeLikeBackground?.includes(index)) {
      const inner = await sharp(poster).extract({ left: 12, top: 12, width: width - 24, height: height - 24 }).toBuffer();
      poster = await sharp(inner).extend({ top: 12, bottom: 12, left: 12, right: 12, background }).png().toBuffer();
    }
    placed.push(place);
    layers.push({ input: poster, left: place.left, top: place.top });
  }
  const size = { width: 2 * margin + grid.columns * width + (grid.columns - 1) * gap, height: 2 * margin + grid.rows * height + (grid.rows - 1) * gap };
  const picture = await sharp({ create: { ...size, channels: 3, background } }).composite(layers).png().toBuffer();
  return { picture, placed };
}
