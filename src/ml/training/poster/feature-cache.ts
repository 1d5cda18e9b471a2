/**
 * Frozen-backbone features of every poster, computed once and kept on disk (`.cache/`, never committed), so
 * head experiments and retraining take seconds instead of the ~15 minutes a backbone pass over 6,000 posters
 * costs on two cores. Rows are appended per batch, so an interrupted run resumes where it stopped.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { decodePosterFiles, firstLine, type ImageItem } from './decode-files.js';
import type { PosterBackbone } from '../../serving/poster/backbone.js';
import { extractViewFeatures, pixelsToBatch, type PosterView } from '../../serving/poster/features.js';

export interface FeatureSpec {
  /** Everything that changes the numbers: backbone, taps, views, input size, scale. */
  readonly key: Readonly<Record<string, unknown>>;
  readonly inputSize: number;
  readonly scale: number;
  readonly views: readonly PosterView[];
  readonly dim: number;
}

/** The cache identity of a backbone's features; `decode` names the image preprocessing, which changes them too. */
export function featureSpec({ config, featureDim }: PosterBackbone): FeatureSpec {
  return { key: { ...config, decode: 'decodePoster fill v2, poster located in the frame' }, inputSize: config.inputSize, scale: config.scale, views: config.views, dim: featureDim };
}

export interface FeatureTable {
  /** Ids with features, in row order. */
  readonly ids: string[];
  /** ids.length x views x dim. */
  readonly data: Float32Array;
  readonly dim: number;
  readonly views: readonly PosterView[];
  /** The views serving averages, when fewer than `views`: the others only augment training (`eachView`). */
  readonly served?: readonly PosterView[];
  /** Posters whose image could not be read or decoded, with the reason; they get no row. */
  readonly unreadable: Array<{ id: string; reason: string }>;
}

const BATCH = 32;

function cacheFolder(root: string, spec: FeatureSpec): string {
  const digest = createHash('sha256').update(JSON.stringify(spec.key)).digest('hex').slice(0, 16);
  return join(root, digest);
}

async function readExisting(dir: string, rowFloats: number): Promise<{ ids: string[]; data: Float32Array; unreadable: FeatureTable['unreadable'] }> {
  const ids = (await readFile(join(dir, 'ids.txt'), 'utf8').catch(() => '')).split('\n').filter(Boolean);
  const bytes = await readFile(join(dir, 'features.f32')).catch(() => Buffer.alloc(0));
  const rows = Math.min(ids.length, Math.floor(bytes.byteLength / (rowFloats * 4)));
  const data = new Float32Array(rows * rowFloats);
  new Uint8Array(data.buffer).set(bytes.subarray(0, rows * rowFloats * 4));
  const unreadable = (await readFile(join(dir, 'unreadable.jsonl'), 'utf8').catch(() => ''))
    .split('\n').filter(Boolean).map((line) => JSON.parse(line) as { id: string; reason: string });
  return { ids: ids.slice(0, rows), data, unreadable };
}

/**
 * Features for `items` (and no other cached rows) from the cache under `root`, extracting (and appending) whatever
 * is missing with `extractor`. Unreadable images are recorded and skipped, never fatal.
 */
export async function loadOrExtractFeatures(
  items: readonly ImageItem[],
  extractor: tf.LayersModel,
  spec: FeatureSpec,
  root: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<FeatureTable> {
  const dir = cacheFolder(root, spec);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'spec.json'), JSON.stringify(spec, null, 2));
  const rowFloats = spec.views.length * spec.dim;
  const existing = await readExisting(dir, rowFloats);
  // Rewrite the id list so a torn last row from an interrupted run is dropped.
  await writeFile(join(dir, 'ids.txt'), existing.ids.map((id) => `${id}\n`).join(''));
  await writeFile(join(dir, 'features.f32'), new Uint8Array(existing.data.buffer));
  const known = new Set([...existing.ids, ...existing.unreadable.map((u) => u.id)]);
  const todo = items.filter((item) => !known.has(item.id));
  const chunks: Float32Array[] = [existing.data];
  const ids = [...existing.ids];
  const unreadable = [...existing.unreadable];
  for (let start = 0; start < todo.length; start += BATCH) {
    const batchItems = todo.slice(start, start + BATCH);
    const decoded = await decodePosterFiles(batchItems, spec.inputSize);
    const good = batchItems.filter((_, i) => !(decoded[i] instanceof Error));
    const failed = batchItems.flatMap((item, i) => {
      const result = decoded[i];
      return result instanceof Error ? [{ id: item.id, reason: firstLine(result) }] : [];
    });
    unreadable.push(...failed);
    await appendFile(join(dir, 'unreadable.jsonl'), failed.map((u) => `${JSON.stringify(u)}\n`).join(''));
    if (good.length > 0) {
      const pixels = decoded.filter((d): d is Uint8Array => !(d instanceof Error));
      const batch = pixelsToBatch(pixels, spec.inputSize, spec.scale);
      const perView = extractViewFeatures(extractor, batch, spec.views);
      batch.dispose();
      const rows = new Float32Array(good.length * rowFloats);
      for (let r = 0; r < good.length; r++) {
        perView.forEach((features, v) => rows.set(features.subarray(r * spec.dim, (r + 1) * spec.dim), r * rowFloats + v * spec.dim));
      }
      await appendFile(join(dir, 'features.f32'), new Uint8Array(rows.buffer));
      await appendFile(join(dir, 'ids.txt'), good.map((item) => `${item.id}\n`).join(''));
      chunks.push(rows);
      ids.push(...good.map((item) => item.id));
    }
    onProgress(Math.min(start + BATCH, todo.length), todo.length);
  }
  const data = new Float32Array(ids.length * rowFloats);
  let offset = 0;
  for (const chunk of chunks) {
    data.set(chunk, offset);
    offset += chunk.length;
  }
  return onlyRequested({ ids, data, dim: spec.dim, views: spec.views, unreadable }, items);
}

/** A cache shared between runs holds other images too (validation posters, other plans): keep the requested ones. */
function onlyRequested(table: FeatureTable, items: readonly ImageItem[]): FeatureTable {
  const requested = new Set(items.map((item) => item.id));
  const rows = table.ids.flatMap((id, row) => (requested.has(id) ? [row] : []));
  if (rows.length === table.ids.length) return table;
  const rowFloats = table.views.length * table.dim;
  const data = new Float32Array(rows.length * rowFloats);
  rows.forEach((row, r) => data.set(table.data.subarray(row * rowFloats, (row + 1) * rowFloats), r * rowFloats));
  return { ...table, ids: rows.map((row) => table.ids[row]!), data, unreadable: table.unreadable.filter(({ id }) => requested.has(id)) };
}
