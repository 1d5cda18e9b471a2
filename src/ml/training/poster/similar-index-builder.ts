/**
 * Builds the "looks like" index (`models/similar/`) from the training split only: the genre model's backbone
 * features of every training poster, standardised with the genre head's own statistics, last block only, unit
 * length, quantised to int8 (one byte per dimension keeps ~5,000 posters under 8 MiB).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { loadMovieTitles } from '../../../data/movie-titles.js';
import { loadPosterDataset, splitPosters } from '../../../data/posters.js';
import { loadPosterBackbone } from '../../serving/poster/backbone.js';
import type { FeatureBlock } from '../../serving/poster/features.js';
import { readFeatureNorm, readPosterMetadata } from '../../serving/poster/metadata.js';
import {
  type BlockNorm, similarityEmbedding, SIMILAR_FILES, type SimilarIndexMetadata, type SimilarItem,
} from '../../serving/poster/similar-index.js';
import { featureSpec, loadOrExtractFeatures } from './feature-cache.js';
import { meanOverViews, type Matrix } from './feature-matrix.js';

export interface SimilarIndexFiles {
  readonly metadata: SimilarIndexMetadata;
  readonly items: readonly SimilarItem[];
  readonly codes: Int8Array;
  readonly norm: BlockNorm;
}

const EMBED_CHUNK = 256;

/** Feature rows (views averaged) to int8 codes: each row's unit embedding scaled so its largest entry is ±127. */
export function quantiseEmbeddings(features: Matrix, block: FeatureBlock, norm: BlockNorm): Int8Array {
  const codes = new Int8Array(features.rows * block.size);
  for (let start = 0; start < features.rows; start += EMBED_CHUNK) {
    const rows = Math.min(EMBED_CHUNK, features.rows - start);
    const chunk = features.data.subarray(start * features.cols, (start + rows) * features.cols);
    const embedded = tf.tidy(() => similarityEmbedding(tf.tensor2d(chunk, [rows, features.cols]), block, norm).dataSync());
    for (let r = 0; r < rows; r++) {
      const row = embedded.subarray(r * block.size, (r + 1) * block.size);
      const scale = 127 / Math.max(1e-12, ...Array.from(row, Math.abs));
      row.forEach((value, c) => { codes[(start + r) * block.size + c] = Math.round(value * scale); });
    }
  }
  return codes;
}

export async function writeSimilarIndex(dir: string, files: SimilarIndexFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  const norm = new Float32Array(files.norm.mean.length * 2);
  norm.set(files.norm.mean);
  norm.set(files.norm.std, files.norm.mean.length);
  await writeFile(join(dir, SIMILAR_FILES.codes), files.codes);
  await writeFile(join(dir, SIMILAR_FILES.norm), new Uint8Array(norm.buffer));
  await writeFile(join(dir, SIMILAR_FILES.items), `${JSON.stringify(files.items)}\n`);
  await writeFile(join(dir, SIMILAR_FILES.metadata), `${JSON.stringify(files.metadata, null, 2)}\n`);
}

export interface BuildSimilarOptions {
  readonly dataDir: string;
  /** The genre model whose backbone and feature standardisation the index shares. */
  readonly genreDir: string;
  readonly out: string;
  readonly cacheRoot: string;
  /** Index only the first N training posters (quick runs); all of them by default. */
  readonly limit?: number;
  /** Which of the genre backbone's pooled blocks to embed (e.g. `block_16_expand_relu/avg`); the last by default. */
  readonly block?: string;
  readonly builtWith: string;
  readonly log: (message: string) => void;
}

export async function buildSimilarIndex(options: BuildSimilarOptions): Promise<SimilarIndexMetadata> {
  const genre = await readPosterMetadata(options.genreDir);
  if (genre.backbone === undefined) throw new Error(`${options.genreDir} has no frozen backbone to index with`);
  const { train } = splitPosters((await loadPosterDataset(options.dataDir)).posters);
  const titles = await loadMovieTitles(options.dataDir);
  const posters = train.filter((poster) => titles.has(poster.id)).slice(0, options.limit);
  options.log(`indexing ${posters.length} training posters (${train.length - posters.length} skipped: untitled or over --limit)`);
  const backbone = await loadPosterBackbone(genre.backbone);
  const table = await loadOrExtractFeatures(posters, backbone.extractor, featureSpec(backbone), options.cacheRoot, (done, total) => {
    if (done % 256 === 0 || done === total) options.log(`features ${done}/${total}`);
  });
  backbone.extractor.dispose();
  const block = options.block === undefined ? backbone.blocks.at(-1)! : backbone.blocks.find((candidate) => candidate.name === options.block);
  if (block === undefined) throw new Error(`no block "${options.block}" in the genre backbone; it has ${backbone.blocks.map((b) => b.name).join(', ')}`);
  const genreNorm = await readFeatureNorm(options.genreDir);
  const norm = {
    mean: genreNorm.mean.slice(block.offset, block.offset + block.size),
    std: genreNorm.std.slice(block.offset, block.offset + block.size),
  };
  const codes = quantiseEmbeddings(meanOverViews(table, table.ids.map((_, i) => i)), block, norm);
  const items = table.ids.map((id) => ({ id, ...titles.get(id)! }));
  const metadata: SimilarIndexMetadata = {
    task: 'similar',
    backbone: genre.backbone,
    block,
    count: items.length,
    codes: 'int8 row-major (count x block.size), each row a unit embedding scaled to ±127',
    builtFrom: { genreModel: options.genreDir, genreTrainedWith: genre.trainedWith, genreDate: genre.date, data: options.dataDir, split: 'training', unreadable: table.unreadable.length },
    builtWith: options.builtWith,
    date: new Date().toISOString(),
  };
  await writeSimilarIndex(options.out, { metadata, items, codes, norm });
  return metadata;
}
