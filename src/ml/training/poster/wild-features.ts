/**
 * Backbone features of posters "in the wild" (phone photos, screenshots, ...): each poster's wild picture is made
 * once from its seed, written beside the cache, and run through the same preprocessing as the bot (decodePoster's
 * poster finder, then the backbone), so an invariance learnt from them is learnt on what serving sees.
 */
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { splitPosters } from '../../../data/posters.js';
import type { ImageItem } from './decode-files.js';
import { type FeatureSpec, type FeatureTable, loadOrExtractFeatures } from './feature-cache.js';
import { inTheWild, type WildKind } from './in-the-wild.js';

/** Which wild picture to make of one poster. */
export interface WildPlan {
  readonly kind: WildKind;
  readonly seed: number;
}

/** The kinds training posters' wild pictures take in turn: the genre head's wild rows and the "looks like" projection share them. */
export const TRAINING_WILD_KINDS: readonly WildKind[] = ['phone-photo', 'screenshot'];
/** Seeds start at 100,000 so no training picture repeats a validation one (evaluate:explain uses seeds 1..N). */
export const TRAINING_WILD_SEED_BASE = 100_000;

/**
 * The wild pictures of `count` training posters, `perPoster` rounds of one picture each: plan `r * count + i` is
 * poster i's picture of round r, of kind `kinds[(i + r) % kinds.length]`, so a second round gives each poster the
 * kind it lacks. Every plan has its own seed; round 0 is the same for any `perPoster`, so caches stay valid.
 */
export function trainingWildPlans(count: number, perPoster = 1, kinds: readonly WildKind[] = TRAINING_WILD_KINDS): WildPlan[] {
  return Array.from({ length: count * perPoster }, (_, k) => {
    const [round, i] = [Math.floor(k / count), k % count];
    return { kind: kinds[(i + round) % kinds.length]!, seed: TRAINING_WILD_SEED_BASE + k };
  });
}

/** The training-split posters that have a title, in data order: the "looks like" index and the wild pictures cover these. */
export function titledTrainingPosters<P extends { id: string }>(posters: readonly P[], titles: ReadonlyMap<string, unknown>): P[] {
  return splitPosters(posters).train.filter((poster) => titles.has(poster.id));
}

/** The cache id of a poster's wild picture: one cache holds every kind and seed. */
export const wildId = (posterId: string, plan: WildPlan): string => `${posterId}:${plan.kind}:${plan.seed}`;

/** The poster a wild picture's cache id was made from (the inverse of {@link wildId}). */
export const posterOfWildId = (id: string): string => id.split(':').slice(0, -2).join(':');

/** The kind of picture a wild cache id names. */
export const kindOfWildId = (id: string): string => id.split(':').at(-2) ?? '';

const GENERATE_BATCH = 8;
const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

/** Writes each wild picture under `dir` unless it is there already; returns them as feature-cache items. */
async function writeWildImages(
  posters: readonly ImageItem[],
  plans: readonly WildPlan[],
  dir: string,
  onProgress: (done: number, total: number) => void,
): Promise<ImageItem[]> {
  await mkdir(dir, { recursive: true });
  const items = posters.map((poster, i) => {
    const id = wildId(poster.id, plans[i]!);
    return { id, imagePath: join(dir, `${id}.img`), poster };
  });
  for (let start = 0; start < items.length; start += GENERATE_BATCH) {
    await Promise.all(items.slice(start, start + GENERATE_BATCH).map(async (item, k) => {
      if (await exists(item.imagePath)) return;
      const plan = plans[start + k]!;
      const wild = await inTheWild(await readFile(item.poster.imagePath), plan.kind, plan.seed).catch(() => undefined);
      // An unreadable source poster leaves an empty file, which the feature cache records as unreadable.
      await writeFile(item.imagePath, wild?.bytes ?? new Uint8Array());
    }));
    onProgress(Math.min(start + GENERATE_BATCH, items.length), items.length);
  }
  return items.map(({ id, imagePath }) => ({ id, imagePath }));
}

/** Features of `plans[i]`'s wild picture of `posters[i]`, cached under `root` (pictures in `root/images`). */
export async function loadOrExtractWildFeatures(
  posters: readonly ImageItem[],
  plans: readonly WildPlan[],
  extractor: tf.LayersModel,
  spec: FeatureSpec,
  root: string,
  log: (message: string) => void,
): Promise<FeatureTable> {
  const items = await writeWildImages(posters, plans, join(root, 'images'), (done, total) => {
    if (done % 256 === 0 || done === total) log(`wild pictures ${done}/${total}`);
  });
  return loadOrExtractFeatures(items, extractor, spec, join(root, 'features'), (done, total) => {
    if (done % 256 === 0 || done === total) log(`wild features ${done}/${total}`);
  });
}
