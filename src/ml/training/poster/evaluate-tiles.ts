/**
 * Measures the answer to a picture of several posters through the serving predictor, as the bot gives it: pictures
 * laid out from validation posters get an answer per poster (and agree with each poster sent alone), while single
 * posters, clean and in the wild, are never split.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { cutPosterTiles, decodePoster } from '../../../core/image.js';
import { MAX_TILES_READ, MIN_TILE_POSTERS } from '../../../core/poster-tiles.js';
import { failsPosterGate, type PosterResult } from '../../../core/predictions.js';
import { loadPosterDataset, splitPosters, type Poster } from '../../../data/posters.js';
import { seededShuffle } from '../../../util/seeded-random.js';
import { mean, median } from '../metrics.js';
import { loadPosterPredictor, type DisposablePosterPredictor } from '../../serving/poster/predictor.js';
import { inTheWild, WILD_KINDS } from './in-the-wild.js';
import { MAX_GRID_POSTERS, posterGrid, WALL_SHAPE } from './poster-grids.js';

export interface TileEvaluationOptions {
  /** Pictures of several posters to lay out. */
  readonly pictures: number;
  /** Walls of posters (5 x 4) to lay out. */
  readonly walls: number;
  /** Every how many posters a single poster is checked for splits, clean (1: all of them). */
  readonly cleanStride: number;
  /** ... and in each way people post posters. */
  readonly wildStride: number;
  readonly seed: number;
}

const sharedTop3 = (a: PosterResult, b: PosterResult): number => a.top3.filter(([genre]) => b.top3.some(([other]) => other === genre)).length;

async function read(predictor: DisposablePosterPredictor, images: readonly Uint8Array[]): Promise<PosterResult[]> {
  if (images.length === 0) return [];
  return predictor.predict(await Promise.all(images.map((bytes) => decodePoster(bytes, predictor.inputSize))));
}

/** The tiles the bot would answer one by one: none unless enough of them pass the gate. */
async function answeredTiles(predictor: DisposablePosterPredictor, bytes: Uint8Array): Promise<{ found: number; answers: Array<PosterResult | undefined> }> {
  const { found, tiles } = await cutPosterTiles(bytes);
  const results = await read(predictor, tiles);
  const answers = results.map((result) => (failsPosterGate(result) ? undefined : result));
  return { found, answers: answers.filter(Boolean).length >= MIN_TILE_POSTERS ? answers : [] };
}

interface Layout {
  readonly pictures: number;
  readonly seed: number;
  /** Every picture this shape; a shape drawn for each when absent. */
  readonly shape?: readonly [number, number];
}

async function gridFigures(predictor: DisposablePosterPredictor, posters: readonly Poster[], layout: Layout, log: (msg: string) => void) {
  const order = seededShuffle(posters, layout.seed);
  const perPicture = layout.shape === undefined ? MAX_GRID_POSTERS : layout.shape[0] * layout.shape[1];
  const figures = { answered: 0, rightCount: 0, tilesAnswered: 0, tilesGatedOut: 0, sharedTiles: [] as number[], sharedWhole: [] as number[], offTiles: [] as number[], offWhole: [] as number[] };
  for (let i = 0; i < layout.pictures; i++) {
    const start = (i * perPicture) % Math.max(1, order.length - perPicture);
    const files = await Promise.all(order.slice(start, start + perPicture).map((poster) => readFile(poster.imagePath)));
    const grid = await posterGrid(files, layout.seed + i, layout.shape);
    // Of a wall, only the posters the bot reads.
    const alone = await read(predictor, files.slice(0, Math.min(grid.count, MAX_TILES_READ)));
    const [whole] = await read(predictor, [grid.bytes]);
    for (const result of alone) {
      figures.sharedWhole.push(sharedTop3(whole!, result));
      figures.offWhole.push(Math.abs(whole!.rating - result.rating));
    }
    const { found, answers } = await answeredTiles(predictor, grid.bytes);
    if (answers.length > 0) figures.answered += 1;
    if (answers.length > 0 && found === grid.count) {
      figures.rightCount += 1;
      answers.forEach((answer, index) => {
        if (answer === undefined) return void (figures.tilesGatedOut += 1);
        figures.tilesAnswered += 1;
        figures.sharedTiles.push(sharedTop3(answer, alone[index]!));
        figures.offTiles.push(Math.abs(answer.rating - alone[index]!.rating));
      });
    }
    if (i % 20 === 19) log(`several posters: ${i + 1} pictures, ${figures.answered} answered per poster`);
  }
  return {
    pictures: layout.pictures,
    answeredPerPoster: figures.answered,
    answeredWithRightCount: figures.rightCount,
    tilesAnswered: figures.tilesAnswered,
    tilesGatedOut: figures.tilesGatedOut,
    top3SharedWithAlone: mean(figures.sharedTiles),
    top3SharedWithAloneWhenReadWhole: mean(figures.sharedWhole),
    ratingOffAlone: mean(figures.offTiles),
    ratingOffAloneWhenReadWhole: mean(figures.offWhole),
  };
}

/** Single posters split into several answers by mistake, clean and in each way people post them. */
async function splitFigures(predictor: DisposablePosterPredictor, posters: readonly Poster[], options: TileEvaluationOptions, log: (msg: string) => void) {
  const [clean, wild, searchMs] = [{ checked: 0, split: 0 }, { checked: 0, split: 0 }, [] as number[]];
  const check = async (bytes: Uint8Array, tally: { checked: number; split: number }) => {
    const started = performance.now();
    const { answers } = await answeredTiles(predictor, bytes);
    searchMs.push(performance.now() - started);
    tally.checked += 1;
    if (answers.length > 0) tally.split += 1;
  };
  for (const [i, poster] of posters.entries()) {
    const checkClean = i % options.cleanStride === 0;
    const checkWild = i % options.wildStride === 0;
    if (!checkClean && !checkWild) continue;
    const bytes = await readFile(poster.imagePath);
    // An unreadable file is the data's problem, counted by the training loaders, not a split.
    if (checkClean) await check(bytes, clean).catch(() => undefined);
    if (checkWild) for (const kind of WILD_KINDS) await inTheWild(bytes, kind, i + 1).then((image) => check(image.bytes, wild)).catch(() => undefined);
    if (i % 1000 === 999) log(`single posters: ${i + 1} of ${posters.length}, ${clean.split + wild.split} split`);
  }
  return {
    singlePostersChecked: clean.checked,
    singlePostersSplit: clean.split,
    inTheWildChecked: wild.checked,
    inTheWildSplit: wild.split,
    tileSearchMedianMs: Math.round(median(searchMs)),
  };
}

export async function evaluateTiles(modelsDir: string, dataDir: string, options: TileEvaluationOptions, log: (msg: string) => void): Promise<Record<string, number>> {
  const predictor = await loadPosterPredictor(modelsDir);
  try {
    const { posters } = await loadPosterDataset(dataDir);
    const { validation } = splitPosters(posters);
    const walls = await gridFigures(predictor, validation, { pictures: options.walls, seed: options.seed + 10_000, shape: WALL_SHAPE }, log);
    return {
      ...(await gridFigures(predictor, validation, options, log)),
      ...Object.fromEntries(Object.entries(walls).map(([name, value]) => [`walls.${name}`, value])),
      ...(await splitFigures(predictor, posters, options, log)),
    };
  } finally {
    await predictor.dispose();
  }
}
