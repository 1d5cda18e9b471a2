import * as tf from '@tensorflow/tfjs';
import { loadConfig } from '../src/config.js';
import { readPosterMetadata } from '../src/ml/serving/poster/metadata.js';
import { BackboneRegistry, backboneFeatures, modelDir } from '../src/ml/serving/poster/serving-model.js';
import { type BenchResult, registerBench } from './registry.js';
import { measure } from './timing.js';

/**
 * The served MobileNetV2 alone, on both views of one poster, in this process with its WASM_THREADS: the same work
 * as the PyTorch peer's batch-1 poster time, so `torch-mobilenet` divides the two (the rest of `poster_request_p50_ms`
 * is decoding, the heads and messages).
 */
registerBench({
  name: 'poster-backbone',
  async run({ log }): Promise<BenchResult> {
    const { backbone: config } = await readPosterMetadata(modelDir(loadConfig(process.env).modelsDir, 'genre'));
    if (config === undefined) return { poster_backbone: 'skipped: the genre model has no frozen backbone' };
    const backbones = new BackboneRegistry();
    const backbone = await backbones.get(config);
    const pixels = tf.randomUniform([1, config.inputSize, config.inputSize, 3], 0, 255) as tf.Tensor4D;
    log(`poster-backbone: ${config.views.length} views at ${config.inputSize} px, median of 15 passes`);
    try {
      const timing = await measure(async () => {
        const features = backboneFeatures(backbone, pixels);
        await features.data();
        features.dispose();
      }, 15, 5);
      return { poster_backbone_ms: timing.wallMs, poster_backbone_cpu_ms: timing.cpuMs };
    } finally {
      pixels.dispose();
      await backbones.dispose();
    }
  },
});
