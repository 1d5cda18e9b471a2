import { describe, expect, it } from 'vitest';
import { BatchQueue } from '../../src/core/batch-queue.js';
import { UserFacingError } from '../../src/core/reply.js';

const double = async (inputs: number[]) => inputs.map((n) => n * 2);

describe('BatchQueue', () => {
  it('runs inputs that arrive together as one batch, each getting its own answer', async () => {
    const batches: number[][] = [];
    const queue = new BatchQueue(
      async (inputs: number[]) => {
        batches.push(inputs);
        return double(inputs);
      },
      { windowMs: 20, maxBatch: 8, maxConcurrent: 1, maxQueue: 100 },
    );
    expect(await Promise.all([1, 2, 3].map((n) => queue.run(n)))).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits at maxBatch', async () => {
    const sizes: number[] = [];
    const queue = new BatchQueue(
      async (inputs: number[]) => {
        sizes.push(inputs.length);
        return double(inputs);
      },
      { windowMs: 5, maxBatch: 4, maxConcurrent: 1, maxQueue: 100 },
    );
    await Promise.all(Array.from({ length: 10 }, (_, n) => queue.run(n)));
    expect(sizes.reduce((a, b) => a + b)).toBe(10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(4);
  });

  it('refuses with a busy message when the queue is full, and keeps serving', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const queue = new BatchQueue(
      async (inputs: number[]) => {
        await gate;
        return double(inputs);
      },
      { windowMs: 0, maxBatch: 1, maxConcurrent: 1, maxQueue: 2 },
    );
    const accepted = [queue.run(1), queue.run(2), queue.run(3)];
    await expect(queue.run(4)).rejects.toBeInstanceOf(UserFacingError);
    await expect(queue.run(4)).rejects.toThrow(/busy.*try again in \d+ s/);
    release();
    expect(await Promise.all(accepted)).toEqual([2, 4, 6]);
    expect(queue.idle).toBe(true);
  });

  it('rejects every input of a failed batch and recovers', async () => {
    let fail = true;
    const queue = new BatchQueue(
      async (inputs: number[]) => {
        if (fail) throw new Error('model crashed');
        return double(inputs);
      },
      { windowMs: 0, maxBatch: 4, maxConcurrent: 1, maxQueue: 10 },
    );
    await expect(queue.run(1)).rejects.toThrow('model crashed');
    fail = false;
    expect(await queue.run(5)).toBe(10);
  });
});
