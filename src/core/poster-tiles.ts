/**
 * Finds several posters side by side in one picture: a Letterboxd "four favourites" screenshot, a row of posters
 * someone lined up, a watchlist grid. Read whole, such a picture is one poster to the models and gets one blended
 * answer ("Drama, Comedy, Crime, 6.5") that is about none of the films. The finder is the poster finder's idea
 * (whatever the picture's edge reaches through smooth colour is background) asked for every poster instead of the
 * largest, and stricter: two or more portrait blocks of about one size (one of them solid, to set the size), lined
 * up in rows, with background around them. A poster whose own design has panels on a plain ground is the risk, so
 * the bot also asks the gate about each tile (see `MovieBot`).
 */
import { backgroundMask, backgroundShareOutside, connectedBlocks, openMask, type Region, type RgbImage } from './poster-region.js';

export interface TileRules {
  /** Largest colour step between neighbouring background pixels (as for the single poster). */
  readonly backgroundStep: number;
  /** Side of the opening that erases captions and thin lines between tiles. */
  readonly opening: number;
  /** Smallest tile, as a share of the picture. */
  readonly minAreaShare: number;
  /** A clear tile, which sets the tiles' size, is a solid block: its pixels over its bounding box. */
  readonly clearFill: number;
  /** Any tile, once the size is set: a poster whose edge is the background's colour loses some of its pixels. */
  readonly minFill: number;
  /** Width over height of a tile: posters and DVD covers, not photos. */
  readonly aspect: readonly [number, number];
  /** How far a tile's width and height may be from the clear tiles' median, as a share of it. */
  readonly sizeTolerance: number;
  /** Largest share of the picture that may be neither background nor a tile (captions, a header bar). */
  readonly maxOtherShare: number;
  /** At least this many clear tiles: they set the tiles' size. */
  readonly minClearTiles: number;
  /** At least this many tiles of that size in all, or the picture is one poster. */
  readonly minTiles: number;
  /** A block of posters too close to part is cut in at most this many tiles. */
  readonly maxCut: number;
  /** Grid cells taken back as posters the background ate into: at most this share of the tiles found (at least one). */
  readonly maxGuessedShare: number;
}

/**
 * Fewer tiles than this that the gate takes for posters, and the picture is read whole: a poster's own panels could
 * pass for tiles, posters laid out side by side pass as posters.
 */
export const MIN_TILE_POSTERS = 2;

/** The most posters of one picture answered: a wall of twenty gets its first ten (ten cards fit in one chat message). */
export const MAX_TILES_READ = 10;

export const TILE_RULES: TileRules = {
  backgroundStep: 5,
  opening: 3,
  minAreaShare: 0.02,
  clearFill: 0.85,
  minFill: 0.6,
  aspect: [0.58, 0.78],
  sizeTolerance: 0.12,
  maxOtherShare: 0.15,
  minClearTiles: 1,
  minTiles: 2,
  maxCut: 4,
  maxGuessedShare: 0.5,
};

/**
 * The posters of a picture that shows several on a background, in reading order (rows top to bottom, each left to
 * right), in the picture's pixels; empty when it does not (the picture is then one poster, or a poster in a photo).
 */
export function findPosterTiles(image: RgbImage, rules: TileRules = TILE_RULES): Region[] {
  const { width, height } = image;
  const background = backgroundMask(image, rules.backgroundStep);
  const foreground = openMask(background.map((b) => 1 - b), width, height, rules.opening);
  const blocks = connectedBlocks(foreground, width).filter(({ region }) => region.width * region.height >= rules.minAreaShare * width * height);
  const clear = blocks.filter(({ region, pixels }) => {
    const aspect = region.width / region.height;
    return pixels / (region.width * region.height) >= rules.clearFill && aspect >= rules.aspect[0] && aspect <= rules.aspect[1];
  });
  if (clear.length < rules.minClearTiles) return [];
  const tileWidth = median(clear.map(({ region }) => region.width));
  const tileHeight = median(clear.map(({ region }) => region.height));
  const near = (length: number, tile: number) => Math.abs(length - tile) <= rules.sizeTolerance * tile;
  // Posters a gap or two pixels wide apart are one block here: a block k tiles wide and m tall is cut in k x m.
  const tiles = blocks.flatMap(({ region, pixels }) => {
    const [across, down] = [Math.round(region.width / tileWidth), Math.round(region.height / tileHeight)];
    const fits = across >= 1 && down >= 1 && near(region.width / across, tileWidth) && near(region.height / down, tileHeight);
    return fits && across * down <= rules.maxCut && pixels / (region.width * region.height) >= rules.minFill ? cut(region, across, down) : [];
  });
  if (tiles.length < rules.minTiles) return [];
  const missing = missingCells(tiles, background, width, height);
  // A grid mostly guessed is a poster's own pattern, not posters laid out.
  if (missing.length > Math.max(1, Math.floor(tiles.length * rules.maxGuessedShare))) return [];
  tiles.push(...missing);
  if (!inRows(tiles)) return [];
  const other = 1 - backgroundShareOutside(background, width, ...tiles);
  const outsideShare = 1 - tiles.reduce((sum, tile) => sum + tile.width * tile.height, 0) / (width * height);
  if (other * outsideShare > rules.maxOtherShare) return [];
  return readingOrder(tiles);
}

