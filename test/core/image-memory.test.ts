import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { decodePoster, ImageError } from '../../src/core/image.js';
import { buildImageCorpus } from '../helpers/image-corpus.js';

const MB = 1024 * 1024;

setFlagsFromString('--expose-gc');
/** A full collection before each reading, so garbage not yet collected does not look like a leak. */
const collectGarbage = runInNewContext('gc') as () => void;

function settledMemory(): NodeJS.MemoryUsage {
  collectGarbage();
  return process.memoryUsage();
}

describe('decodePoster memory', () => {
  it('gives memory back after 200 bad images', async () => {
    const bad = (await buildImageCorpus()).filter((entry) => entry.problem !== undefined);
    const refuseAll = async (count: number) => {
      for (let i = 0; i < count; i++) {
        const entry = bad[i % bad.length];
        await expect(decodePoster(entry?.bytes ?? new Uint8Array(), 64)).rejects.toBeInstanceOf(ImageError);
      }
    };
    await refuseAll(40);
    const before = settledMemory();
    await refuseAll(200);
    const after = settledMemory();
    // Generous: a leak of the 30000x30000 bomb or of libvips buffers would show up as hundreds of MB.
    expect(after.rss - before.rss).toBeLessThan(96 * MB);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(32 * MB);
  });
});
