import { describe, expect, it } from 'vitest';
import { trainingTexts, type TrainingData } from '../../../src/ml/training/review/training-data.js';

const data: TrainingData = {
  reviews: { total: 1, skipped: 0, train: [{ id: 'pos/1', polarity: 'pos', rating: 9, text: 'A long and loving review.' }], validation: [] },
  sst: { train: [{ id: 'train/1', level: 0, text: 'awful .' }], dev: [], holdout: [] },
};

describe('training texts', () => {
  it('puts reviews at their rating and SST sentences at their level, each sentence as often as asked', () => {
    expect(trainingTexts(data)).toEqual([
      { text: 'A long and loving review.', rating: 9 },
      { text: 'awful .', rating: 1.5 },
    ]);
    expect(trainingTexts(data, 3).filter(({ text }) => text === 'awful .')).toHaveLength(3);
  });
});
