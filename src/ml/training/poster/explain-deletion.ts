/**
 * The deletion test for heat maps: greying out the image under the hottest cells should lower the explained
 * genre's probability much more than greying out as much of the image at random.
 */
import { seededRandom, seededShuffle } from '../../../util/seeded-random.js';

/** The share of the image greyed out, in whole heat-map cells (10 of 49 on a 7 x 7 grid). */
export const DELETION_FRACTION = 0.2;
const GREY = 128;

export function deletionCellCount(grid: readonly (readonly number[])[]): number {
  return Math.max(1, Math.round(grid.length * (grid[0]?.length ?? 0) * DELETION_FRACTION));
}

/** Cell indices (row * cols + col) from hottest to coldest; ties keep reading order, so the result is stable. */
export function hottestCells(grid: readonly (readonly number[])[], count: number): number[] {
  return grid.flat().map((heat, cell) => ({ heat, cell })).sort((a, b) => b.heat - a.heat || a.cell - b.cell).slice(0, count).map((c) => c.cell);
}

export function randomCells(grid: readonly (readonly number[])[], count: number, seed: number): number[] {
  return seededShuffle(grid.flat().map((_, cell) => cell), seed).slice(0, count);
}

/** A copy of square RGB pixels with the given cells of a rows x cols grid over the whole image set to mid grey. */
export function greyOutCells(pixels: Uint8Array, size: number, rows: number, cols: number, cells: readonly number[]): Uint8Array {
  const out = Uint8Array.from(pixels);
  for (const cell of cells) {
    const [row, col] = [Math.floor(cell / cols), cell % cols];
    const [top, bottom] = [Math.floor((row * size) / rows), Math.floor(((row + 1) * size) / rows)];
    const [left, right] = [Math.floor((col * size) / cols), Math.floor(((col + 1) * size) / cols)];
    for (let y = top; y < bottom; y++) out.fill(GREY, (y * size + left) * 3, (y * size + right) * 3);
  }
  return out;
}

export interface DeletionDrop {
  /** Probability lost when the hottest cells are greyed out. */
  readonly heat: number;
  /** Mean probability lost over `trials` random choices of as many cells. */
  readonly random: number;
}

/**
 * One image's deletion drops. `probability` scores a batch of images for the explained genre; it sees the
 * original, the heat-map deletion and the random deletions in one call.
 */
export async function deletionDrop(
  pixels: Uint8Array,
  size: number,
  grid: readonly (readonly number[])[],
  probability: (images: Uint8Array[]) => Promise<number[]>,
  seed: number,
  trials = 5,
): Promise<DeletionDrop> {
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const count = deletionCellCount(grid);
  const random = seededRandom(seed);
  const randomSets = Array.from({ length: trials }, () => randomCells(grid, count, Math.floor(random() * 2 ** 31)));
  const images = [pixels, greyOutCells(pixels, size, rows, cols, hottestCells(grid, count)), ...randomSets.map((cells) => greyOutCells(pixels, size, rows, cols, cells))];
  const [original, heat, ...randoms] = await probability(images);
  const randomDrops = randoms.map((p) => original! - p);
  return { heat: original! - heat!, random: randomDrops.reduce((a, b) => a + b, 0) / randomDrops.length };
}
