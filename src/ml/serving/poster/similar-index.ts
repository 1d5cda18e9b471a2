/**
 * "Looks like": the training posters nearest a poster in the backbone's embedding (the standardised, pooled last
 * block, optionally through a learnt projection that ignores how a poster was photographed), stored in
 * `<modelsDir>/similar/` as int8 codes plus ids, titles and years. Built by `npm run build:similar`; a models
 * folder without it simply answers without `similar`.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { SimilarPoster } from '../../../core/predictions.js';
import { readJsonFile } from '../../../util/read-json.js';
import type { BackboneConfig } from './backbone.js';
import type { FeatureBlock } from './features.js';
import { readFloat32File, readMeanStd } from './metadata.js';

export const SIMILAR_DIR = 'similar';
export const SIMILAR_FILES = {
  metadata: 'metadata.json', codes: 'codes.i8', norm: 'norm.f32', items: 'items.json', projection: 'projection.f32',
} as const;

/** One indexed poster, in code-row order. */
export interface SimilarItem {
  readonly id: string;
  readonly title: string;
  readonly year?: number;
  /** The film's IMDb score in the training data; absent in indexes built before it was kept, or when unknown. */
  readonly rating?: number;
  /** The film's genres in the training labels (see listedGenres); absent in indexes built before they were kept. */
  readonly genres?: readonly string[];
}

/** `models/similar/metadata.json`: which features were indexed, from what, and how well it held up. */
export interface SimilarIndexMetadata {
  readonly task: 'similar';
  /** The genre model's network, on the poster alone (`GATE_AND_INDEX_VIEWS`), so serving needs no other pass. */
  readonly backbone: BackboneConfig & { readonly package: string };
  /** Columns of the backbone feature row that are indexed (standardised with `norm.f32`, then unit length). */
  readonly block: FeatureBlock;
  /** When present, `projection.f32` (block.size x dim, row-major) maps the standardised block to the embedding. */
  readonly projection?: { readonly dim: number; readonly trainedOn: Readonly<Record<string, unknown>> };
  readonly count: number;
  readonly codes: string;
  readonly builtFrom: Readonly<Record<string, unknown>>;
  readonly builtWith: string;
  readonly date: string;
  readonly validation?: Readonly<Record<string, number>>;
  /**
   * When present, a nearest neighbour at or above `threshold` is named as the poster shown (see recognise.ts);
   * measured for this embedding by `npm run evaluate:explain -- --task recognise --write`, absent after a rebuild.
   */
  readonly recognition?: { readonly threshold: number; readonly measured: Readonly<Record<string, unknown>> };
  /**
   * When present, "looks like" picks from the `candidates` nearest posters, in order of similarity plus `genreWeight`
   * x their genre overlap with the answer's (see recognise.ts); absent, the nearest three.
   */
  readonly lookAlike?: { readonly candidates: number; readonly genreWeight: number; readonly measured?: Readonly<Record<string, unknown>> };
}

