import type { Config } from '../../config.js';
import type { PosterPredictor, ReviewPredictor } from '../../core/predictions.js';
import type { Logger } from '../../logger.js';
import { InferencePool } from './workers/inference-pool.js';

export interface LoadedPredictors {
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  modelsReady(): boolean;
  close(): Promise<void>;
}

/** The shipped models, in `config.limits.inferenceWorkers` worker threads, or on this thread when that is 0. */
export async function loadPredictors(config: Config, logger: Logger): Promise<LoadedPredictors> {
  const workers = config.limits.inferenceWorkers;
  if (workers > 0) {
    const pool = await InferencePool.start(workers, { modelsDir: config.modelsDir, backend: config.backend, wasmThreads: config.limits.wasmThreads }, logger);
    return {
      posterPredictor: pool.posterPredictor,
      reviewPredictor: pool.reviewPredictor,
      modelsReady: () => pool.usableWorkers > 0,
      close: () => pool.close(),
    };
  }
  // Imported only here: with workers, this thread never loads TensorFlow.js (tens of MiB it would not use).
  const { loadModelsInThisThread } = await import('./load-in-this-thread.js');
  const { poster, review } = await loadModelsInThisThread(config.modelsDir, config.backend, (message) => logger.info(message), config.limits.wasmThreads);
  return {
    posterPredictor: poster,
    reviewPredictor: review,
    modelsReady: () => true,
    close: async () => {
      await poster.dispose();
      review.dispose();
    },
  };
}
