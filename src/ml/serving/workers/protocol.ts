import type { ThreadModelsSetup } from '../load-in-this-thread.js';
import type { PosterExplanation, PosterResult, ReviewExplanation } from '../../../core/predictions.js';

/** What a worker is started with. */
export type WorkerSetup = ThreadModelsSetup;

export type WorkerRequest =
  | { readonly id: number; readonly kind: 'poster'; readonly images: readonly Uint8Array[] }
  | { readonly id: number; readonly kind: 'poster-explain'; readonly image: Uint8Array }
  | { readonly id: number; readonly kind: 'review'; readonly texts: readonly string[] }
  | { readonly id: number; readonly kind: 'review-explain'; readonly text: string };

export type WorkerMessage =
  | {
      readonly type: 'ready';
      readonly posterInputSize: number;
      readonly backend: string;
      readonly posterRuntime: string;
      readonly threads: number;
      readonly explains: boolean;
      /** What loading had to say, e.g. why the poster backbone is not on ONNX Runtime. */
      readonly notes: readonly string[];
    }
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
