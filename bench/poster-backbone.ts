import * as tf from '@tensorflow/tfjs';
import { loadConfig } from '../src/config.js';
import { wasmThreadCount } from '../src/ml/runtime/wasm-threads.js';
import { readPosterMetadata } from '../src/ml/serving/poster/metadata.js';
import { BackboneRegistry, backboneFeatures, modelDir, servedFeatures } from '../src/ml/serving/poster/serving-model.js';
import { type BenchResult, registerBench } from './registry.js';
import { measure } from './timing.js';

/**
 * The served MobileNetV2 alone, on the views of one poster the genre model serves, with the bot's thread count: the
 * backbone's share of one poster's answer, as the PyTorch peer's batch-1 poster time is (MobileNetV2 on a poster's
 * two views there), so `torch-mobilenet` divides the two (the rest of
 * `poster_request_p50_ms` is decoding, the heads and messages). Timed on TensorFlow.js and, unless
 * POSTER_RUNTIME=tfjs, on ONNX Runtime, from one loaded backbone; `poster_backbone_ms` is the one the bot serves with.
 */
registerBench({
  name: 'poster-backbone',
  async run({ log }): Promise<BenchResult> {
    const { modelsDir, posterRuntime, limits } = loadConfig(process.env);
    const { backbone: config } = await readPosterMetadata(modelDir(modelsDir, 'genre'));
    if (config === undefined) return { poster_backbone: 'skipped: the genre model has no frozen backbone' };
    const registry = new BackboneRegistry({ choice: posterRuntime, threads: limits.onnxThreads }, (why) => log(`poster-backbone: ${why}`));
    const image = Uint8Array.from({ length: config.inputSize * config.inputSize * 3 }, (_, i) => (i * 7919) % 256);
    const pixels = tf.tensor4d(image, [1, config.inputSize, config.inputSize, 3], 'int32').toFloat() as tf.Tensor4D;
    log(`poster-backbone: ${config.views.length} views at ${config.inputSize} px, wasm ${wasmThreadCount()} / ONNX Runtime ${limits.onnxThreads} threads, median of 15 passes`);
    const time = (features: () => Promise<tf.Tensor2D>) => measure(async () => {
      const rows = await features();
      await rows.data();
      rows.dispose();
    }, 15, 5);
    try {
      const backbone = await registry.get(config);
      const onTfjs = await time(async () => backboneFeatures(backbone, pixels));
      const onNative = backbone.native ? await time(() => servedFeatures(backbone, [image], pixels)) : undefined;
      const served = onNative ?? onTfjs;
      return {
        poster_backbone_ms: served.wallMs,
        poster_backbone_cpu_ms: served.cpuMs,
        poster_backbone_runtime: onNative ? 'onnxruntime' : 'tfjs',
        poster_backbone_tfjs_ms: onTfjs.wallMs,
        ...(onNative ? { poster_backbone_onnxruntime_ms: onNative.wallMs } : {}),
      };
    } finally {
      pixels.dispose();
      await registry.dispose();
    }
  },
});
