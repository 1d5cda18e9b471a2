import type { Config } from '../../config.js';
import type { PosterPredictor, ReviewPredictor } from '../../core/predictions.js';
import type { Logger } from '../../logger.js';
import type { ThreadModelsSetup } from './load-in-this-thread.js';
import { InferencePool } from './workers/inference-pool.js';

export interface LoadedPredictors {
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  modelsReady(): boolean;
  close(): Promise<void>;
}

function threadModelsSetup(config: Config): ThreadModelsSetup {
  const { modelsDir, backend, posterRuntime, limits } = config;
  const { wasmThreads, onnxThreads } = limits;
  return { modelsDir, ...(backend === undefined ? {} : { backend }), wasmThreads, onnxThreads, posterRuntime };
}

/** The shipped models, in `config.limits.inferenceWorkers` worker threads, or on this thread when that is 0. */
export async function loadPredictors(config: Config, logger: Logger): Promise<LoadedPredictors> {
  const workers = config.limits.inferenceWorkers;
  if (workers > 0) {
    const pool = await InferencePool.start(workers, threadModelsSetup(config), logger);
    return {
      posterPredictor: pool.posterPredictor,
      reviewPredictor: pool.reviewPredictor,
      modelsReady: () => pool.usableWorkers > 0,
      close: () => pool.close(),
    };
  }
  // Imported only here: with workers, this thread never loads TensorFlow.js (tens of MiB it would not use).
  const { loadModelsInThisThread } = await import('./load-in-this-thread.js');
  const { poster, review } = await loadModelsInThisThread(threadModelsSetup(config), (message) => logger.info(message));
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
