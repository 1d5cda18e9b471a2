import sharp from 'sharp';
import { type DecodedPoster, MAX_POSTER_PIXELS, type PictureSize, POSTER_BACKGROUND } from './image.js';
import type { PosterExplanation } from './predictions.js';
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

/** The poster as the overlay shows it: the whole image, upright, transparency on white, at most 512 px. */
const overlayBase = (posterBytes: Uint8Array) =>
  sharp(posterBytes, { pages: 1, limitInputPixels: MAX_POSTER_PIXELS })
    .rotate()
    .flatten({ background: POSTER_BACKGROUND })
    .resize(OVERLAY_MAX_SIDE, OVERLAY_MAX_SIDE, { fit: 'inside', withoutEnlargement: true });

/** A small JPEG of the poster, all a later heat map needs (see {@link RecentPosters}). */
export const posterThumbnail = (posterBytes: Uint8Array): Promise<Buffer> => overlayBase(posterBytes).jpeg({ quality: 85 }).toBuffer();

/** The poster (see {@link overlayBase}) with the heat map's colours laid over it, the grid stretched smoothly over the whole image: a PNG. */
export async function heatmapOverlay(posterBytes: Uint8Array, grid: readonly (readonly number[])[]): Promise<Buffer> {
  const poster = await overlayBase(posterBytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = poster.info;
  const cells = colourGrid(grid);
  const heat = await sharp(cells.data, { raw: { width: cells.width, height: cells.height, channels: 4 } })
    .resize(width, height, { fit: 'fill', kernel: 'cubic' })
    .png()
    .toBuffer();
  return sharp(poster.data, { raw: { width, height, channels: 3 } }).composite([{ input: heat }]).png().toBuffer();
}

/** Cells across the whole picture when the heat map of a cut-out poster is laid back onto it. */
const PICTURE_GRID_CELLS = 28;

/**
 * The heat map of a poster cut out of a bigger picture (see `locatePoster`) as a grid over the whole picture, row 0
 * at the top: each cell takes the heat under its centre, cold (0) outside the poster. Without a region, the grid as
 * it is: it already covers the whole picture.
 */
export function gridOverPicture(grid: readonly (readonly number[])[], region: Region | undefined, picture: PictureSize): number[][] {
  if (region === undefined) return grid.map((row) => [...row]);
  const rows = grid.length;
  const columns = grid[0]?.length ?? 0;
  const heatAt = (x: number, y: number): number => {
    const [u, v] = [(x - region.left) / region.width, (y - region.top) / region.height];
    if (u < 0 || u >= 1 || v < 0 || v >= 1) return 0;
    return grid[Math.floor(v * rows)]?.[Math.floor(u * columns)] ?? 0;
  };
  return Array.from({ length: PICTURE_GRID_CELLS }, (_, r) =>
    Array.from({ length: PICTURE_GRID_CELLS }, (_, c) =>
      heatAt(((c + 0.5) / PICTURE_GRID_CELLS) * picture.width, ((r + 0.5) / PICTURE_GRID_CELLS) * picture.height)));
}

/** A heat map of the pixels `decoded` read, as a heat map of the whole picture they were read from. */
export function heatmapOverPicture(heatmap: PosterExplanation, { region, picture }: Pick<DecodedPoster, 'region' | 'picture'>): PosterExplanation {
  return region === undefined ? heatmap : { ...heatmap, grid: gridOverPicture(heatmap.grid, region, picture) };
}
