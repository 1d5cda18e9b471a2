import sharp from 'sharp';
import { MAX_POSTER_PIXELS, POSTER_BACKGROUND } from './image.js';
import type { Region } from './poster-region.js';

/** Longest side of the overlay: enough to see the poster, small enough for a data URL in a JSON answer. */
const OVERLAY_MAX_SIDE = 512;
/** How much of the colour map shows at full heat; cold cells tint the poster less. */
const OVERLAY_OPACITY = 0.55;

/** Heat 0-1 to a blue-cyan-yellow-red colour (a "jet"-like map: cold is blue, hot is red). */
export function heatColour(heat: number): [number, number, number] {
  const h = Math.min(1, Math.max(0, heat));
  const channel = (centre: number) => Math.round(255 * Math.min(1, Math.max(0, 1.5 - Math.abs(4 * h - centre))));
  return [channel(3), channel(2), channel(1)];
}

/** The grid as a small RGBA image, one pixel per cell, translucency rising with heat. */
function colourGrid(grid: readonly (readonly number[])[]): { data: Buffer; width: number; height: number } {
  const height = grid.length;
  const width = grid[0]?.length ?? 0;
  const data = Buffer.alloc(width * height * 4);
  grid.forEach((row, y) => row.forEach((heat, x) => {
    const [r, g, b] = heatColour(heat);
    data.set([r, g, b, Math.round(255 * OVERLAY_OPACITY * (0.3 + 0.7 * Math.min(1, Math.max(0, heat))))], (y * width + x) * 4);
  }));
  return { data, width, height };
}

/**
 * The poster as read (the whole image upright, or the `region` the poster was found in; transparency on white, at
 * most 512 px) with the heat map's colours laid over it, the grid stretched smoothly over it: a PNG.
 */
export async function heatmapOverlay(posterBytes: Uint8Array, grid: readonly (readonly number[])[], region?: Region): Promise<Buffer> {
  const upright = sharp(posterBytes, { pages: 1, limitInputPixels: MAX_POSTER_PIXELS }).rotate();
  const poster = await (region === undefined ? upright : upright.extract(region))
    .flatten({ background: POSTER_BACKGROUND })
    .resize(OVERLAY_MAX_SIDE, OVERLAY_MAX_SIDE, { fit: 'inside', withoutEnlargement: true })
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height } = poster.info;
  const cells = colourGrid(grid);
  const heat = await sharp(cells.data, { raw: { width: cells.width, height: cells.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .png()
    .toBuffer();
  return sharp(poster.data, { raw: { width, height, channels: 3 } }).composite([{ input: heat }]).png().toBuffer();
}
