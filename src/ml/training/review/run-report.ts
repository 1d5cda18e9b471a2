/** What a review-training run records beside its weights: metadata.json, tokenizer.json, metrics.json, the curve. */
import type { EpochRecord } from '../early-stopping.js';
import { writeTrainingReport } from '../training-report.js';
import { type ReviewModelMetadata, type ReviewValidation, TOKENIZER_FILE, writeReviewMetadata } from '../../serving/review/metadata.js';
import type { ReviewTokenizer } from '../../serving/review/tokenizer.js';
import type { ReviewTrainingOptions } from './train.js';
import type { TrainingData } from './training-data.js';
import type { WarmStart } from './warm-start.js';

/** metadata.json, tokenizer.json, metrics.json and training-curve.png beside the saved weights. */
export async function saveReport(outDir: string, tokenizer: ReviewTokenizer, metadata: ReviewModelMetadata, history: readonly EpochRecord[]): Promise<void> {
  await writeReviewMetadata(outDir, metadata, tokenizer.config);
  const metrics = Object.fromEntries(Object.entries(metadata.validation).flatMap(([set, values]) => Object.entries(values as Record<string, number>).map(([key, value]) => [`${set}_${key}`, value])));
  await writeTrainingReport(outDir, { history, metrics, validation: metadata.validation });
}

export interface RunFacts {
  readonly options: ReviewTrainingOptions;
  readonly data: TrainingData;
  readonly tokenizer: ReviewTokenizer;
  readonly architecture: Readonly<Record<string, unknown>>;
  readonly trainMean: number;
  readonly warm: WarmStart | undefined;
  /** The warm-started model's figures before any training, on this run's validation sets. */
  readonly startValidation: ReviewValidation | undefined;
  readonly splitSeed: string;
  readonly validationFraction: number;
  readonly sstHoldoutFraction: number;
  /** Training-review sentences rated by the teachers (`options.distillFrom`). */
  readonly distilledCount: number;
}

interface Progress {
  readonly bestEpoch: number;
  readonly averagedEpochs: readonly [number, number] | undefined;
  readonly seconds: number;
  readonly validation: ReviewValidation;
  readonly history: readonly EpochRecord[];
}

function distillationTarget(ngramWeight: number): string {
  return ngramWeight > 0 ? `${+(1 - ngramWeight).toFixed(4)} x the teachers' mean rating + ${ngramWeight} x the n-gram model's (ngram-teacher.ts)` : "the teachers' mean rating";
}

export function reviewMetadata(run: RunFacts, progress: Progress): ReviewModelMetadata {
  const { options, data, tokenizer, warm } = run;
  const { words: _words, englishWords: _englishWords, ...tokenizerOptions } = tokenizer.config;
  return {
    model: 'review',
    task: 'Rates an English movie review on the IMDb 1-10 scale (regression).',
    output: 'One unit: (rating - 5.5) / 4.5; serving clips 5.5 + 4.5 * output to [1, 10].',
    emptyRating: run.trainMean,
    architecture: run.architecture,
    tokenizer: { file: TOKENIZER_FILE, ...tokenizerOptions },
    training: {
      command: options.command,
      epochs: options.epochs,
      bestEpoch: progress.bestEpoch,
      weights: progress.averagedEpochs ? `mean of the weights after epochs ${progress.averagedEpochs.join('-')}` : `epoch ${progress.bestEpoch}'s own`,
      averageFrom: options.averageFrom,
      sstRepeat: options.sstRepeat,
      selection: 'lowest mean of aclImdb validation MAE and SST dev MAE (rating points, SST levels at sstLevelToRating), among every epoch and, from averageFrom on, the running weight average; the SST held-out slice chooses nothing',
      batchSize: options.batchSize,
      batching: 'length-bucketed batches, padded after the words to the longest in the batch',
      learningRate: options.learningRate,
      learningRateDecay: options.learningRateDecay,
      loss: options.loss,
      sideWeight: options.sideWeight,
      ...(options.distillFrom.length > 0 ? { distillation: { teachers: options.distillFrom, sentences: run.distilledCount, target: distillationTarget(options.distillNgramWeight), ngramWeight: options.distillNgramWeight } } : {}),
      seed: options.seed,
      seconds: progress.seconds,
      history: progress.history,
      ...(warm ? { initFrom: warm.dir, startValidation: run.startValidation, previous: { ...warm.metadata.training, validation: warm.metadata.validation } } : {}),
    },
    data: {
      source: 'Stanford Large Movie Review Dataset (aclImdb) train/{pos,neg}, and Stanford Sentiment Treebank sentences (stsa.fine.train, stsa.fine.dev)',
      path: options.dataPath,
      sstPath: options.sstDir ?? null,
      reviews: data.reviews.total,
      skipped: data.reviews.skipped,
      train: data.reviews.train.length,
      validation: data.reviews.validation.length,
      sstTrain: data.sst.train.length,
      sstDev: data.sst.dev.length,
      sstHoldout: data.sst.holdout.length,
      sstHoldoutSplit: `stsa.fine.train sentences with sha256("${run.splitSeed}:sst:" + sentence) below ${run.sstHoldoutFraction}: never trained on, scored as validation.sstHoldout`,
      sstHoldoutFraction: run.sstHoldoutFraction,
      sstRatings: 'SST levels 0-4 trained as ratings 1.5, 3.5, 5.5, 7.5, 9.5 (src/data/sst.ts, SST_LEVEL_RATINGS)',
      split: `sha256("${run.splitSeed}:" + id) below ${run.validationFraction} is validation; id = "pos/123"`,
      splitSeed: run.splitSeed,
      validationFraction: run.validationFraction,
    },
    validation: progress.validation,
    backend: options.backend,
    date: new Date().toISOString(),
  };
}
