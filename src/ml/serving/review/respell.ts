/**
 * Chat's misspellings ("awsome", "dissapointing") are unknown words to the model, so they weigh nothing and a
 * one-line verdict reads as no verdict. The tokenizer respells an unknown word that is not English (it knows which
 * are: `TokenizerConfig.englishWords`), so training and serving read alike.
 */

/** Shorter unknown words are left alone: one edit from a short word reaches too many others ("gud": "bud", "god"). */
export const MIN_RESPELT_LENGTH = 5;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const LOWER_CASE_WORD = /^[a-z]+$/;

/** Every spelling one edit from `word`: a letter dropped, added or changed, or two neighbours swapped. */
function oneEditAway(word: string): Set<string> {
  const spellings = new Set<string>();
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) spellings.add(head + tail.slice(1));
    if (tail.length > 1) spellings.add(head + tail[1] + tail[0] + tail.slice(2));
    for (const letter of LETTERS) {
      spellings.add(head + letter + tail);
      if (tail.length > 0) spellings.add(head + letter + tail.slice(1));
    }
  }
  spellings.delete(word);
  return spellings;
}

/** `word` with one letter doubled or one double undone, the commonest slip ("dissapointing", "hillarious"). */
function doublingSlips(word: string): string[] {
  const slips: string[] = [];
  for (let i = 0; i < word.length; i++) {
    if (word[i] === word[i + 1]) slips.push(word.slice(0, i) + word.slice(i + 1));
    else if (word[i] !== word[i - 1]) slips.push(word.slice(0, i + 1) + word.slice(i));
  }
  return slips;
}

/**
 * The known word a misspelt `word` stands for: the most frequent known word with its first letter one edit away,
 * failing that two edits of which one is a doubling slip; undefined when none is known. `rank` gives a known
 * word's frequency rank (lower is more frequent) and undefined for an unknown one.
 */
export function respelled(word: string, rank: (candidate: string) => number | undefined): string | undefined {
  if (word.length < MIN_RESPELT_LENGTH || !LOWER_CASE_WORD.test(word)) return undefined;
  const mostFrequent = (candidates: Iterable<string>): string | undefined => {
    let best: string | undefined;
    let bestRank = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      // Slips rarely hit the first letter; a changed one mostly makes another word ("trama": "drama").
      if (candidate[0] !== word[0]) continue;
      const candidateRank = rank(candidate);
      if (candidateRank !== undefined && candidateRank < bestRank) [best, bestRank] = [candidate, candidateRank];
    }
    return best;
  };
  return mostFrequent(oneEditAway(word)) ?? mostFrequent(doublingSlips(word).flatMap((slip) => [slip, ...oneEditAway(slip)]));
}
