import { describe, expect, it } from 'vitest';
import { extractedBackbone, selectedBlocks, servingBackbone } from '../../../src/ml/training/poster/candidates.js';
import { DEFAULT_BACKBONE } from '../../../src/ml/serving/poster/backbone.js';
import { crossValidate, foldOf } from '../../../src/ml/training/poster/cross-validation.js';
import { columnStats, selectColumns, standardise } from '../../../src/ml/training/poster/feature-matrix.js';
import { bestF1Threshold, macroF1 } from '../../../src/ml/training/poster/thresholds.js';
import { meanGuessBaseline } from '../../../src/ml/training/poster/task.js';
import { DEFAULT_HEAD } from '../../../src/ml/training/poster/head.js';

describe('model selection helpers', () => {
  it('assigns every id to one of k folds, stably and roughly evenly', () => {
    const ids = Array.from({ length: 3000 }, (_, i) => `tt${i}`);
    const counts = [0, 0, 0];
    for (const id of ids) counts[foldOf(id, 3)]!++;
    expect(counts.every((c) => c > 900 && c < 1100)).toBe(true);
    expect(foldOf('tt42', 3)).toBe(foldOf('tt42', 3));
  });

  it('runs each fold once, holding out disjoint rows, and averages the metrics', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => `tt${i}`);
    const held: number[][] = [];
    const summary = await crossValidate(ids, 3, async (train, heldRows, fold) => {
      held.push(heldRows);
      expect(train.length + heldRows.length).toBe(30);
      return { metrics: { score: fold }, bestEpoch: fold + 1 };
    });
    expect(new Set(held.flat()).size).toBe(30);
    expect(summary.mean.score).toBe(1);
    expect(summary.sd.score).toBe(1);
    expect(summary.bestEpochs).toEqual([1, 2, 3]);
  });

  it('picks the F1-best threshold and scores macro F1', () => {
    const scores = [0.9, 0.8, 0.35, 0.3, 0.1];
    const positives = [true, true, true, false, false];
    expect(bestF1Threshold(scores, positives)).toBeCloseTo(0.31, 5);
    expect(macroF1([[0.9], [0.2]], [[1], [1]], [0.5])).toBeCloseTo(2 / 3, 10);
  });

  it('standardises columns with training statistics and selects column blocks', () => {
    const matrix = { rows: 2, cols: 3, data: Float32Array.from([1, 10, 5, 3, 30, 5]) };
    const stats = columnStats(matrix);
    expect(Array.from(stats.mean)).toEqual([2, 20, 5]);
    expect(Array.from(standardise(matrix, stats).data.slice(0, 2))).toEqual([-1, -1]);
    expect(Array.from(selectColumns(matrix, [{ offset: 2, size: 1 }, { offset: 0, size: 1 }]).data)).toEqual([5, 1, 5, 3]);
  });

  it('rebuilds a serving backbone with exactly the chosen pools, in column order', () => {
    const blocks = [{ name: 'block_3_expand_relu/avg', offset: 0, size: 144 }, { name: 'out_relu/max', offset: 5648, size: 1280 }];
    const all = [...blocks, { name: 'out_relu/avg', offset: 4368, size: 1280 }];
    expect(selectedBlocks(all, 'avg').map((b) => b.name)).toEqual(['block_3_expand_relu/avg', 'out_relu/avg']);
    expect(() => selectedBlocks(all, ['nope/avg'])).toThrow(/Unknown feature blocks: nope\/avg/);
    expect(servingBackbone(DEFAULT_BACKBONE, blocks).taps).toEqual([
      { layer: 'block_3_expand_relu', pools: ['avg'] },
      { layer: 'out_relu', pools: ['max'] },
    ]);
  });

  it('extracts only the taps some candidate reads, keeping the rest of the config', () => {
    const head = DEFAULT_HEAD;
    const config = { ...DEFAULT_BACKBONE, package: 'nsfwjs@test' };
    const avg = extractedBackbone(config, [{ name: 'avg', blocks: 'avg', head }]);
    expect(avg.taps.every((tap) => tap.pools.join() === 'avg')).toBe(true);
    expect(avg.taps).toHaveLength(DEFAULT_BACKBONE.taps.length);
    expect(avg.package).toBe('nsfwjs@test');
    const some = extractedBackbone(config, [{ name: 'last', blocks: ['out_relu/max'], head }, { name: 'first', blocks: ['block_3_expand_relu/avg'], head }]);
    expect(some.taps).toEqual([{ layer: 'block_3_expand_relu', pools: ['avg'] }, { layer: 'out_relu', pools: ['max'] }]);
    expect(extractedBackbone(config, [{ name: 'all', blocks: 'all', head }]).taps).toEqual(DEFAULT_BACKBONE.taps);
  });

  it('scores the mean guess: AUC 0.5 for genres, MAE around the mean for ratings', () => {
    const genre = meanGuessBaseline('genre', [[1, 0], [0, 1], [1, 0]], [[1, 0], [0, 1]]);
    expect(genre.macroAuc).toBe(0.5);
    expect(meanGuessBaseline('rating', [[6], [8]], [[5], [9]]).mae).toBe(2);
  });
});