/**
 * The cells of the tiles' grid that hold no tile but are mostly not background: a poster whose edge is the
 * background's colour, which the background ate into. The grid's rows and columns are the tiles' own, every pitch
 * (the smallest step between them) further while inside the picture.
 */
function missingCells(tiles: readonly Region[], background: Uint8Array, width: number, height: number): Region[] {
  const [tileWidth, tileHeight] = [median(tiles.map((t) => t.width)), median(tiles.map((t) => t.height))];
  const cells: Region[] = [];
  for (const top of gridLines(tiles.map((t) => t.top), tileHeight, height)) {
    for (const left of gridLines(tiles.map((t) => t.left), tileWidth, width)) {
      const cell = { left, top, width: tileWidth, height: tileHeight };
      const taken = tiles.some((t) => Math.abs(t.left - left) <= tileWidth / 2 && Math.abs(t.top - top) <= tileHeight / 2);
      if (!taken && backgroundShareInside(background, width, cell) < 0.75) cells.push(cell);
    }
  }
  return cells;
}

/** Where a grid's rows (or columns) of `size`-long tiles start, from those of the tiles found, within `extent`. */
function gridLines(starts: readonly number[], size: number, extent: number): number[] {
  const lines = [...starts].sort((a, b) => a - b).filter((start, i, all) => i === 0 || start - all[i - 1]! > size / 2);
  if (lines.length < 2) return lines;
  const pitch = Math.min(...lines.slice(1).map((line, i) => line - lines[i]!));
  const first = lines[0]! - Math.floor(lines[0]! / pitch) * pitch;
  const all: number[] = [];
  for (let line = first; line + size <= extent; line += pitch) all.push(Math.round(line));
  return all;
}

function backgroundShareInside(background: Uint8Array, width: number, region: Region): number {
  let sum = 0;
  for (let y = region.top; y < region.top + region.height; y++) {
    for (let x = region.left; x < region.left + region.width; x++) sum += background[y * width + x]!;
  }
  return sum / (region.width * region.height);
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `region` cut into `across` x `down` equal tiles. */
function cut(region: Region, across: number, down: number): Region[] {
  const [width, height] = [Math.floor(region.width / across), Math.floor(region.height / down)];
  return Array.from({ length: across * down }, (_, i) => ({
    left: region.left + (i % across) * Math.round(region.width / across),
    top: region.top + Math.floor(i / across) * Math.round(region.height / down),
    width, height,
  }));
}

/** Whether every tile shares its row with another, or the tiles form one column: posters laid out, not scattered. */
function inRows(tiles: readonly Region[]): boolean {
  const sameRow = (a: Region, b: Region) => Math.abs(a.top - b.top) <= 0.15 * Math.max(a.height, b.height);
  const sameColumn = (a: Region, b: Region) => Math.abs(a.left - b.left) <= 0.15 * Math.max(a.width, b.width);
  return tiles.every((tile) => tiles.some((other) => other !== tile && sameRow(tile, other)))
    || tiles.every((tile) => tiles.every((other) => sameColumn(tile, other)));
}

/** Rows top to bottom (a tile starting within half a tile's height of a row's first joins it), each left to right. */
function readingOrder(tiles: readonly Region[]): Region[] {
  const rows: Region[][] = [];
  for (const tile of [...tiles].sort((a, b) => a.top - b.top)) {
    const row = rows.find(([first]) => Math.abs(first!.top - tile.top) <= first!.height / 2);
    if (row === undefined) rows.push([tile]);
    else row.push(tile);
  }
  return rows.flatMap((row) => row.sort((a, b) => a.left - b.left));
}
