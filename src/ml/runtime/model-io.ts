/**
 * Saves and loads models as a directory holding model.json + weights.bin, with plain `fs`: the tfjs-node file
 * format, without needing tfjs-node, and the same bytes whatever backend runs.
 *
 * @example
 * await saveModel(model, 'models/genre');
 * const model = await loadLayersModel('models/genre');
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { toFloat16 } from './float16.js';
import { readJsonFile } from '../../util/read-json.js';
import { errorMessage } from '../../util/error-message.js';

const MODEL_FILE = 'model.json';
const WEIGHTS_FILE = 'weights.bin';

function toArrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

async function readModelJson(dir: string): Promise<tf.io.ModelJSON> {
  const path = join(dir, MODEL_FILE);
  const json = await readJsonFile(path, 'model file');
  if (typeof json !== 'object' || json === null || !('modelTopology' in json)) {
    throw new Error(`${path} has no modelTopology: not a TensorFlow.js model.json`);
  }
  return json as tf.io.ModelJSON;
}

/** A tf.io handler reading and writing `dir`; pass it to `model.save` or `tf.loadLayersModel`. */
export function fileSystemHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const topology = artifacts.modelTopology;
      if (topology === undefined || topology instanceof ArrayBuffer) {
        throw new Error('Only models with a JSON topology (Layers models) can be saved');
      }
      await mkdir(dir, { recursive: true });
      const weights = artifacts.weightData === undefined
        ? new ArrayBuffer(0)
        : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: topology,
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig === undefined ? {} : { trainingConfig: artifacts.trainingConfig }),
        ...(artifacts.userDefinedMetadata === undefined ? {} : { userDefinedMetadata: artifacts.userDefinedMetadata }),
        ...(artifacts.signature === undefined ? {} : { signature: artifacts.signature }),
        ...(artifacts.modelInitializer === undefined ? {} : { modelInitializer: artifacts.modelInitializer }),
      };
      await writeFile(join(dir, WEIGHTS_FILE), new Uint8Array(weights));
      await writeFile(join(dir, MODEL_FILE), JSON.stringify(modelJson));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(topology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weights.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const modelJson = await readModelJson(dir);
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs = manifest.flatMap((group) => group.weights);
        const buffers = await Promise.all(manifest.flatMap((group) => group.paths).map(async (file) => {
          const path = join(dir, file);
          try {
            return toArrayBuffer(await readFile(path));
          } catch (error) {
            throw new Error(`Cannot read weights file ${path}: ${errorMessage(error)}`);
          }
        }));
        return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
      });
    },
  };
}

export interface SaveOptions {
  /**
   * Store float32 weights as half precision (tfjs's `float16` quantization, decoded at load): half the bytes, for
   * heads on pooled features whose answers move by about 1e-3.
   */
  readonly float16?: boolean;
}

/** Weight specs and bytes with every float32 weight as float16 (weights are packed back to back, so in one pass). */
function halfPrecision(artifacts: tf.io.ModelArtifacts): tf.io.ModelArtifacts {
  const specs = artifacts.weightSpecs ?? [];
  const other = specs.find((spec) => spec.dtype !== 'float32' || spec.quantization !== undefined);
  if (other) throw new Error(`float16 saving expects plain float32 weights; ${other.name} is not`);
  const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  return {
    ...artifacts,
    weightSpecs: specs.map((spec) => ({ ...spec, quantization: { dtype: 'float16' as const } })),
    weightData: toFloat16(new Float32Array(data)).buffer as ArrayBuffer,
  };
}

export async function saveModel(model: tf.LayersModel, dir: string, options: SaveOptions = {}): Promise<void> {
  const handler = fileSystemHandler(dir);
  await model.save(options.float16 === true ? { save: (artifacts) => handler.save!(halfPrecision(artifacts)) } : handler);
}

export function loadLayersModel(dir: string): Promise<tf.LayersModel> {
  return tf.loadLayersModel(fileSystemHandler(dir));
}
