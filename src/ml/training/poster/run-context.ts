import type { BackboneSource } from '../../serving/poster/backbone.js';
import type { PosterView } from '../../serving/poster/features.js';
import type { PosterTask } from './task.js';

/** Settings and reporting hooks shared by the two training pipelines (scratch, mobilenet). */
export interface PosterRunContext {
  readonly task: PosterTask;
  readonly outDir: string;
  /** The poster folder (train.csv, Images/, MovieGenre.csv). */
  readonly dataDir: string;
  readonly cacheDir: string;
  readonly epochs: number;
  readonly patience: number;
  readonly seed: number;
  readonly folds: number;
  /** The frozen backbone the head reads (mobilenet only). */
  readonly backbone: BackboneSource;
  /** The views serving averages (mobilenet only); cached views beyond them only augment training. */
  readonly servedViews: readonly PosterView[];
  /** Wild feature cache root (made where missing) whose training posters' rows train beside the clean rows (mobilenet only). */
  readonly wildDir?: string;
  /** Wild pictures per titled training poster under `wildDir` (1: the cache build:similar's projection shares). */
  readonly wildPictures: number;
  /** Share of a wild row's target taken from the CV winner's out-of-fold answer for its clean poster (0: labels only). */
  readonly wildAnswerWeight: number;
  /**
   * Refit the chosen recipe on the training part and the validation split together (mobilenet only). The held-out
   * fit still runs first and supplies every figure; the refit is what the model folder ships.
   */
  readonly fitValidation: boolean;
  /** Gradient worker threads for data-parallel steps (scratch CNN only); 0: one thread. */
  readonly workers: number;
  /** The command line that trained the model, for metadata.json. */
  readonly command: string;
  readonly backend: string;
  /** Counts from the loader (posters, bad rows, rating sources) for metadata.json. */
  readonly dataSummary: Readonly<Record<string, unknown>>;
  readonly log: (message: string) => void;
  readonly progress: (done: number, total: number) => void;
}
