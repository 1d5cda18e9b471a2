import * as tf from '@tensorflow/tfjs';
import { loadConfig } from '../src/config.js';
import { BackboneRegistry, backboneFeatures, loadServingModel, modelDir } from '../src/ml/serving/poster/serving-model.js';
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
    const config = loadConfig(process.env);
    const backbones = new BackboneRegistry();
    const genre = await loadServingModel(modelDir(config.modelsDir, 'genre'), backbones);
    const backbone = genre.backbone;
    try {
      if (backbone === undefined) return { poster_backbone: 'skipped: the genre model has no frozen backbone' };
      const size = backbone.config.inputSize;
      const pixels = tf.randomUniform([1, size, size, 3], 0, 255) as tf.Tensor4D;
      log(`poster-backbone: ${backbone.config.views.length} views at ${size} px, median of 15 passes`);
      const timing = await measure(async () => {
        const features = backboneFeatures(backbone, pixels);
        await features.data();
        features.dispose();
      }, 15, 5);
      pixels.dispose();
      return { poster_backbone_ms: timing.wallMs, poster_backbone_cpu_ms: timing.cpuMs };
    } finally {
      genre.dispose();
      await backbones.dispose();
    }
  },
});
