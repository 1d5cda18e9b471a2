/**
 * The poster gate's examples: posters (clean, and as people post them) against non-posters. Every item is an
 * image file, so features come from the same decode and backbone code as serving and land in the feature cache.
 */
import { createHash } from 'node:crypto';
import { access, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isValidation } from '../../../data/split.js';
import { type Poster, splitPosters } from '../../../data/posters.js';
import type { ImageItem } from './decode-files.js';
import { inTheWild, WILD_EXTENSION, WILD_KINDS, type WildKind } from './in-the-wild.js';

/**
 * Non-posters get the in-the-wild treatment too (a phone photo of a chart, a screenshot around a photo), so the
 * gate cannot learn "photographed or framed means poster".
 */
export type GateSource = 'poster' | 'wild-poster' | 'non-poster' | 'wild-non-poster';

export const isPosterItem = (item: Pick<GateItem, 'source'>): boolean => item.source === 'poster' || item.source === 'wild-poster';

export interface GateItem extends ImageItem {
  readonly source: GateSource;
  readonly split: 'train' | 'validation';
  /** The poster id (clean and wild posters), or the non-poster's source group (clean and wild non-posters). */
  readonly origin: string;
  readonly wildKind?: WildKind;
}

/** Share of non-poster source groups held out for validation (whole groups: a wallpaper's sizes stay together). */
export const NON_POSTER_VALIDATION_FRACTION = 0.2;
const NON_POSTER_SPLIT_SEED = 'moviebot-non-posters';

function hashNumber(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}

/** The non-poster set written by scripts/non-posters/build.sh: `sources.tsv` (file, group, source) and `images/`. */
export async function readNonPosters(dir: string): Promise<GateItem[]> {
  const lines = (await readFile(join(dir, 'sources.tsv'), 'utf8')).split('\n').slice(1).filter(Boolean);
  return lines.map((line) => {
    const [file = '', group = ''] = line.split('\t');
    return {
      id: `non-poster:${file}`,
      imagePath: join(dir, 'images', file),
      source: 'non-poster',
      split: isValidation(group, NON_POSTER_VALIDATION_FRACTION, NON_POSTER_SPLIT_SEED) ? 'validation' : 'train',
      origin: group,
    };
  });
}

/** Up to `count` items, a deterministic sample (by id hash) so reruns pick the same ones. */
export function samplePosters<T extends { readonly id: string }>(items: readonly T[], count: number, salt: string): T[] {
  return [...items].sort((a, b) => hashNumber(`${salt}:${a.id}`) - hashNumber(`${salt}:${b.id}`)).slice(0, count);
}

export function cleanPosterItems(posters: readonly Poster[], split: GateItem['split']): GateItem[] {
  return posters.map((poster) => ({ id: poster.id, imagePath: poster.imagePath, source: 'poster', split, origin: poster.id }));
}

/**
 * One in-the-wild picture of each item, the kinds taking turns, written once into `dir` (outside the repo) and
 * reused by later runs: the files are deterministic given the item and its seed.
 */
export async function wildItems(sources: readonly GateItem[], dir: string): Promise<GateItem[]> {
  await mkdir(dir, { recursive: true });
  const items: GateItem[] = [];
  for (const [index, item] of sources.entries()) {
    const kind = WILD_KINDS[index % WILD_KINDS.length]!;
    const id = `wild:${item.id}:${kind}`;
    const imagePath = join(dir, `${item.id.replaceAll(/[^\w.-]/g, '_')}-${kind}.${WILD_EXTENSION[kind]}`);
    const exists = await access(imagePath).then(() => true, () => false);
    if (!exists) {
      const image = await inTheWild(await readFile(item.imagePath), kind, hashNumber(id)).catch(() => undefined);
      if (!image) continue;
      await writeFile(imagePath, image.bytes);
    }
    items.push({ ...item, id, imagePath, source: item.source === 'poster' ? 'wild-poster' : 'wild-non-poster', wildKind: kind });
  }
  return items;
}

export interface GateDataPlan {
  readonly trainPosters: number;
  readonly validationPosters: number;
  readonly trainWild: number;
  readonly validationWild: number;
  /** In-the-wild pictures of non-posters, from each split's own groups. */
  readonly trainWildNonPosters: number;
  readonly validationWildNonPosters: number;
}

/**
 * Every gate item: training-split posters (clean and wild) and training non-poster groups for fitting;
 * validation-split posters (clean, and others wild) and the validation non-poster groups for measuring.
 */
export async function gateItems(posters: readonly Poster[], nonPosterDir: string, wildDir: string, plan: GateDataPlan): Promise<GateItem[]> {
  const { train, validation } = splitPosters(posters);
  const nonPosters = await readNonPosters(nonPosterDir);
  const nonPostersOf = (split: GateItem['split']) => nonPosters.filter((item) => item.split === split);
  return [
    ...cleanPosterItems(samplePosters(train, plan.trainPosters, 'gate'), 'train'),
    ...(await wildItems(cleanPosterItems(samplePosters(train, plan.trainWild, 'gate'), 'train'), wildDir)),
    ...nonPosters,
    ...(await wildItems(samplePosters(nonPostersOf('train'), plan.trainWildNonPosters, 'gate'), wildDir)),
    ...cleanPosterItems(samplePosters(validation, plan.validationPosters, 'gate'), 'validation'),
    ...(await wildItems(cleanPosterItems(samplePosters(validation, plan.validationWild, 'gate'), 'validation'), wildDir)),
    ...(await wildItems(samplePosters(nonPostersOf('validation'), plan.validationWildNonPosters, 'gate'), wildDir)),
  ];
}
