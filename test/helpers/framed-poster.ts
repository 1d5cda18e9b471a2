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
