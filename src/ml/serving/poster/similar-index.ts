/**
 * "Looks like": the training posters nearest a poster in the backbone's embedding (the standardised, pooled last
 * block), stored in `<modelsDir>/similar/` as int8 codes plus ids, titles and years. Built by
 * `npm run build:similar`; a models folder without it simply answers without `similar`.
 */
import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { SimilarPoster } from '../../../core/predictions.js';
import { readJsonFile } from '../../../util/read-json.js';
import type { BackboneConfig } from './backbone.js';
import type { FeatureBlock } from './features.js';

export const SIMILAR_DIR = 'similar';
export const SIMILAR_FILES = { metadata: 'metadata.json', codes: 'codes.i8', norm: 'norm.f32', items: 'items.json' } as const;

/** One indexed poster, in code-row order. */
export interface SimilarItem {
  readonly id: string;
  readonly title: string;
  readonly year?: number;
}

/** `models/similar/metadata.json`: which features were indexed, from what, and how well it held up. */
export interface SimilarIndexMetadata {
  readonly task: 'similar';
  /** Must equal the genre model's backbone, so the served features can be looked up without another pass. */
  readonly backbone: BackboneConfig & { readonly package: string };
  /** Columns of the backbone feature row that are indexed (standardised with `norm.f32`, then unit length). */
  readonly block: FeatureBlock;
  readonly count: number;
  readonly codes: string;
  readonly builtFrom: Readonly<Record<string, unknown>>;
  readonly builtWith: string;
  readonly date: string;
  readonly validation?: Readonly<Record<string, number>>;
}

/** Feature standardisation of the indexed block. */
export interface BlockNorm {
  readonly mean: Float32Array;
  readonly std: Float32Array;
}

/**
 * Backbone feature rows (n x featureDim, views averaged) to unit-length embeddings of the indexed block. Shared
 * by the index builder and serving, so both sides embed the same way.
 */
export function similarityEmbedding(features: tf.Tensor2D, block: FeatureBlock, norm: BlockNorm): tf.Tensor2D {
  return tf.tidy(() => {
    const slice = features.slice([0, block.offset], [features.shape[0], block.size]);
    const standardised = slice.sub(tf.tensor1d(norm.mean)).div(tf.tensor1d(norm.std));
    const length = standardised.norm('euclidean', 1, true).maximum(1e-12);
    return standardised.div(length) as tf.Tensor2D;
  });
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

export async function readBlockNorm(path: string): Promise<BlockNorm> {
  const bytes = await readFile(path);
  const data = new Float32Array(bytes.byteLength / 4);
  new Uint8Array(data.buffer).set(bytes);
  return { mean: data.slice(0, data.length / 2), std: data.slice(data.length / 2) };
}

/** `<modelsDir>/similar` when it is installed, else undefined. */
export async function loadSimilarIndex(modelsDir: string): Promise<SimilarIndex | undefined> {
  const dir = join(modelsDir, SIMILAR_DIR);
  if (!(await access(join(dir, SIMILAR_FILES.metadata)).then(() => true, () => false))) return undefined;
  const metadata = (await readJsonFile(join(dir, SIMILAR_FILES.metadata), 'similar index metadata')) as SimilarIndexMetadata;
  const items = (await readJsonFile(join(dir, SIMILAR_FILES.items), 'similar index items')) as SimilarItem[];
  const codeBytes = await readFile(join(dir, SIMILAR_FILES.codes));
  const { size } = metadata.block;
  if (metadata.task !== 'similar' || items.length !== metadata.count || codeBytes.byteLength !== metadata.count * size) {
    throw new Error(`${dir} is not a consistent similar index (${items.length} items, ${codeBytes.byteLength} code bytes, block of ${size})`);
  }
  const norm = await readBlockNorm(join(dir, SIMILAR_FILES.norm));
  const columns = codesToUnitColumns(new Int8Array(codeBytes.buffer, codeBytes.byteOffset, codeBytes.byteLength), metadata.count, size);
  return {
    metadata,
    items,
    similarities: (features) => tf.matMul(similarityEmbedding(features, metadata.block, norm), columns),
    dispose: () => columns.dispose(),
  };
}

/** The `count` most similar indexed posters for each row of a similarity matrix (values already read back). */
export function nearestPosters(index: SimilarIndex, values: number[][], indices: number[][]): SimilarPoster[][] {
  return indices.map((row, r) => row.map((at, k) => ({ ...index.items[at]!, similarity: values[r]![k]! })));
}
