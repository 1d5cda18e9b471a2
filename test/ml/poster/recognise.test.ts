import { describe, expect, it } from 'vitest';
import { recognisedAndSimilar } from '../../../src/ml/serving/poster/recognise.js';

const poster = (id: string, similarity: number) => ({ id, title: id, similarity });
const THRESHOLD = 0.85;

describe('a recognised poster and its look-alikes', () => {
  it('takes a near-identical nearest poster apart and keeps three others', () => {
    const split = recognisedAndSimilar([poster('a', 0.9), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3, THRESHOLD);
    expect(split.recognised?.id).toBe('a');
    expect(split.similar.map((p) => p.id)).toEqual(['b', 'c', 'd']);
  });

  it('recognises nothing below the threshold and keeps the first three', () => {
    const split = recognisedAndSimilar([poster('a', THRESHOLD - 0.01), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3, THRESHOLD);
    expect(split.recognised).toBeUndefined();
    expect(split.similar.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('copes with an index smaller than asked for', () => {
    expect(recognisedAndSimilar([poster('a', 1)], 3, THRESHOLD)).toEqual({ recognised: poster('a', 1), similar: [] });
    expect(recognisedAndSimilar([], 3, THRESHOLD)).toEqual({ similar: [] });
  });

  it('names nothing when the index has no measured threshold', () => {
    expect(recognisedAndSimilar([poster('a', 1), poster('b', 0.6)], 3, undefined)).toEqual({ similar: [poster('a', 1), poster('b', 0.6)] });
  });
});
