import type { BackendName, Config } from '../../config.js';
import type { PosterPredictor, ReviewPredictor } from '../../core/predictions.js';
import type { Logger } from '../../logger.js';
import { initBackend } from '../runtime/backend.js';
import { loadPosterPredictor, type DisposablePosterPredictor } from './poster/predictor.js';
import { loadReviewPredictor, type ReviewRater } from './review/predictor.js';
import { InferencePool } from './workers/inference-pool.js';

export interface LoadedPredictors {
  readonly posterPredictor: PosterPredictor;
  readonly reviewPredictor: ReviewPredictor;
  modelsReady(): boolean;
  close(): Promise<void>;
}

/** Chooses the backend and loads both shipped models on the calling thread (the main one, or a worker's). */
export async function loadModelsInThisThread(
  modelsDir: string,
  backend: BackendName | undefined,
  log: (message: string) => void = () => {},
): Promise<{ backend: BackendName; poster: DisposablePosterPredictor; review: ReviewRater }> {
  const chosen = await initBackend(backend, log);
  const [poster, review] = await Promise.all([loadPosterPredictor(modelsDir), loadReviewPredictor(modelsDir)]);
  return { backend: chosen, poster, review };
}

/** The shipped models, in `config.limits.inferenceWorkers` worker threads, or on this thread when that is 0. */
export async function loadPredictors(config: Config, logger: Logger): Promise<LoadedPredictors> {
  const workers = config.limits.inferenceWorkers;
  if (workers > 0) {
    const pool = await InferencePool.start(workers, { modelsDir: config.modelsDir, backend: config.backend }, logger);
    return {
      posterPredictor: pool.posterPredictor,
      reviewPredictor: pool.reviewPredictor,
      modelsReady: () => pool.usableWorkers > 0,
      close: () => pool.close(),
    };
  }
  const { poster, review } = await loadModelsInThisThread(config.modelsDir, config.backend, (message) => logger.info(message));
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
