import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSstSplit, parseSst, SST_LEVEL_RATINGS, sstLevelToRating } from '../../src/data/sst.js';

const FIXTURE = [
  "4 a stirring , funny and finally transporting re-imagining of beauty and the beast",
  "1 they presume their audience wo n't sit still for a sociology lesson .",
  '',
  '2 it -lrb- the film -rrb- is a film .',
].join('\n');

describe('SST sentences', () => {
  it('reads the level and the sentence of each line, skipping blank lines', () => {
    expect(parseSst(FIXTURE, 'dev')).toEqual([
      { id: 'dev:1', level: 4, text: 'a stirring , funny and finally transporting re-imagining of beauty and the beast' },
      { id: 'dev:2', level: 1, text: "they presume their audience wo n't sit still for a sociology lesson ." },
      { id: 'dev:4', level: 2, text: 'it -lrb- the film -rrb- is a film .' },
    ]);
  });

  it('names the line that is not "<label> <sentence>"', () => {
    expect(() => parseSst('4 fine\n7 out of range', 'train')).toThrow(/line 2/);
  });

  it('loads stsa.fine.<split> from a folder and says which file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sst-'));
    await writeFile(join(dir, 'stsa.fine.train'), FIXTURE);
    expect(await loadSstSplit(dir, 'train')).toHaveLength(3);
    await expect(loadSstSplit(dir, 'dev')).rejects.toThrow(/stsa\.fine\.dev/);
    await rm(dir, { recursive: true, force: true });
  });

  it('maps the five levels onto the rating scale in equal steps around the 5.5 boundary', () => {
    expect([0, 1, 2, 3, 4].map((level) => sstLevelToRating(level as 0))).toEqual([1.5, 3.5, 5.5, 7.5, 9.5]);
    expect(Object.values(SST_LEVEL_RATINGS).every((rating) => rating >= 1 && rating <= 10)).toBe(true);
  });
});
