import type { BackendName } from '../../../config.js';
import type { PosterExplanation, PosterResult, ReviewExplanation } from '../../../core/predictions.js';

/** What a worker is started with. */
export interface WorkerSetup {
  readonly modelsDir: string;
  readonly backend?: BackendName;
  /** XNNPACK threads when the backend is wasm. */
  readonly wasmThreads?: number;
}

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'poster'; readonly images: readonly Uint8Array[] }
  | { readonly id: number; readonly kind: 'poster-explain'; readonly image: Uint8Array }
  | { readonly id: number; readonly kind: 'review'; readonly texts: readonly string[] }
  | { readonly id: number; readonly kind: 'review-explain'; readonly text: string };

export type WorkerMessage =
  | { readonly type: 'ready'; readonly posterInputSize: number; readonly backend: string; readonly threads: number; readonly explains: boolean }
  | { readonly type: 'failed'; readonly message: string }
  | {
      readonly type: 'answer';
      readonly id: number;
      readonly posters?: PosterResult[];
      readonly heatmap?: PosterExplanation;
      readonly ratings?: number[];
      readonly explanation?: ReviewExplanation;
    }
  | { readonly type: 'error'; readonly id: number; readonly message: string };
