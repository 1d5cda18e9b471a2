import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runInNewContext } from 'node:vm';
import * as tf from '@tensorflow/tfjs';

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

/** The package's `exports` hides its data files, so locate them from its entry point (dist/cjs/index.js). */
function nsfwjsRoot(): string {
  return join(dirname(createRequire(import.meta.url).resolve('nsfwjs')), '..', '..');
}

function nsfwjsModelsDir(): string {
  return join(nsfwjsRoot(), 'dist', 'cjs', 'models', 'mobilenet_v2');
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
  const dir = nsfwjsModelsDir();
  const modelJson = (await evaluateBundle(join(dir, 'model.min.js'))) as tf.io.ModelJSON;
  const weights = (await evaluateBundle(join(dir, 'group1-shard1of1.min.js'))) as string;
  if (typeof weights !== 'string' || !modelJson.weightsManifest) {
    throw new Error(`Unexpected nsfwjs model bundle layout in ${dir}`);
  }
  const bytes = Buffer.from(weights, 'base64');
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const weightSpecs = modelJson.weightsManifest.flatMap((group) => group.weights);
  return tf.loadLayersModel(tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs, weightData }));
}