/** Feature standardisation of the indexed block. */
export interface BlockNorm {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/** Everything that turns backbone features into the indexed embedding. */
export interface SimilarEmbedding {
  readonly block: FeatureBlock;
  readonly norm: BlockNorm;
  /** block.size x dim, row-major; none embeds the standardised block itself. */
  readonly projection?: Float32Array;
}

/** Width of the embedding (and of each code row). */
export function embeddingSize(embedding: SimilarEmbedding): number {
  return embedding.projection === undefined ? embedding.block.size : embedding.projection.length / embedding.block.size;
}

export interface SimilarEmbedder {
  /** Call inside tf.tidy: backbone feature rows (n x featureDim, views averaged) to unit-length embeddings. */
  embed(features: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

/** Holds the embedding's constants as tensors once. Shared by the index builder and serving, so both embed alike. */
export function similarityEmbedder(embedding: SimilarEmbedding): SimilarEmbedder {
  const { block } = embedding;
  const mean = tf.tensor1d(embedding.norm.mean);
  const std = tf.tensor1d(embedding.norm.std);
  const projection = embedding.projection && tf.tensor2d(embedding.projection, [block.size, embeddingSize(embedding)]);
  return {
    embed: (features) => {
      const slice = features.slice([0, block.offset], [features.shape[0], block.size]);
      const standardised = slice.sub(mean).div(std) as tf.Tensor2D;
      const embedded = projection ? tf.matMul(standardised, projection) : standardised;
      return embedded.div(embedded.norm('euclidean', 1, true).maximum(1e-12));
    },
    dispose: () => tf.dispose([mean, std, ...(projection ? [projection] : [])]),
  };
}

export interface SimilarIndex {
  readonly metadata: SimilarIndexMetadata;
  readonly items: readonly SimilarItem[];
  /** Call inside tf.tidy: cosine similarity of each feature row to every indexed poster (n x count). */
  similarities(features: tf.Tensor2D): tf.Tensor2D;
  dispose(): void;
}

function codesToUnitColumns(codes: Int8Array, count: number, dim: number): tf.Tensor2D {
  return tf.tidy(() => {
    const rows = tf.tensor2d(Float32Array.from(codes), [count, dim]);
    return rows.div(rows.norm('euclidean', 1, true).maximum(1e-12)).transpose() as tf.Tensor2D;
  });
}

async function readEmbedding(dir: string, metadata: SimilarIndexMetadata): Promise<SimilarEmbedding> {
  const norm = await readMeanStd(join(dir, SIMILAR_FILES.norm));
  if (metadata.projection === undefined) return { block: metadata.block, norm };
  const projection = await readFloat32File(join(dir, SIMILAR_FILES.projection));
  if (projection.length !== metadata.block.size * metadata.projection.dim) {
    throw new Error(`${dir}/${SIMILAR_FILES.projection} holds ${projection.length} weights, not ${metadata.block.size} x ${metadata.projection.dim}`);
  }
  return { block: metadata.block, norm, projection };
}

/** `<modelsDir>/similar` when it is installed, else undefined. */
export async function loadSimilarIndex(modelsDir: string): Promise<SimilarIndex | undefined> {
  const dir = join(modelsDir, SIMILAR_DIR);
  if (!(await access(join(dir, SIMILAR_FILES.metadata)).then(() => true, () => false))) return undefined;
  const metadata = (await readJsonFile(join(dir, SIMILAR_FILES.metadata), 'similar index metadata')) as SimilarIndexMetadata;
  const items = (await readJsonFile(join(dir, SIMILAR_FILES.items), 'similar index items')) as SimilarItem[];
  const codeBytes = await readFile(join(dir, SIMILAR_FILES.codes));
  const embedding = await readEmbedding(dir, metadata);
  const size = embeddingSize(embedding);
  if (metadata.task !== 'similar' || items.length !== metadata.count || codeBytes.byteLength !== metadata.count * size) {
    throw new Error(`${dir} is not a consistent similar index (${items.length} items, ${codeBytes.byteLength} code bytes, embedding of ${size})`);
  }
  const columns = codesToUnitColumns(new Int8Array(codeBytes.buffer, codeBytes.byteOffset, codeBytes.byteLength), metadata.count, size);
  const embedder = similarityEmbedder(embedding);
  return {
    metadata,
    items,
    similarities: (features) => tf.matMul(embedder.embed(features), columns),
    dispose: () => {
      columns.dispose();
      embedder.dispose();
    },
  };
}

/** The `count` most similar indexed posters for each row of a similarity matrix (values already read back). */
export function nearestPosters(index: SimilarIndex, values: number[][], indices: number[][]): SimilarPoster[][] {
  return indices.map((row, r) => row.map((at, k) => ({ ...index.items[at]!, similarity: values[r]![k]! })));
}
