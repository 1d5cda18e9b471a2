/**
 * Builds the "looks like" index (`models/similar/`) from the training split only: the genre model's backbone
 * features of every training poster (the poster alone, `GATE_AND_INDEX_VIEWS`), standardised with the genre head's
 * own statistics (one block or all of them), optionally through a projection learnt from wild pictures of the same
 * training posters, unit length, quantised to int8 (one byte per dimension keeps ~5,000 posters under 8 MiB).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { listedGenres } from '../../../core/genres.js';
import { loadMovieTitles } from '../../../data/movie-titles.js';
import { loadPosterDataset, splitPosters } from '../../../data/posters.js';
import { loadPosterBackbone } from '../../serving/poster/backbone.js';
import { type FeatureBlock, GATE_AND_INDEX_VIEWS } from '../../serving/poster/features.js';
import { readFeatureNorm, readPosterMetadata, writeMeanStd } from '../../serving/poster/metadata.js';
import {
  embeddingSize, type SimilarEmbedding, similarityEmbedder, SIMILAR_FILES, type SimilarIndexMetadata, type SimilarItem,
} from '../../serving/poster/similar-index.js';
import { featureSpec, loadOrExtractFeatures } from './feature-cache.js';
import { meanOverViews, type Matrix } from './feature-matrix.js';
import { trainSimilarProjection } from './similar-projection.js';
import { titledTrainingPosters } from './wild-features.js';

export interface SimilarIndexFiles {
  readonly metadata: SimilarIndexMetadata;
  readonly items: readonly SimilarItem[];
  readonly codes: Int8Array;
  readonly embedding: SimilarEmbedding;
}

const EMBED_CHUNK = 256;

/** Feature rows (views averaged) to int8 codes: each row's unit embedding scaled so its largest entry is ±127. */
export function quantiseEmbeddings(features: Matrix, embedding: SimilarEmbedding): Int8Array {
  const size = embeddingSize(embedding);
  const codes = new Int8Array(features.rows * size);
  const embedder = similarityEmbedder(embedding);
  for (let start = 0; start < features.rows; start += EMBED_CHUNK) {
    const rows = Math.min(EMBED_CHUNK, features.rows - start);
    const chunk = features.data.subarray(start * features.cols, (start + rows) * features.cols);
    const embedded = tf.tidy(() => embedder.embed(tf.tensor2d(chunk, [rows, features.cols])).dataSync());
    for (let r = 0; r < rows; r++) {
      const row = embedded.subarray(r * size, (r + 1) * size);
      const scale = 127 / Math.max(1e-12, ...Array.from(row, Math.abs));
      row.forEach((value, c) => { codes[(start + r) * size + c] = Math.round(value * scale); });
    }
  }
  embedder.dispose();
  return codes;
}

export async function writeSimilarIndex(dir: string, files: SimilarIndexFiles): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, SIMILAR_FILES.codes), files.codes);
  await writeMeanStd(join(dir, SIMILAR_FILES.norm), files.embedding.norm);
  const { projection } = files.embedding;
  if (projection === undefined) await rm(join(dir, SIMILAR_FILES.projection), { force: true });
  else await writeFile(join(dir, SIMILAR_FILES.projection), new Uint8Array(projection.buffer, projection.byteOffset, projection.byteLength));
  await writeFile(join(dir, SIMILAR_FILES.items), `${JSON.stringify(files.items)}\n`);
  await writeFile(join(dir, SIMILAR_FILES.metadata), `${JSON.stringify(files.metadata, null, 2)}\n`);
}

/** `--block all`: every pooled block at once (the extractor lays them side by side from column 0). */
const ALL_BLOCKS = 'all';

