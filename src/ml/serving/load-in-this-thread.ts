import type { BackendName } from '../../config.js';
import { initBackend } from '../runtime/backend.js';
import { loadPosterPredictor, type DisposablePosterPredictor } from './poster/predictor.js';
import { loadReviewPredictor, type ReviewRater } from './review/predictor.js';

/** Chooses the backend and loads both shipped models on the calling thread (the main one, or a worker's). */
export async function loadModelsInThisThread(
  modelsDir: string,
  backend: BackendName | undefined,
  log: (message: string) => void = () => {},
  wasmThreads = 1,
): Promise<{ backend: BackendName; poster: DisposablePosterPredictor; review: ReviewRater }> {
  const chosen = await initBackend(backend, log, wasmThreads);
  const [poster, review] = await Promise.all([loadPosterPredictor(modelsDir), loadReviewPredictor(modelsDir)]);
  return { backend: chosen, poster, review };
}

