import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';
import { buildWideMobileNet } from './wide-mobilenet.js';

/**
 * The ImageNet-initialised, NSFW-fine-tuned MobileNetV2 (alpha 1.0, 224 px, uint8-quantised weights) that the
 * `nsfwjs` package (MIT) ships as browserify bundles. Its input is RGB scaled to 0-1.
 */
export const NSFWJS_MOBILENET = {
  name: 'nsfwjs/mobilenet_v2',
  inputSize: 224,
  /** pixel / 255, as nsfwjs itself feeds the network. */
  scale: 1 / 255,
} as const;

/** MobileNetV2 at width 1.4 (ImageNet weights, uint8-quantised), from the same package; see loadNsfwjsWideMobileNet. */
export const NSFWJS_WIDE_MOBILENET = {
  name: 'nsfwjs/mobilenet_v2_140',
  inputSize: 224,
  scale: 1 / 255,
} as const;

/** The package's `exports` hides its data files, so locate them from its entry point (dist/cjs/index.js). */
function nsfwjsRoot(): string {
  return join(dirname(createRequire(import.meta.url).resolve('nsfwjs')), '..', '..');
}

function nsfwjsModelsDir(model: 'mobilenet_v2' | 'mobilenet_v2_mid'): string {
  return join(nsfwjsRoot(), 'dist', 'cjs', 'models', model);
}

/** `nsfwjs@4.2.1`, recorded in model metadata: the backbone weights come from this package. */
export async function nsfwjsVersion(): Promise<string> {
  const { version } = JSON.parse(await readFile(join(nsfwjsRoot(), 'package.json'), 'utf8')) as { version: string };
  return `nsfwjs@${version}`;
}

/** Evaluates one UMD bundle in a sandbox and returns what it exports (a model.json object or a base64 string). */
async function evaluateBundle(path: string): Promise<unknown> {
  const module = { exports: {} as unknown };
  runInNewContext(await readFile(path, 'utf8'), { module, exports: module.exports });
  const exported = module.exports as { default?: unknown };
  // A JSON round trip moves the value into this realm; tfjs rejects the sandbox's arrays as non-iterable.
  return JSON.parse(JSON.stringify(exported.default ?? exported));
}

/** Loads the whole nsfwjs MobileNetV2 Layers model (classifier head included) from node_modules. */
export async function loadNsfwjsMobileNet(): Promise<tf.LayersModel> {
  const { modelJson, weightSpecs, weightData } = await readBundledModel('mobilenet_v2');
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
}

/** One of the package's models: its model.json and its weight shards, concatenated. */
export async function readBundledModel(model: 'mobilenet_v2' | 'mobilenet_v2_mid'): Promise<{ modelJson: tf.io.ModelJSON; weightSpecs: tf.io.WeightsManifestEntry[]; weightData: ArrayBuffer }> {
  const dir = nsfwjsModelsDir(model);
  const modelJson = (await evaluateBundle(join(dir, 'model.min.js'))) as tf.io.ModelJSON;
  if (!modelJson.weightsManifest) throw new Error(`Unexpected nsfwjs model bundle layout in ${dir}`);
  const parts: Buffer[] = [];
  for (const shard of modelJson.weightsManifest.flatMap((group) => group.paths)) {
    const weights = await evaluateBundle(join(dir, `${shard}.min.js`));
    if (typeof weights !== 'string') throw new Error(`Unexpected nsfwjs model bundle layout in ${dir}`);
    parts.push(Buffer.from(weights, 'base64'));
  }
  const bytes = Buffer.concat(parts);
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return { modelJson, weightSpecs: modelJson.weightsManifest.flatMap((group) => group.weights), weightData };
}

/** Where the TF-Hub module's weights sit in the mid model's graph; they are looked up without it. */
export const HUB_SCOPE = 'StatefulPartitionedCall/sequential/keras_layer/StatefulPartitionedCall/StatefulPartitionedCall/StatefulPartitionedCall/predict/';

/**
 * The width-1.4 ImageNet MobileNetV2 inside nsfwjs's "mid" model, without its NSFW classifier. nsfwjs trained only
 * that classifier on top of the TF-Hub feature-vector module, so the rest is the module as published.
 */
export async function loadNsfwjsWideMobileNet(inputSize: number): Promise<tf.LayersModel> {
  const { weightSpecs, weightData } = await readBundledModel('mobilenet_v2_mid');
  const decoded = tf.io.decodeWeights(weightData, weightSpecs);
  const weights = new Map(Object.entries(decoded).map(([name, tensor]) => [name.replace(HUB_SCOPE, ''), tensor]));
  try {
    return buildWideMobileNet(weights, inputSize);
  } finally {
    tf.dispose([...weights.values()]);
  }
}
