import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadReviews, parseReviewPath, ReviewDataError, splitReviews } from '../../src/data/reviews.js';
import { reviewFiles, writeReviewArchive } from '../ml/review/fixtures.js';

describe('loadReviews', async () => {
  const { folder, archive } = await writeReviewArchive(reviewFiles());
  afterAll(() => Promise.all([rm(folder, { recursive: true }), rm(archive)]));

  it('reads every review of a .tar.gz in aclImdb layout, rating from the name, skipping malformed names', async () => {
    const { reviews, skipped } = await loadReviews(archive);
    expect(reviews).toHaveLength(6);
    expect(skipped.sort()).toEqual(['aclImdb/train/neg/99_9.txt', 'aclImdb/train/pos/notes.txt']);
    expect(reviews.find((r) => r.id === 'pos/1')).toMatchObject({ polarity: 'pos', rating: 9 });
    expect(reviews.find((r) => r.id === 'neg/1')).toMatchObject({ polarity: 'neg', rating: 2 });
  });

  it('strips <br /> tags', async () => {
    const { reviews } = await loadReviews(archive);
    expect(reviews.find((r) => r.id === 'pos/0')?.text).toBe('A wonderful, moving film.  Loved every minute!');
    expect(reviews.some((r) => r.text.includes('<br'))).toBe(false);
  });

  it('reads an extracted folder the same way as the archive', async () => {
    const [fromArchive, fromFolder] = await Promise.all([loadReviews(archive), loadReviews(join(folder, 'aclImdb'))]);
    expect(fromFolder.reviews).toEqual(fromArchive.reviews);
    expect(fromFolder.skipped).toHaveLength(2);
  });

  it('names the path when the data is missing or holds no review', async () => {
    await expect(loadReviews(join(folder, 'missing.tar.gz'))).rejects.toThrow(/not found: .*missing\.tar\.gz/);
    await expect(loadReviews(join(folder, 'aclImdb', 'imdb.vocab'))).rejects.toBeInstanceOf(ReviewDataError);
  });
});

describe('parseReviewPath', () => {
  it('ignores files outside pos/ and neg/ and flags names without an id and a fitting rating', () => {
    expect(parseReviewPath('aclImdb/imdb.vocab')).toEqual({ ignored: true });
    expect(parseReviewPath('aclImdb/train/unsup/1_0.txt')).toEqual({ ignored: true });
    expect(parseReviewPath('aclImdb/train/pos/12_5.txt')).toEqual({ malformed: true });
    expect(parseReviewPath('aclImdb/train/pos/12_11.txt')).toEqual({ malformed: true });
    expect(parseReviewPath('aclImdb/train/neg/x_2.txt')).toEqual({ malformed: true });
  });
});

describe('splitReviews', () => {
  it('puts the same review on the same side whatever the order', () => {
    const reviews = Array.from({ length: 200 }, (_, i) => ({ id: `${i % 2 ? 'pos' : 'neg'}/${i >> 1}`, polarity: 'pos' as const, rating: 8, text: '' }));
    const first = splitReviews(reviews, 0.2);
    const second = splitReviews([...reviews].reverse(), 0.2);
    expect(new Set(second.validation.map((r) => r.id))).toEqual(new Set(first.validation.map((r) => r.id)));
    expect(first.validation.length).toBeGreaterThan(10);
    expect(first.validation.length).toBeLessThan(80);
  });
});
