import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src/ml/runtime/backend.js';
import { ngramBuckets, ngramExamples, trainNgramTeacher } from '../../../src/ml/training/review/ngram-teacher.js';

describe('n-gram teacher', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('reads typed and treebank text as the same words and word pairs', () => {
    expect(ngramBuckets("I don't like it (at all).").sort()).toEqual(ngramBuckets("i do n't like it -lrb- at all -rrb- .").sort());
    expect(ngramBuckets('great great film')).toHaveLength(new Set(ngramBuckets('great great film')).size);
  });

  it('labels texts by their side of 5.5, leaves neutral ones out and weighs them as asked', () => {
    const examples = [...ngramExamples([{ text: 'good', rating: 9 }, { text: 'meh', rating: 5.5 }], 1), ...ngramExamples([{ text: 'bad', rating: 2 }], 3)];
    expect(examples).toEqual([{ text: 'good', positive: 1, weight: 1 }, { text: 'bad', positive: 0, weight: 3 }]);
  });

  it('rates unseen texts by the words and pairs it learnt, on the 1-10 scale', () => {
    const positive = ['a great film', 'great acting and a lovely story', 'lovely, warm and great', 'not bad in the least'];
    const negative = ['an awful film', 'awful acting and a dull story', 'dull, cold and awful', 'not good in the least'];
    const teacher = trainNgramTeacher([...positive.map((text) => ({ text, positive: 1, weight: 1 })), ...negative.map((text) => ({ text, positive: 0, weight: 1 }))]);
    const [great, awful, notGood, notBad] = teacher.rate(['Great, lovely film!', 'Awful and dull.', 'Not good.', 'Not bad.']);
    expect(great).toBeGreaterThan(5.5);
    expect(awful).toBeLessThan(5.5);
    // "not good" and "not bad" share "not": only the pairs tell them apart.
    expect(notBad).toBeGreaterThan(notGood!);
    for (const rating of [great, awful, notGood, notBad]) expect(rating).toBeGreaterThanOrEqual(1), expect(rating).toBeLessThanOrEqual(10);
    expect(teacher.rate([])).toEqual([]);
    const before = tf.memory().numTensors;
    teacher.dispose();
    expect(tf.memory().numTensors).toBe(before - 2);
  });
});
