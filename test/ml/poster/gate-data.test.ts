import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENRES } from '../../../src/core/genres.js';
import { readNonPosters } from '../../../src/ml/training/poster/gate-data.js';
import { gateFigures, topGenreAgreement } from '../../../src/ml/training/poster/gate-evaluation.js';

describe('the gate\'s non-poster set', () => {
  it('keeps every image of one source group on the same side of the split', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'non-posters-'));
    const rows = Array.from({ length: 200 }, (_, i) => `img-${i}.jpg\tgroup-${i % 20}\ttest:${i}`);
    await writeFile(join(dir, 'sources.tsv'), ['file\tgroup\tsource', ...rows].join('\n'));
    const items = await readNonPosters(dir);
    expect(items).toHaveLength(200);
    for (let group = 0; group < 20; group++) {
      expect(new Set(items.filter((item) => item.origin === `group-${group}`).map((item) => item.split)).size).toBe(1);
    }
    expect(items.some((item) => item.split === 'validation')).toBe(true);
    expect(items.some((item) => item.split === 'train')).toBe(true);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('gate figures', () => {
  it('counts non-posters below and posters at or above the threshold', () => {
    const item = (source: 'poster' | 'wild-poster' | 'non-poster') => ({ id: source, imagePath: '', source, split: 'validation' as const, origin: '' });
    const figures = gateFigures([item('non-poster'), item('non-poster'), item('poster'), item('wild-poster')], [0.1, 0.7, 0.5, 0.2], 0.5);
    expect(figures).toMatchObject({ nonPostersBelowThreshold: 0.5, cleanPostersAtOrAbove: 1, wildPostersAtOrAbove: 0 });
  });

  it('measures how many of the clean top-3 genres the wild picture keeps', () => {
    const row = (top: readonly number[]) => GENRES.map((_, g) => (top.includes(g) ? 0.9 - top.indexOf(g) * 0.1 : 0.01));
    expect(topGenreAgreement([row([0, 1, 2]), row([3, 4, 5])], [row([2, 1, 0]), row([3, 9, 10])])).toBe(2);
  });
});
