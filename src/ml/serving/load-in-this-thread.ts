import type { BackendName, PosterRuntimeChoice } from '../../config.js';
import { initBackend } from '../runtime/backend.js';
import { loadPosterPredictor, type DisposablePosterPredictor } from './poster/predictor.js';
import { loadReviewPredictor, type ReviewRater } from './review/predictor.js';

export interface ThreadModelsSetup {
  readonly modelsDir: string;
  readonly backend?: BackendName;
  /** XNNPACK's threads when the backend is wasm. */
  readonly wasmThreads: number;
  /** ONNX Runtime's threads for the poster backbone. */
  readonly onnxThreads: number;
  readonly posterRuntime: PosterRuntimeChoice;
}

const LONG_REVIEW = 'a long review '.repeat(150);

/** Chooses the backend and loads both shipped models on the calling thread (the main one, or a worker's). */
export async function loadModelsInThisThread(
  { modelsDir, backend, wasmThreads, onnxThreads, posterRuntime }: ThreadModelsSetup,
  log: (message: string) => void = () => {},
): Promise<{ backend: BackendName; poster: DisposablePosterPredictor; review: ReviewRater }> {
  const chosen = await initBackend(backend, log, wasmThreads);
  const [poster, review] = await Promise.all([
    loadPosterPredictor(modelsDir, { runtime: { choice: posterRuntime, threads: onnxThreads }, log }),
    loadReviewPredictor(modelsDir),
  ]);
  // A long review opens the large-convolution sessions (onnx-convolutions.ts) now, not in a user's first request.
  await review.predict([LONG_REVIEW]);
  return { backend: chosen, poster, review };
}

