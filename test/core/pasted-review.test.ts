import { describe, expect, it } from 'vitest';
import { withoutPageLines } from '../../src/core/pasted-review.js';

describe('a review pasted with its page', () => {
  it("drops the lines IMDb's and Letterboxd's review pages add", () => {
    const pasted = [
      'A genuinely moving film',
      '',
      'The performances are superb. It drags a little in the middle.',
      '',
      '45 out of 52 found this helpful.',
      'Was this review helpful? Sign in to vote.',
      'Permalink',
      'Helpful • 1.2K',
      'Not helpful•37',
      '  12 likes ',
    ].join('\n');
    expect(withoutPageLines(pasted)).toBe('A genuinely moving film\n\nThe performances are superb. It drags a little in the middle.');
  });

  it('drops them from a review whose lines were joined (a Discord command option)', () => {
    expect(withoutPageLines('Superb, if long. 45 out of 52 found this helpful. Was this review helpful? Sign in to vote. Permalink')).toBe('Superb, if long.');
  });

  it('keeps a review with none of them, and one that is nothing else, as typed', () => {
    const typed = 'Helpful for insomniacs.\nPermalink to my blog below';
    expect(withoutPageLines(typed)).toBe(typed);
    expect(withoutPageLines('Permalink')).toBe('Permalink');
  });
});
