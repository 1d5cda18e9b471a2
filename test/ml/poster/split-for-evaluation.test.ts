import { describe, expect, it } from 'vitest';
import { splitPosters } from '../../../src/data/posters.js';
import { splitForEvaluation } from '../../../src/ml/training/poster/evaluate.js';
import { inStopSlice, stopSlice } from '../../../src/ml/training/poster/poster-rows.js';

const posters = Array.from({ length: 2000 }, (_, i) => ({ id: `tt${String(i).padStart(7, '0')}`, imagePath: `${i}.jpg`, genres: [], rating: undefined }));

describe('splitForEvaluation', () => {
  it('scores under unfitted the validation posters a --fit-validation refit early-stops on, never a poster it learnt', () => {
    const { train, validation } = splitPosters(posters);
    const { evaluated, reference } = splitForEvaluation(posters, 'unfitted');
    // The refit's own slice over the training part and the validation split together.
    const ids = posters.map((poster) => poster.id);
    const rowOf = new Map(ids.map((id, row) => [id, row]));
    const refitStop = new Set(stopSlice(ids, [...train, ...validation].map((poster) => rowOf.get(poster.id)!)).stop.map((row) => ids[row]));
    expect(evaluated.length).toBeGreaterThan(validation.length / 12);
    expect(evaluated.length).toBeLessThan(validation.length / 5);
    expect(evaluated.every((poster) => refitStop.has(poster.id) && validation.includes(poster))).toBe(true);
    expect(validation.filter((poster) => inStopSlice(poster.id))).toEqual(evaluated);
    expect(reference).toEqual(train);
  });

  it('keeps validation and all as they were', () => {
    const { train, validation } = splitPosters(posters);
    expect(splitForEvaluation(posters, 'validation')).toEqual({ evaluated: validation, reference: train });
    expect(splitForEvaluation(posters, 'all')).toEqual({ evaluated: posters, reference: posters });
  });
});
