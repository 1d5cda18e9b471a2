import { describe, expect, it } from 'vitest';
import { RECOGNISED_SIMILARITY, recognisedAndSimilar } from '../../../src/ml/serving/poster/recognise.js';

const poster = (id: string, similarity: number) => ({ id, title: id, similarity });

describe('a recognised poster and its look-alikes', () => {
  it('takes a near-identical nearest poster apart and keeps three others', () => {
    const split = recognisedAndSimilar([poster('a', 1), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3);
    expect(split.recognised?.id).toBe('a');
    expect(split.similar.map((p) => p.id)).toEqual(['b', 'c', 'd']);
  });

  it('recognises nothing below the threshold and keeps the first three', () => {
    const split = recognisedAndSimilar([poster('a', RECOGNISED_SIMILARITY - 0.01), poster('b', 0.6), poster('c', 0.5), poster('d', 0.4)], 3);
    expect(split.recognised).toBeUndefined();
    expect(split.similar.map((p) => p.id)).toEqual(['a', 'b', 'c']);
  });

  it('copes with an index smaller than asked for', () => {
    expect(recognisedAndSimilar([poster('a', 1)], 3)).toEqual({ recognised: poster('a', 1), similar: [] });
    expect(recognisedAndSimilar([], 3)).toEqual({ similar: [] });
  });
});