function indexedBlock(blocks: readonly FeatureBlock[], name: string | undefined): FeatureBlock {
  if (name === undefined) return blocks.at(-1)!;
  if (name === ALL_BLOCKS) return { name: ALL_BLOCKS, offset: 0, size: blocks.reduce((sum, block) => sum + block.size, 0) };
  const block = blocks.find((candidate) => candidate.name === name);
  if (block === undefined) throw new Error(`no block "${name}" in the genre backbone; it has ${blocks.map((b) => b.name).join(', ')} (or ${ALL_BLOCKS})`);
  return block;
}

export interface BuildSimilarOptions {
  readonly dataDir: string;
  /** The genre model whose backbone and feature standardisation the index shares. */
  readonly genreDir: string;
  readonly out: string;
  readonly cacheRoot: string;
  /** Index only the first N training posters (quick runs); all of them by default. */
  readonly limit?: number;
  /** Which of the genre backbone's pooled blocks to embed (e.g. `block_16_expand_relu/avg`, or `all`); the last by default. */
  readonly block?: string;
  /** Learn an invariant projection to this many dimensions from wild pictures of the training posters. */
  readonly projectionDim?: number;
  readonly builtWith: string;
  readonly log: (message: string) => void;
}

export async function buildSimilarIndex(options: BuildSimilarOptions): Promise<SimilarIndexMetadata> {
  const genre = await readPosterMetadata(options.genreDir);
  if (genre.backbone === undefined) throw new Error(`${options.genreDir} has no frozen backbone to index with`);
  const dataset = await loadPosterDataset(options.dataDir);
  const titles = await loadMovieTitles(options.dataDir);
  const posters = titledTrainingPosters(dataset.posters, titles).slice(0, options.limit);
  const trainCount = splitPosters(dataset.posters).train.length;
  options.log(`indexing ${posters.length} training posters (${trainCount - posters.length} skipped: untitled or over --limit)`);
  const indexedBackbone = { ...genre.backbone, views: GATE_AND_INDEX_VIEWS };
  const backbone = await loadPosterBackbone(indexedBackbone);
  const spec = featureSpec(backbone);
  const table = await loadOrExtractFeatures(posters, backbone.extractor, spec, options.cacheRoot, (done, total) => {
    if (done % 256 === 0 || done === total) options.log(`features ${done}/${total}`);
  });
  const block = indexedBlock(backbone.blocks, options.block);
  const genreNorm = await readFeatureNorm(options.genreDir);
  const norm = {
    mean: genreNorm.mean.slice(block.offset, block.offset + block.size),
    std: genreNorm.std.slice(block.offset, block.offset + block.size),
  };
  const projection = options.projectionDim === undefined ? undefined : await trainSimilarProjection({
    posters, clean: table, extractor: backbone.extractor, spec, wildCacheRoot: join(options.cacheRoot, 'wild'), block, norm, dim: options.projectionDim, log: options.log,
  });
  backbone.extractor.dispose();
  const embedding = { block, norm, ...(projection ? { projection: projection.weights } : {}) };
  const codes = quantiseEmbeddings(meanOverViews(table, table.ids.map((_, i) => i)), embedding);
  const byId = new Map(posters.map((poster) => [poster.id, poster]));
  const items = table.ids.map((id) => {
    const { rating, genres } = byId.get(id)!;
    return { id, ...titles.get(id)!, ...(rating === undefined ? {} : { rating }), genres: listedGenres(genres) };
  });
  const metadata: SimilarIndexMetadata = {
    task: 'similar',
    backbone: indexedBackbone,
    block,
    ...(projection ? { projection: { dim: options.projectionDim!, trainedOn: projection.trainedOn } } : {}),
    count: items.length,
    codes: `int8 row-major (count x ${embeddingSize(embedding)}), each row a unit embedding scaled to ±127`,
    builtFrom: { genreModel: options.genreDir, genreTrainedWith: genre.trainedWith, genreDate: genre.date, data: options.dataDir, split: 'training', unreadable: table.unreadable.length },
    builtWith: options.builtWith,
    date: new Date().toISOString(),
  };
  await writeSimilarIndex(options.out, { metadata, items, codes, embedding });
  return metadata;
}
